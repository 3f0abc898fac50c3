package dev.multiarch.tekton.tasks;

import static dev.multiarch.tekton.tasks.testing.ScriptChecks.steps;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.Task;
import org.junit.jupiter.api.Test;

class BinfmtTaskTest {

  @Test
  void binfmtTask_steps_replaceUnusableEntriesBeforeInstalling() {
    // When
    Task task = BinfmtTask.create();

    // Then
    assertThat(steps(task))
        .extracting(Step::getName)
        .containsExactly("test-registered", "release-unusable", "install", "verify");
    assertThat(task.getMetadata().getAnnotations())
        .containsEntry("multiarch-tekton.dev/privileged-steps", "release-unusable,install,verify");
    Step test = steps(task).get(0);
    assertThat(test.getSecurityContext().getPrivileged()).isNull();
    assertThat(test.getSecurityContext().getSeLinuxOptions().getLevel()).isEqualTo("s0");
    assertThat(test.getEnv())
        .extracting(e -> e.getName() + "=" + e.getValue())
        .containsExactly(
            "EMULATORS=$(params.EMULATORS)",
            "UNUSABLE_FILE=$(results.REPLACED_EMULATORS.path)",
            "NODE_NAME=null");
    assertThat(task.getSpec().getVolumes()).isEmpty();
    assertThat(task.getSpec().getResults())
        .extracting(r -> r.getName())
        .containsExactly("EMULATORS_VERIFIED", "NODE_NAME", "REPLACED_EMULATORS");
  }

  @Test
  void binfmtTask_install_runsBinfmtsEntrypointWithArgsAtSeLinuxLevelS0() {
    // When
    Step install = steps(BinfmtTask.create()).get(2);

    // Then
    assertThat(install.getName()).isEqualTo("install");
    assertThat(install.getImage()).isEqualTo("$(params.BINFMT_IMAGE)");
    assertThat(install.getCommand()).containsExactly("/usr/bin/binfmt");
    assertThat(install.getArgs()).containsExactly("--install", "$(params.EMULATORS)");
    assertThat(install.getScript()).isNull();
    assertThat(install.getSecurityContext().getPrivileged()).isTrue();
    assertThat(install.getSecurityContext().getSeLinuxOptions().getLevel()).isEqualTo("s0");
  }

  @Test
  void binfmtTask_verify_readsPlatformsFromArgsAndNodeFromDownwardApi() {
    // When
    Step verify = steps(BinfmtTask.create()).get(3);

    // Then
    assertThat(verify.getArgs()).containsExactly("$(params.PLATFORMS[*])");
    assertThat(verify.getEnv())
        .extracting(EnvVar::getName)
        .containsExactly("NODE_NAME", "SHARED_BOUND", "SHARED_PATH");
    assertThat(verify.getEnv().get(0).getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("spec.nodeName");
    assertThat(verify.getEnv().get(1).getValue()).isEqualTo("$(workspaces.shared.bound)");
    // The platform table is rendered from Platform.known(): one line per known platform.
    assertThat(verify.getScript())
        .contains(
            "\"linux/arm/v7\") QEMU_ENTRY=\"qemu-arm\"; NATIVE_MACHINES=(\"armv7l\" \"armv8l\") ;;");
  }

  @Test
  void binfmtTask_sharedWorkspace_isOptional() {
    // When
    Task task = BinfmtTask.create();

    // Then
    assertThat(task.getSpec().getWorkspaces())
        .singleElement()
        .satisfies(w -> assertThat(w.getName()).isEqualTo("shared"))
        .satisfies(w -> assertThat(w.getOptional()).isTrue());
  }

  @Test
  void binfmtCleanupTask_uninstallsTheEmulatorsAndWarnsAboutSharedNodes() {
    // When
    Task task = BinfmtCleanupTask.create();

    // Then
    assertThat(steps(task))
        .singleElement()
        .satisfies(
            s -> assertThat(s.getArgs()).containsExactly("--uninstall", "$(params.EMULATORS)"))
        .satisfies(s -> assertThat(s.getSecurityContext().getPrivileged()).isTrue());
    assertThat(task.getSpec().getDescription()).contains("can break other builds");
  }
}
