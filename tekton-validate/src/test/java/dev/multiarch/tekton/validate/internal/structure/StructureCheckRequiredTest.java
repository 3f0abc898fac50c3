package dev.multiarch.tekton.validate.internal.structure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.validate.internal.structure.StructureCheck.Problem;
import org.junit.jupiter.api.Test;

class StructureCheckRequiredTest {

  private static Problem missing(String path) {
    String name = path.substring(path.lastIndexOf('.') + 1);
    return new Problem(path, "required field '" + name + "' is missing");
  }

  @Test
  void check_emptyDocument_reportsApiVersionKindMetadataAndSpec() {
    assertThat(StructureCheck.document(Yaml.parse("{}"), "Task"))
        .containsExactly(
            missing("apiVersion"), missing("kind"), missing("metadata"), missing("spec"));
  }

  @Test
  void check_pipelineTaskWithoutName_reportsName() {
    JsonNode pipeline =
        Yaml.pipeline(
            "tasks:\n  - taskRef:\n      name: x\nfinally:\n  - name:\n    taskRef:\n"
                + "      name: y\n");

    assertThat(StructureCheck.document(pipeline, "Pipeline"))
        .containsExactly(missing("spec.tasks[0].name"), missing("spec.finally[0].name"));
  }

  @Test
  void check_paramsAndParamSpecs_requireNameAndValue() {
    JsonNode pipeline =
        Yaml.pipeline(
            """
        params:
          - type: string
        tasks:
          - name: a
            taskRef:
              name: x
            params:
              - name: p
              - value: v
        """);

    assertThat(StructureCheck.document(pipeline, "Pipeline"))
        .containsExactly(
            missing("spec.params[0].name"),
            missing("spec.tasks[0].params[0].value"),
            missing("spec.tasks[0].params[1].name"));
  }

  @Test
  void check_stepWithoutName_isAccepted() {
    JsonNode task = Yaml.task("steps:\n  - image: busybox\n    script: echo hi\n");

    assertThat(StructureCheck.document(task, "Task")).isEmpty();
  }

  @Test
  void check_workspacesAndResults_requireNames() {
    JsonNode pipeline =
        Yaml.pipeline(
            """
        workspaces:
          - description: sources
        results:
          - name: digest
          - value: $(tasks.a.results.digest)
        tasks:
          - name: a
            taskSpec:
              workspaces:
                - readOnly: true
              results:
                - description: the digest
              steps:
                - image: busybox
                  workspaces:
                    - mountPath: /src
                  results:
                    - type: string
            workspaces:
              - workspace: source
        """);

    assertThat(StructureCheck.document(pipeline, "Pipeline"))
        .containsExactly(
            missing("spec.workspaces[0].name"),
            missing("spec.results[0].value"),
            missing("spec.results[1].name"),
            missing("spec.tasks[0].taskSpec.workspaces[0].name"),
            missing("spec.tasks[0].taskSpec.results[0].name"),
            missing("spec.tasks[0].taskSpec.steps[0].workspaces[0].name"),
            missing("spec.tasks[0].taskSpec.steps[0].results[0].name"),
            missing("spec.tasks[0].workspaces[0].name"));
  }

  @Test
  void check_workspaceBindingWithoutName_reportsName() {
    JsonNode run = Yaml.pipelineRun("pipelineRef:\n  name: p\nworkspaces:\n  - emptyDir: {}\n");

    assertThat(StructureCheck.document(run, "PipelineRun"))
        .containsExactly(missing("spec.workspaces[0].name"));
  }

  @Test
  void check_whenExpression_requiresInputOperatorValuesUnlessCel() {
    JsonNode pipeline =
        Yaml.pipeline(
            """
        tasks:
          - name: a
            taskRef:
              name: x
            when:
              - cel: "'$(params.branch)' == 'main'"
              - input: $(params.branch)
                values: [main]
        """);

    assertThat(StructureCheck.document(pipeline, "Pipeline"))
        .containsExactly(missing("spec.tasks[0].when[1].operator"));
  }

  @Test
  void check_matrixIncludeWithoutParams_reportsParams() {
    JsonNode pipeline =
        Yaml.pipeline(
            """
        tasks:
          - name: a
            taskRef:
              name: x
            matrix:
              params:
                - name: platform
                  value: [linux/amd64, linux/arm64]
              include:
                - name: extra
        """);

    assertThat(StructureCheck.document(pipeline, "Pipeline"))
        .containsExactly(missing("spec.tasks[0].matrix.include[0].params"));
  }

  @Test
  void check_kubernetesParts_requireTheirKeys() {
    JsonNode task =
        Yaml.task(
            """
        steps:
          - image: busybox
            env:
              - value: x
            volumeMounts:
              - name: cache
        volumes:
          - emptyDir: {}
        """);

    assertThat(StructureCheck.document(task, "Task"))
        .containsExactly(
            missing("spec.steps[0].env[0].name"),
            missing("spec.steps[0].volumeMounts[0].mountPath"),
            missing("spec.volumes[0].name"));
  }

  @Test
  void check_requiredFieldSetToNull_reportsItMissing() {
    JsonNode task = Yaml.task("params:\n  - name: ~\nsteps: []\n");

    assertThat(StructureCheck.document(task, "Task"))
        .containsExactly(missing("spec.params[0].name"));
  }

  @Test
  void check_stepSpecsOfTaskRun_requireNameAndComputeResources() {
    JsonNode run = Yaml.taskRun("taskRef:\n  name: x\nstepSpecs:\n  - name: build\n");

    assertThat(StructureCheck.document(run, "TaskRun"))
        .containsExactly(missing("spec.stepSpecs[0].computeResources"));
  }
}
