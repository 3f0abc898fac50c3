package dev.multiarch.tekton.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.testing.KubernetesModels;
import dev.multiarch.tekton.testing.TektonRules;
import dev.multiarch.tekton.validate.testing.TektonSchemas;
import dev.multiarch.tekton.yaml.YamlWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The examples that ship a Pipelines-as-Code folder ({@code pac/}, what {@code generate --pac-dir}
 * writes): it is current, and each of its runs, with PaC's {@code {{ }}} variables filled in as PaC
 * fills them, keeps the schemas and every rule, as written and as PaC resolves it (the Pipeline and
 * Tasks beside it inlined, as its {@code pkg/resolve/resolve.go}, {@code Resolve} and {@code
 * inlineTasks}, does).
 */
class PacFoldersTest {

  private static final Path EXAMPLES = GoldenFiles.projectRoot().resolve("examples");

  /** The examples with a pac/ folder. */
  private static final List<String> WITH_PAC = List.of("private-git");

  /**
   * Plausible values of the variables the runs use: PaC's git_auth_secret is {@code pac-gitauth-}
   * and random characters ({@code pkg/secrets}, {@code GenerateBasicAuthSecretName}).
   */
  private static final Map<String, String> VARIABLES =
      Map.of(
          "repo_url", "https://git.example.com/team/app.git",
          "revision", "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
          "pull_request_number", "42",
          "git_auth_secret", "pac-gitauth-x7k2q");

  /** PaC's placeholder syntax ({@code pkg/apis/pipelinesascode/keys/keys.go}, {@code ParamsRe}). */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]{2,})}}");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static Stream<Path> specs() {
    return WITH_PAC.stream().map(name -> EXAMPLES.resolve(name).resolve("multiarch.yaml"));
  }

  @TestFactory
  Stream<DynamicTest> example_pacFolder_isCurrent() {
    return specs()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec.getParent().getFileName().toString(),
                    () ->
                        GoldenFiles.assertFolderMatches(
                            spec.getParent().resolve("pac"),
                            MultiArchTekton.fromSpecFile(spec).generate().pacFiles())));
  }

  @TestFactory
  Stream<DynamicTest> example_pacRuns_withVariablesFilledIn_keepEveryRule() {
    return specs()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec.getParent().getFileName().toString(),
                    () -> {
                      Map<String, String> files =
                          MultiArchTekton.fromSpecFile(spec).generate().pacFiles();
                      List<String> documents = new ArrayList<>();
                      for (String content : files.values()) {
                        String filled = fill(content);
                        TektonSchemas.assertValid(spec.toString(), filled);
                        KubernetesModels.assertValid(spec.toString(), filled);
                        documents.add(filled);
                      }
                      TektonRules.assertClean(documents);
                      for (String resolved : resolvedAsPacDoes(documents)) {
                        TektonSchemas.assertValid(spec.toString(), resolved);
                        TektonRules.assertClean(List.of(resolved));
                      }
                    }));
  }

  /** PaC's substitution: known keys replaced, any other {@code {{ }}} left as it is. */
  static String fill(String text) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      String value = VARIABLES.get(matcher.group(1).trim());
      matcher.appendReplacement(
          filled, Matcher.quoteReplacement(value == null ? matcher.group() : value));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }

  /**
   * Each PipelineRun as PaC's resolver hands it to Tekton: its {@code pipelineRef} replaced by the
   * Pipeline's spec, each {@code taskRef} in it by the Task's spec.
   */
  static List<String> resolvedAsPacDoes(List<String> documents) throws IOException {
    Map<String, ObjectNode> byKindAndName = new HashMap<>();
    List<ObjectNode> runs = new ArrayList<>();
    for (String document : documents) {
      ObjectNode node = (ObjectNode) YAML.readTree(document);
      String kind = node.path("kind").asText();
      if (kind.equals("PipelineRun")) {
        runs.add(node);
      } else {
        byKindAndName.put(kind + "/" + node.path("metadata").path("name").asText(), node);
      }
    }
    List<String> resolved = new ArrayList<>();
    for (ObjectNode run : runs) {
      ObjectNode spec = (ObjectNode) run.get("spec");
      ObjectNode pipeline =
          byKindAndName.get("Pipeline/" + spec.path("pipelineRef").path("name").asText());
      assertThat(pipeline).as("the Pipeline the run references is beside it").isNotNull();
      ObjectNode pipelineSpec = pipeline.get("spec").deepCopy();
      for (String list : List.of("tasks", "finally")) {
        if (pipelineSpec.get(list) instanceof ArrayNode tasks) {
          for (var task : tasks) {
            ObjectNode pipelineTask = (ObjectNode) task;
            if (pipelineTask.has("taskRef")) {
              ObjectNode referenced =
                  byKindAndName.get("Task/" + pipelineTask.path("taskRef").path("name").asText());
              assertThat(referenced).as("the Task %s references is beside it", task).isNotNull();
              pipelineTask.remove("taskRef");
              ObjectNode taskSpec = referenced.get("spec").deepCopy();
              // v0.43.0 (inlineTasks) keeps the Task's labels and annotations in the embedded
              // spec's metadata; v0.24.6 drops them, which Tekton does not mind.
              ObjectNode metadata = taskSpec.putObject("metadata");
              for (String field : List.of("labels", "annotations")) {
                if (referenced.path("metadata").has(field)) {
                  metadata.set(field, referenced.path("metadata").get(field).deepCopy());
                }
              }
              pipelineTask.set("taskSpec", taskSpec);
            }
          }
        }
      }
      spec.remove("pipelineRef");
      spec.set("pipelineSpec", pipelineSpec);
      resolved.add(YamlWriter.toYaml(run));
    }
    return resolved;
  }
}
