package dev.multiarch.tekton.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a generated set of documents (Pipeline, Tasks, PipelineRun, ...) against the Tekton v1 admission rules a
 * schema cannot express (docs/validation-rules.md), the runtime fit of each Pipeline with the Tasks it references,
 * and the project's rule that no step script contains a {@code $(params|tasks|context|workspaces...)} substitution.
 * Findings read {@code Kind/name path: rule}, for example
 * {@code Pipeline/demo spec.tasks[1].runAfter[0]: runAfter names 'nope', which is not a task in tasks}.
 */
public final class TektonRules {

  private static final Set<String> TEKTON_KINDS = Set.of("Pipeline", "Task", "PipelineRun", "TaskRun");

  private TektonRules() {
  }

  /** True for the kinds this checker knows: Pipeline, Task, PipelineRun, TaskRun. */
  public static boolean isTekton(YamlDocs.Doc doc) {
    return TEKTON_KINDS.contains(doc.kind()) || doc.root().path("apiVersion").asText().startsWith("tekton.dev/");
  }

  /**
   * Checks every Tekton document of the set; the others (ImageStream, ServiceAccount, ...) are skipped.
   *
   * @param alpha whether {@code enable-api-fields} is {@code alpha} rather than the default {@code beta}
   * @return the findings, in document order; empty when the set is clean
   */
  public static List<Findings.Finding> check(List<YamlDocs.Doc> docs, boolean alpha) {
    Map<String, JsonNode> tasks = byName(docs, "Task");
    Map<String, JsonNode> pipelines = byName(docs, "Pipeline");
    Findings f = new Findings(alpha);
    for (YamlDocs.Doc doc : docs) {
      if (!isTekton(doc)) {
        continue;
      }
      doc.duplicateKeys().forEach(path -> f.add(doc, path, "duplicate key: the field is given twice"));
      if (!TEKTON_KINDS.contains(doc.kind())) {
        f.add(doc, "kind", "'" + doc.kind() + "' is not a kind of tekton.dev/v1; expected one of Pipeline, Task, "
            + "PipelineRun, TaskRun");
        continue;
      }
      Structure.check(f, doc);
      metadata(f, doc);
      switch (doc.kind()) {
        case "Pipeline" -> {
          PipelineRules.checkSpec(f, doc, doc.root().path("spec"), "spec");
          CrossDocumentRules.check(f, doc, tasks);
        }
        case "Task" -> {
          TaskRules.checkSpec(f, doc, doc.root().path("spec"), "spec", Map.of(), Set.of());
          ProjectRules.privileged(f, doc, doc.root().path("spec"), "spec", doc.root().path("metadata"));
        }
        case "PipelineRun" -> PipelineRunRules.check(f, doc, pipelines);
        case "TaskRun" -> taskRun(f, doc);
        default -> {
          // ImageStream, ServiceAccount, RoleBinding, Kustomization...: only their names are Tekton's business.
        }
      }
    }
    return f.all();
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

  /** A TaskRun's inline taskSpec gets the Task rules; its taskRef the ref rules. */
  private static void taskRun(Findings f, YamlDocs.Doc doc) {
    JsonNode spec = doc.root().path("spec");
    if (spec.has("taskRef") == spec.has("taskSpec")) {
      f.add(doc, "spec", "expected exactly one of taskRef or taskSpec");
    }
    if (spec.has("taskRef")) {
      RefRules.check(f, doc, spec.get("taskRef"), "spec.taskRef");
    }
    if (spec.has("taskSpec")) {
      TaskRules.checkSpec(f, doc, spec.get("taskSpec"), "spec.taskSpec", Map.of(), Set.of());
      ProjectRules.privileged(f, doc, spec.get("taskSpec"), "spec.taskSpec", spec.get("taskSpec").path("metadata"));
    }
  }

  private static Map<String, JsonNode> byName(List<YamlDocs.Doc> docs, String kind) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    docs.stream().filter(d -> kind.equals(d.kind())).forEach(d -> byName.putIfAbsent(d.name(), d.root()));
    return byName;
  }
}
