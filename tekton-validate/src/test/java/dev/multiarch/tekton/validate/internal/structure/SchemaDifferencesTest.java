package dev.multiarch.tekton.validate.internal.structure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.validate.internal.structure.StructureCheck.Problem;
import dev.multiarch.tekton.validate.testing.TektonSchemas;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where this check and the strict schemas (Tekton v1.15 line, Kubernetes 1.34 types) knowingly
 * disagree: fields newer than fabric8 7.1.0, nodes the schemas leave open, webhook-only required
 * fields and null values. A change on either side (a fabric8 upgrade, new schemas) makes one of
 * these fail, so the list stays true.
 */
class SchemaDifferencesTest {

  @ParameterizedTest
  @MethodSource("onlyThisCheckRejects")
  void document_differingDocument_isRejectedOnlyByThisCheck(JsonNode root, Problem expected) {
    assertThat(StructureCheck.document(root, root.path("kind").asText())).containsExactly(expected);
    assertThat(TektonSchemas.validate(root)).as("strict schema").isEmpty();
  }

  /**
   * Fields newer than fabric8 7.1.0's models, which ModelFields adds back: accepted, as the schemas
   * accept them.
   */
  @ParameterizedTest
  @MethodSource("newerThanFabric8")
  void document_fieldNewerThanFabric8_isAcceptedByBoth(JsonNode root) {
    assertThat(StructureCheck.document(root, root.path("kind").asText())).isEmpty();
    assertThat(TektonSchemas.validate(root)).as("strict schema").isEmpty();
  }

  static Stream<Arguments> newerThanFabric8() {
    return Stream.of(
        Arguments.of(
            Named.of(
                "step displayName",
                Yaml.task("steps:\n  - image: busybox\n    displayName: Build\n"))),
        Arguments.of(
            Named.of(
                "pipelineRun managedBy",
                Yaml.pipelineRun("pipelineRef:\n  name: p\nmanagedBy: kueue\n"))),
        Arguments.of(
            Named.of(
                "taskRunSpecs timeout",
                Yaml.pipelineRun(
                    "pipelineRef:\n  name: p\ntaskRunSpecs:\n"
                        + "  - pipelineTaskName: a\n    timeout: 1h\n"))),
        Arguments.of(
            Named.of(
                "podTemplate hostUsers",
                Yaml.pipelineRun(
                    "pipelineRef:\n  name: p\ntaskRunTemplate:\n"
                        + "  podTemplate:\n    hostUsers: false\n"))),
        Arguments.of(
            Named.of(
                "env fileKeyRef",
                Yaml.task(
                    "steps:\n  - image: busybox\n    env:\n      - name: A\n"
                        + "        valueFrom:\n          fileKeyRef:\n            key: k\n            path: p\n"
                        + "            volumeName: v\n"))));
  }

  /**
   * A param value written as a YAML number or boolean: Tekton's ParamValue.UnmarshalJSON reads it
   * as its text, and the CRD leaves the value open (x-kubernetes-preserve-unknown-fields); the
   * strict schemas want a string.
   */
  @Test
  void document_paramValueAsAYamlNumber_isRejectedOnlyBySchema() {
    JsonNode run =
        Yaml.pipelineRun(
            "pipelineRef:\n  name: p\nparams:\n  - name: n\n    value: 3\n"
                + "  - name: b\n    value: true\n");

    assertThat(StructureCheck.document(run, "PipelineRun")).isEmpty();
    assertThat(TektonSchemas.validate(run)).isNotEmpty();
  }

  @Test
  void document_optionalFieldSetToNull_isRejectedOnlyBySchema() {
    JsonNode pipeline = Yaml.pipeline("description: null\ntasks: []\n");

    assertThat(StructureCheck.document(pipeline, "Pipeline")).isEmpty();
    assertThat(TektonSchemas.validate(pipeline)).isNotEmpty();
  }

  static Stream<Arguments> onlyThisCheckRejects() {
    return Stream.of(
        // required by Tekton's webhook, not by the CRD schema
        differs(
            "pipeline task without name",
            Yaml.pipeline("tasks:\n  - taskRef:\n      name: x\n"),
            "spec.tasks[0].name",
            "required field 'name' is missing"),
        differs(
            "when expression without operator",
            Yaml.pipeline(
                "tasks:\n  - name: a\n    taskRef:\n"
                    + "      name: x\n    when:\n      - input: a\n        values: [a]\n"),
            "spec.tasks[0].when[0].operator",
            "required field 'operator' is missing"),
        differs(
            "matrix include without params",
            Yaml.pipeline(
                "tasks:\n  - name: a\n    taskRef:\n      name: x\n"
                    + "    matrix:\n      include:\n        - name: extra\n"),
            "spec.tasks[0].matrix.include[0].params",
            "required field 'params' is missing"),
        // left open by the schemas
        differs(
            "unknown volume field",
            Yaml.task("steps: []\nvolumes:\n  - name: v\n    emptydir: {}\n"),
            "spec.volumes[0].emptydir",
            "unknown field 'emptydir'; did you mean 'emptyDir'?"),
        differs(
            "volume without name",
            Yaml.task("steps: []\nvolumes:\n  - emptyDir: {}\n"),
            "spec.volumes[0].name",
            "required field 'name' is missing"),
        differs(
            "unknown podTemplate affinity field",
            Yaml.pipelineRun(
                "pipelineRef:\n  name: p\n"
                    + "taskRunTemplate:\n  podTemplate:\n    affinity:\n      nodeAffinty: {}\n"),
            "spec.taskRunTemplate.podTemplate.affinity.nodeAffinty",
            "unknown field 'nodeAffinty'; did you mean 'nodeAffinity'?"));
  }

  private static Arguments differs(String label, JsonNode root, String path, String message) {
    return Arguments.of(Named.of(label, root), new Problem(path, message));
  }
}
