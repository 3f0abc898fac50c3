package dev.multiarch.tekton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a generated set of documents (Pipeline, Tasks, PipelineRun, ...) against the Tekton v1 admission rules a
 * schema cannot express (shared/TEKTON-RULES.md), the runtime fit of each Pipeline with the Tasks it references,
 * and the project's rule that no step script contains a {@code $(params|tasks|context|workspaces...)} substitution.
 * Findings read {@code Kind/name path: rule}, for example
 * {@code Pipeline/demo spec.tasks[1].runAfter[0]: runAfter names 'nope', which is not a task in tasks}.
 */
public final class TektonRules {

  private static final Set<String> TEKTON_KINDS = Set.of("Pipeline", "Task", "PipelineRun", "TaskRun");

  private TektonRules() {
  }

  /**
   * Checks every document of the set; each string may hold one or several {@code ---} separated YAML documents.
   *
   * @return the findings, in document order; empty when the set is clean
   */
  public static List<String> check(List<String> yamlDocuments) {
    List<YamlDocs.Doc> docs = YamlDocs.parse(yamlDocuments);
    Map<String, JsonNode> tasks = byName(docs, "Task");
    Map<String, JsonNode> pipelines = byName(docs, "Pipeline");
    Findings f = new Findings();
    for (YamlDocs.Doc doc : docs) {
      metadata(f, doc);
      switch (doc.kind()) {
        case "Pipeline" -> {
          PipelineRules.checkSpec(f, doc, doc.root().path("spec"), "spec");
          CrossDocumentRules.check(f, doc, tasks);
        }
        case "Task" -> TaskRules.checkSpec(f, doc, doc.root().path("spec"), "spec", Map.of(), Set.of());
        case "PipelineRun" -> PipelineRunRules.check(f, doc, pipelines);
        default -> {
          // ImageStream, ServiceAccount, RoleBinding, Kustomization...: only their names are Tekton's business.
        }
      }
    }
    return f.lines();
  }

  /** Asserts that {@link #check(List)} finds nothing, listing every finding otherwise. */
  public static void assertClean(List<String> yamlDocuments) {
    List<String> findings = check(yamlDocuments);
    assertThat(findings)
        .as("Tekton admission rule violations:%n  %s", String.join("\n  ", findings))
        .isEmpty();
  }

  private static void metadata(Findings f, YamlDocs.Doc doc) {
    JsonNode metadata = doc.root().get("metadata");
    if (metadata == null) {
      if (TEKTON_KINDS.contains(doc.kind())) {
        f.add(doc, "metadata", "metadata.name or metadata.generateName is required");
      }
      return;
    }
    String name = Nodes.text(metadata, "name");
    String generateName = Nodes.text(metadata, "generateName");
    if (name != null) {
      if (!Nodes.DNS_SUBDOMAIN.matcher(name).matches() || name.length() > 63) {
        f.add(doc, "metadata.name", "'" + name + "' must be a DNS-1123 subdomain of at most 63 characters");
      }
    } else if (generateName != null) {
      String stem = generateName.endsWith("-") ? generateName.substring(0, generateName.length() - 1) : generateName;
      if (!Nodes.DNS_SUBDOMAIN.matcher(stem).matches() || generateName.length() + 5 > 63) {
        f.add(doc, "metadata.generateName", "'" + generateName + "' plus 5 generated characters must be a DNS-1123"
            + " subdomain of at most 63 characters");
      }
    } else if (TEKTON_KINDS.contains(doc.kind())) {
      f.add(doc, "metadata", "metadata.name or metadata.generateName is required");
    }
  }

  private static Map<String, JsonNode> byName(List<YamlDocs.Doc> docs, String kind) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    docs.stream().filter(d -> kind.equals(d.kind())).forEach(d -> byName.putIfAbsent(d.name(), d.root()));
    return byName;
  }
}
