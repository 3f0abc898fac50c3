package dev.multiarch.tekton.validate.internal.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.validate.internal.structure.StructureCheck.Problem;
import org.junit.jupiter.api.Test;

class StructureCheckTest {

  private static final String TASKS =
      """
      tasks:
        - name: build
          taskRef:
            name: buildah
      """;

  @Test
  void document_withSoundPipeline_reportsNothing() {
    JsonNode pipeline =
        Yaml.pipeline(
            """
        description: builds
        params:
          - name: platforms
            type: array
            default: [linux/amd64]
        workspaces:
          - name: source
        tasks:
          - name: build
            taskRef:
              name: buildah
            params:
              - name: platform
                value: $(params.platforms[*])
            workspaces:
              - name: source
                workspace: source
        finally:
          - name: cleanup
            taskRef:
              name: cleanup
        """);

    assertThat(StructureCheck.document(pipeline, "Pipeline")).isEmpty();
  }

  @Test
  void document_withV1beta1ApiVersion_reportsApiVersion() {
    JsonNode task =
        Yaml.parse(
            """
        apiVersion: tekton.dev/v1beta1
        kind: Task
        metadata:
          name: t
        spec:
          steps:
            - image: busybox
        """);

    assertThat(StructureCheck.document(task, "Task"))
        .containsExactly(
            new Problem(
                "apiVersion", "apiVersion must be tekton.dev/v1, got 'tekton.dev/v1beta1'"));
  }

  @Test
  void document_withKindOtherThanAsked_reportsKind() {
    JsonNode task = Yaml.task("steps:\n  - image: busybox\n");

    assertThat(StructureCheck.document(task, "TaskRun"))
        .containsExactly(
            new Problem("kind", "kind must be TaskRun, got 'Task'"),
            new Problem(
                "spec.steps",
                "unknown field 'steps'; known: computeResources, debug, managedBy, params,"
                    + " podTemplate, retries, serviceAccountName, sidecarSpecs, status, statusMessage, stepSpecs, taskRef,"
                    + " taskSpec, timeout, workspaces"));
  }

  @Test
  void document_withUnsupportedKind_throwsNamingTheKinds() {
    assertThatThrownBy(() -> StructureCheck.document(Yaml.parse("kind: CustomRun"), "CustomRun"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "kind must be one of Pipeline, Task, PipelineRun, TaskRun, StepAction, got 'CustomRun'");
  }

  @Test
  void document_withNonObjectRoot_reportsWholeDocument() {
    assertThat(StructureCheck.document(Yaml.parse("- a\n- b\n"), "Pipeline"))
        .containsExactly(new Problem("", "expected an object, got an array"));
  }

  @Test
  void document_withStatus_skipsIt() {
    JsonNode run = Yaml.pipelineRun("pipelineRef:\n  name: p\n");
    ((com.fasterxml.jackson.databind.node.ObjectNode) run)
        .set(
            "status",
            Yaml.parse(
                "conditions: [{type: Succeeded, status: 'True', bogus: 1}]\nanything: [1, 2]\n"));

    assertThat(StructureCheck.document(run, "PipelineRun")).isEmpty();
    assertThat(run.has("status")).isTrue();
  }

  @Test
  void document_withStatusOnPipeline_skipsIt() {
    JsonNode pipeline =
        Yaml.parse(
            """
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata:
          name: p
        spec:
        """
                + TASKS.indent(2)
                + "status: {}\n");

    assertThat(StructureCheck.document(pipeline, "Pipeline")).isEmpty();
  }

  @Test
  void document_withFieldSetToNull_treatsItAsAbsent() {
    JsonNode pipeline = Yaml.pipeline("description:\nparams:\n" + TASKS);

    assertThat(StructureCheck.document(pipeline, "Pipeline")).isEmpty();
  }

  @Test
  void document_withSeveralProblems_reportsThemInDocumentOrder() {
    JsonNode pipeline =
        Yaml.parse(
            """
        apiVersion: tekton.dev/v1alpha1
        kind: Pipeline
        metadata:
          name: p
          labelz: {}
        spec:
          tasks:
            - taskRef:
                name: a
              retries: many
        """);

    assertThat(StructureCheck.document(pipeline, "Pipeline"))
        .containsExactly(
            new Problem(
                "apiVersion", "apiVersion must be tekton.dev/v1, got 'tekton.dev/v1alpha1'"),
            new Problem("metadata.labelz", "unknown field 'labelz'; did you mean 'labels'?"),
            new Problem("spec.tasks[0].retries", "expected an integer, got a string"),
            new Problem("spec.tasks[0].name", "required field 'name' is missing"));
  }
}
