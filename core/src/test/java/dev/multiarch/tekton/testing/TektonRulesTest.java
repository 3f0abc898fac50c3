package dev.multiarch.tekton.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.validate.testing.ValidSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The valid set passes; each planted defect (one small edit of it) is reported at the right path.
 */
class TektonRulesTest {

  private static final String P = "Pipeline/demo ";
  private static final String BUILD = "Task/demo-build ";
  private static final String RUN = "PipelineRun/demo-run-* ";

  @Test
  void check_withValidSet_findsNothing() {
    TektonRules.assertClean(ValidSet.documents());
  }

  @Test
  void check_withRunAfterUnknownTask_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "      runAfter:\n        - build\n",
            "      runAfter:\n        - biuld\n");

    assertThat(TektonRules.check(docs))
        .containsExactly(
            P + "spec.tasks[1].runAfter[0]: runAfter names 'biuld', which is not a task in tasks");
  }

  @Test
  void check_withRunAfterFinallyTask_reportsPath() {
    List<String> docs =
        ValidSet.withEdit("pipeline.yaml", "        - build\n", "        - report\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m -> m.startsWith(P + "spec.tasks[1].runAfter[0]: ") && m.contains("finally task"));
  }

  @Test
  void check_withCycle_reportsTasks() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "    - name: build\n      taskRef:\n",
            "    - name: build\n      runAfter:\n        - manifest\n      taskRef:\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(m -> m.startsWith(P + "spec.tasks: cycle in the task graph: "));
  }

  @Test
  void check_withDuplicateTaskNameAcrossFinally_reportsPath() {
    List<String> docs =
        ValidSet.withEdit("pipeline.yaml", "    - name: report\n", "    - name: build\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(m -> m.startsWith(P + "spec.finally[0].name: duplicate"));
  }

  @Test
  void check_withUpperCaseTaskName_reportsPath() {
    List<String> docs =
        ValidSet.withEdit("pipeline.yaml", "    - name: report\n", "    - name: Report\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(m -> m.startsWith(P + "spec.finally[0].name: ") && m.contains("DNS-1123 label"));
  }

  @Test
  void check_withTaskRefAndTaskSpec_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "      taskRef:\n        name: demo-report\n",
            "      taskRef:\n        name: demo-report\n      taskSpec:\n        steps:\n          - image: x\n");

    assertThat(TektonRules.check(docs))
        .contains(P + "spec.finally[0]: expected exactly one of taskRef or taskSpec");
  }

  @Test
  void check_withUnqualifiedTaskRefName_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml", "        name: demo-report\n", "        name: demo report\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m ->
                m.startsWith(
                    P
                        + "spec.finally[0].taskRef.name: 'demo report'"
                        + " is not a qualified name"));
  }

  @Test
  void check_withUndeclaredPipelineParam_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "          value: $(params.builder-image)\n",
            "          value: $(params.builder)\n");

    assertThat(TektonRules.check(docs))
        .containsExactly(
            P
                + "spec.tasks[0].params[1].value: $(params.builder) names undeclared param 'builder'");
  }

  @Test
  void check_withArrayParamNotIsolated_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "            value: $(params.platforms[*])\n",
            "            value: x$(params.platforms[*])\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m ->
                m.startsWith(P + "spec.tasks[0].matrix.params[0].value: ")
                    && m.contains("must stand alone"));
  }

  @Test
  void check_withArrayParamUsedAsString_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "            value: $(params.platforms[*])\n",
            "            value: $(params.platforms)\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m ->
                m.startsWith(
                    P
                        + "spec.tasks[0].matrix.params[0].value: "
                        + "array param 'platforms' must be used whole"));
  }

  @Test
  void check_withDefaultTypeMismatch_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "      type: string\n      default: quay.io/multiarch-tekton/buildah-qemu:1.39.0-1\n",
            "      type: array\n      default: quay.io/multiarch-tekton/buildah-qemu:1.39.0-1\n");

    assertThat(TektonRules.check(docs))
        .contains(
            P + "spec.params[2].default: default is string but param 'builder-image' is array");
  }

  @Test
  void check_withDuplicatePipelineParam_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "    - name: image\n      type: string\n",
            "    - name: platforms\n      type: string\n");

    assertThat(TektonRules.check(docs))
        .contains(P + "spec.params[1].name: duplicate param name 'platforms'");
  }

  @Test
  void check_withUnknownContextVariable_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml", "$(context.pipelineRun.name)", "$(context.pipelineRun.id)");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m ->
                m.startsWith(
                    P
                        + "spec.tasks[0].params[2].value: context"
                        + " variable $(context.pipelineRun.id) is not one Tekton allows"));
  }

  @Test
  void check_withUndeclaredWorkspaceBinding_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml", "          workspace: shared\n", "          workspace: src\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m ->
                m.startsWith(
                    P
                        + "spec.tasks[0].workspaces[0].workspace: "
                        + "binds pipeline workspace 'src'"));
  }

  @Test
  void check_withFinallyRunAfter_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "    - name: report\n",
            "    - name: report\n      runAfter:\n        - manifest\n");

    assertThat(TektonRules.check(docs))
        .contains(P + "spec.finally[0].runAfter: finally tasks cannot have runAfter");
  }

  @Test
  void check_withTooManyMatrixCombinations_reportsPath() {
    String many = "            value:\n" + "              - x\n".repeat(257);
    List<String> docs =
        ValidSet.withEdit("pipeline.yaml", "            value: $(params.platforms[*])\n", many);

    assertThat(TektonRules.check(docs))
        .contains(P + "spec.tasks[0].matrix: 257 combinations exceed the maximum of 256");
  }

  @Test
  void check_withParamInMatrixAndParams_reportsPath() {
    List<String> docs =
        ValidSet.withEdit("pipeline.yaml", "        - name: RUN\n", "        - name: PLATFORM\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m ->
                m.startsWith(
                    P + "spec.tasks[0].matrix.params[0].name: " + "param 'PLATFORM' is in both"));
  }

  @Test
  void check_withMatrixedResultNotWhole_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "$(tasks.build.results.IMAGE_REF[*])",
            "$(tasks.build.results.IMAGE_REF)");

    assertThat(TektonRules.check(docs))
        .anyMatch(m -> m.startsWith(P + "spec.tasks[1].params[1].value: 'build' is" + " matrixed"));
  }

  @Test
  void check_withFinallyResultRefToFinallyTask_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "          value: $(tasks.manifest.results.IMAGE_DIGEST)\n",
            "          value: $(tasks.report.results.IMAGE_DIGEST)\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m ->
                m.startsWith(P + "spec.finally[0].params[0].value: ")
                    && m.contains("names 'report', which is not a task in tasks"));
  }

  @Test
  void check_withPipelineResultOfUnknownTask_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "    - name: IMAGE_DIGEST\n      value: $(tasks.manifest.results.IMAGE_DIGEST)\n",
            "    - name: IMAGE_DIGEST\n      value: $(tasks.manifests.results.IMAGE_DIGEST)\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(m -> m.startsWith(P + "spec.results[0].value: ") && m.contains("'manifests'"));
  }

  @Test
  void check_withUnknownExpressionRoot_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "        - input: $(params.image)\n",
            "        - input: $(param.image)\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m ->
                m.startsWith(
                    P + "spec.tasks[1].when[0].input: $(param.image)" + " must start with one of"));
  }

  @Test
  void check_withStatusInDagTask_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "        - input: $(params.image)\n",
            "        - input: $(tasks.build.status)\n");

    assertThat(TektonRules.check(docs))
        .contains(
            P
                + "spec.tasks[1].when[0].input: $(tasks.build.status) is only allowed in finally tasks");
  }

  @Test
  void check_withParamInScript_reportsProjectRule() {
    List<String> docs =
        ValidSet.withEdit(
            "task-build.yaml",
            "        \"$probe\" true\n",
            "        \"$probe\" true $(params.PLATFORM)\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m ->
                m.startsWith(
                    BUILD
                        + "spec.steps[0].script: [multiarch-tekton] "
                        + "script contains $(params."));
  }

  @Test
  void check_withArrayParamInEnv_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "task-build.yaml",
            "          value: $(params.PLATFORM)\n",
            "          value: $(params.BUILD_ARGS[*])\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m ->
                m.startsWith(BUILD + "spec.steps[0].env[0].value: ")
                    && m.contains("must stand alone"));
  }

  @Test
  void check_withDuplicateStepName_reportsPath() {
    List<String> docs =
        ValidSet.withEdit("task-build.yaml", "    - name: result\n", "    - name: build\n");

    assertThat(TektonRules.check(docs))
        .contains(BUILD + "spec.steps[2].name: duplicate step name 'build'");
  }

  @Test
  void check_withScriptAndCommand_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "task-build.yaml",
            "    - name: check-platform\n",
            "    - name: check-platform\n      command:\n        - sh\n");

    assertThat(TektonRules.check(docs))
        .contains(BUILD + "spec.steps[0].script: step script and command are exclusive");
  }

  @Test
  void check_withStepWithoutImage_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "task-manifest.yaml",
            "      image: registry.access.redhat.com/ubi9/ubi-minimal:9.5\n",
            "");

    assertThat(TektonRules.check(docs))
        .contains("Task/demo-report spec.steps[0].image: step image is required");
  }

  @Test
  void check_withUndeclaredResultPath_reportsPath() {
    List<String> docs =
        ValidSet.withEdit("task-build.yaml", "$(results.IMAGE_REF.path)", "$(results.IMAGE.path)");

    assertThat(TektonRules.check(docs))
        .contains(
            BUILD + "spec.steps[2].script: $(results.IMAGE.path) names undeclared result 'IMAGE'");
  }

  @Test
  void check_withBadTaskParamName_reportsPath() {
    List<String> docs =
        ValidSet.withEdit("task-build.yaml", "    - name: RUN\n", "    - name: 9RUN\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(m -> m.startsWith(BUILD + "spec.params[3].name: param name '9RUN'"));
  }

  @Test
  void check_withDuplicateVolume_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "task-build.yaml",
            "      emptyDir: {}\n",
            "      emptyDir: {}\n    - name: varlibcontainers\n      emptyDir: {}\n");

    assertThat(TektonRules.check(docs))
        .contains(BUILD + "spec.volumes[1].name: duplicate volume name 'varlibcontainers'");
  }

  @Test
  void check_withTaskContextVariableUnknown_reportsPath() {
    List<String> docs =
        ValidSet.withEdit("task-build.yaml", "$(context.taskRun.name)", "$(context.taskRun.id)");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m ->
                m.startsWith(
                    BUILD
                        + "spec.steps[2].env[1].value: context"
                        + " variable $(context.taskRun.id)"));
  }

  @Test
  void check_withParamUnknownToTask_reportsPath() {
    List<String> docs =
        ValidSet.withEdit("pipeline.yaml", "        - name: RUN\n", "        - name: RUNS\n");

    assertThat(TektonRules.check(docs))
        .contains(
            P
                + "spec.tasks[0].params[2].name: [multiarch-tekton] Task "
                + "'demo-build' declares no param 'RUNS' (Tekton ignores it; a typo?)");
  }

  @Test
  void check_withRequiredTaskParamMissing_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "        - name: STATUS\n          value: $(tasks.manifest.status)\n",
            "");

    assertThat(TektonRules.check(docs))
        .contains(
            P
                + "spec.finally[0].params: required param 'STATUS' of Task 'demo-report' is not passed");
  }

  @Test
  void check_withUndeclaredTaskResult_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "$(tasks.build.results.IMAGE_REF[*])",
            "$(tasks.build.results.IMAGE_URL[*])");

    assertThat(TektonRules.check(docs))
        .contains(
            P
                + "spec.tasks[1].params[1].value: $(tasks.build.results"
                + ".IMAGE_URL[*]): task 'build' declares no result 'IMAGE_URL'");
  }

  @Test
  void check_withRequiredTaskWorkspaceUnbound_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml",
            "      workspaces:\n        - name: source\n          workspace: shared\n",
            "");

    assertThat(TektonRules.check(docs))
        .contains(
            P
                + "spec.tasks[0].workspaces: required workspace 'source' of Task 'demo-build' is not bound");
  }

  @Test
  void check_withTaskRefNotInSet_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipeline.yaml", "        name: demo-manifest\n", "        name: demo-manifests\n");

    assertThat(TektonRules.check(docs))
        .containsExactly(
            P
                + "spec.tasks[1].taskRef.name: [multiarch-tekton] Task"
                + " 'demo-manifests' is not in the set; did you mean 'demo-manifest'? (fine if the cluster has it)");
  }

  @Test
  void check_withLongName_reportsMetadataPath() {
    String longName = "demo-" + "x".repeat(60);
    List<String> docs =
        ValidSet.withEdit(
            "task-manifest.yaml", "  name: demo-report\n", "  name: " + longName + "\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(m -> m.startsWith("Task/" + longName + " metadata.name: "));
  }

  @Test
  void check_withLongGenerateName_reportsMetadataPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipelinerun.yaml",
            "  generateName: demo-run-\n",
            "  generateName: demo-run-" + "y".repeat(50) + "-\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m ->
                m.contains(" metadata.generateName: ")
                    && m.contains("plus 5 generated characters"));
  }

  @Test
  void check_withRunWorkspaceTwoSources_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipelinerun.yaml",
            "    - name: dockerconfig\n",
            "    - name: dockerconfig\n      emptyDir: {}\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m -> m.startsWith(RUN + "spec.workspaces[1]: expected exactly one" + " volume source"));
  }

  @Test
  void check_withRunDuplicateParam_reportsPath() {
    List<String> docs =
        ValidSet.withEdit("pipelinerun.yaml", "    - name: platforms\n", "    - name: image\n");

    assertThat(TektonRules.check(docs))
        .contains(RUN + "spec.params[1].name: duplicate param name 'image'");
  }

  @Test
  void check_withRunTaskRunSpecUnknownTask_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipelinerun.yaml",
            "    - pipelineTaskName: build\n",
            "    - pipelineTaskName: builds\n");

    assertThat(TektonRules.check(docs))
        .anyMatch(
            m ->
                m.startsWith(
                    RUN
                        + "spec.taskRunSpecs[0].pipelineTaskName:"
                        + " 'builds' is not a task of the Pipeline"));
  }

  @Test
  void check_withRunTasksTimeoutOverPipeline_reportsPath() {
    List<String> docs =
        ValidSet.withEdit("pipelinerun.yaml", "    tasks: 1h0m0s\n", "    tasks: 3h\n");

    assertThat(TektonRules.check(docs))
        .contains(RUN + "spec.timeouts.tasks: tasks timeout exceeds the pipeline timeout");
  }

  @Test
  void check_withRunMissingRequiredParam_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipelinerun.yaml", "    - name: image\n      value: quay.io/example/app:1.0\n", "");

    assertThat(TektonRules.check(docs))
        .contains(RUN + "spec.params: required Pipeline param 'image' is not passed");
  }

  @Test
  void check_withRunBothRefAndSpec_reportsPath() {
    List<String> docs =
        ValidSet.withEdit(
            "pipelinerun.yaml",
            "  pipelineRef:\n    name: demo\n",
            "  pipelineRef:\n    name: demo\n  pipelineSpec:\n    tasks: []\n");

    assertThat(TektonRules.check(docs))
        .contains(RUN + "spec: expected exactly one of pipelineRef or pipelineSpec");
  }

  @Test
  void assertClean_withDefect_failsListingFindings() {
    List<String> docs = ValidSet.withEdit("pipeline.yaml", "        - build\n", "        - nope\n");

    assertThatThrownBy(() -> TektonRules.assertClean(docs))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("spec.tasks[1].runAfter[0]");
  }
}
