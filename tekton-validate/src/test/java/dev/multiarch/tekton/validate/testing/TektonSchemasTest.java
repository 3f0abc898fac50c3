package dev.multiarch.tekton.validate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TektonSchemasTest {

  @Test
  void schemas_areOnTheTestClasspath_forEveryKind() {
    for (String kind : List.of("pipeline", "task", "pipelinerun", "taskrun")) {
      assertThat(
              getClass()
                  .getClassLoader()
                  .getResource(TektonSchemas.RESOURCE_DIR + kind + ".v1.json"))
          .as(kind)
          .isNotNull();
    }
  }

  @Test
  void validate_withValidSet_reportsNothing() {
    for (String file : ValidSet.FILES) {
      TektonSchemas.assertValid(file, ValidSet.read(file));
    }
  }

  @Test
  void validate_withOtherKinds_returnsEmptyList() {
    assertThat(TektonSchemas.validate(ValidSet.read("other.yaml"))).isEmpty();
  }

  @Test
  void validate_withUnknownStepField_reportsPath() {
    String task =
        ValidSet.read("task-build.yaml")
            .replace(
                "    - name: check-platform\n",
                "    - name: check-platform\n      imagePullPolcy: Always\n");

    assertThat(TektonSchemas.validate(task))
        .anySatisfy(m -> assertThat(m).startsWith("$.spec.steps[0]").contains("imagePullPolcy"));
  }

  @Test
  void validate_withWrongTypeInPipelineTask_reportsPath() {
    String pipeline =
        ValidSet.read("pipeline.yaml")
            .replace("      runAfter:\n        - build\n", "      runAfter: build\n");

    assertThat(TektonSchemas.validate(pipeline))
        .anySatisfy(m -> assertThat(m).startsWith("$.spec.tasks[1].runAfter"));
  }

  @Test
  void validate_withUnknownFieldInPipelineRunWorkspace_reportsPath() {
    String run =
        ValidSet.read("pipelinerun.yaml")
            .replace(
                "      secret:\n        secretName: quay-push\n",
                "      secret:\n        secretName: quay-push\n        bogus: true\n");

    assertThat(TektonSchemas.validate(run))
        .anySatisfy(m -> assertThat(m).startsWith("$.spec.workspaces[1].secret"));
  }

  @Test
  void validate_withWrongApiVersion_reportsIt() {
    String task = ValidSet.read("task-build.yaml").replace("tekton.dev/v1", "tekton.dev/v1beta1");

    assertThat(TektonSchemas.validate(task))
        .containsExactly("$.apiVersion: must be tekton.dev/v1, got 'tekton.dev/v1beta1'");
  }

  @Test
  void assertValid_withError_failsListingThePath() {
    String task = ValidSet.read("task-build.yaml").replace("  steps:\n", "  stepz: []\n  steps:\n");

    assertThatThrownBy(() -> TektonSchemas.assertValid("bad task", task))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("bad task")
        .hasMessageContaining("stepz");
  }
}
