package dev.multiarch.tekton.tasks;

import static dev.multiarch.tekton.tasks.testing.ScriptChecks.steps;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskResult;
import org.junit.jupiter.api.Test;

class ManifestTaskTest {

  @Test
  void manifestTask_takesRefsAsArgsAndPushesEveryImage() {
    // When
    Task task = ManifestTask.create();
    Step step = steps(task).get(0);

    // Then
    assertThat(task.getSpec().getParams())
        .extracting(ParamSpec::getName)
        .containsExactly(
            "IMAGE_REFS",
            "IMAGE_PLATFORMS",
            "PLATFORM_ORDER",
            "DESTINATION",
            "DESTINATION_TAGS",
            "FORMAT",
            "TLS_VERIFY",
            "BUILDER_IMAGE",
            "STORAGE_DRIVER",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "NO_PROXY");
    assertThat(task.getSpec().getResults())
        .extracting(TaskResult::getName)
        .containsExactly("IMAGE_DIGEST", "IMAGE_URL", "IMAGES");
    assertThat(step.getName()).isEqualTo("create-and-push");
    assertThat(step.getArgs())
        .containsExactly(
            "$(params.IMAGE_REFS[*])",
            "--image-platforms",
            "$(params.IMAGE_PLATFORMS[*])",
            "--platform-order",
            "$(params.PLATFORM_ORDER[*])");
    assertThat(step.getScript())
        .contains(
            "retry_args=(--retry 3)",
            "manifest push --all --format \"$push_format\" \"${retry_args[@]}\" --digestfile");
  }
}
