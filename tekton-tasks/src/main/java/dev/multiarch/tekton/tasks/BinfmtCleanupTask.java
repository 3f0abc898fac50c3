package dev.multiarch.tekton.tasks;

import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskBuilder;

/**
 * The {@code multiarch-binfmt-cleanup} Task: an opt-in finally task that unregisters the emulators
 * again.
 */
public final class BinfmtCleanupTask {

  public static final String NAME = "multiarch-binfmt-cleanup";
  public static final String UNINSTALL_STEP = "uninstall";

  private BinfmtCleanupTask() {}

  /** The Task in catalog form. */
  public static Task create() {
    return TaskParts.declarePrivilegedSteps(
        new TaskBuilder()
            .withApiVersion(TaskParts.API_VERSION)
            .withKind("Task")
            .withMetadata(TaskParts.metadata(NAME, "Multi-arch: unregister QEMU emulators"))
            .withNewSpec()
            .withDescription(
                "Unregisters the QEMU emulators from the node's binfmt_misc (tonistiigi/binfmt,"
                    + " privileged). binfmt_misc is shared by every pod on the node: uninstalling can break other builds"
                    + " running there, so use it only on nodes dedicated to these builds.")
            .withParams(
                TaskParts.string(
                    Params.EMULATORS,
                    "Comma-separated platforms whose emulators to uninstall.",
                    null),
                TaskParts.string(
                    Params.BINFMT_IMAGE, "The tonistiigi/binfmt image.", Images.DEFAULT_BINFMT))
            // The binfmt registration is per node: binding the builds' shared volume here makes the
            // affinity
            // assistant run this TaskRun on the node whose emulators it is meant to remove.
            .withWorkspaces(
                TaskParts.workspace(
                    Workspaces.SHARED,
                    "Optional: the builds' shared volume. Binding it"
                        + " runs this TaskRun on the builds' node.",
                    true))
            .withSteps(TaskParts.binfmtStep(UNINSTALL_STEP, "--uninstall"))
            .endSpec()
            .build());
  }
}
