package dev.multiarch.tekton.tasks;

import static dev.multiarch.tekton.tasks.References.arrayParam;
import static dev.multiarch.tekton.tasks.TaskParts.privileged;

import dev.multiarch.tekton.templates.ScriptTemplate;
import io.fabric8.tekton.v1.StepBuilder;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskBuilder;
import java.util.List;

/**
 * The {@code multiarch-binfmt} Task: registers the QEMU emulators the platforms need on the node it
 * runs on, then proves every platform runs there, because tonistiigi/binfmt exits 0 even when
 * registration failed.
 */
public final class BinfmtTask {

  public static final String NAME = "multiarch-binfmt";
  public static final String INSTALL_STEP = "install";
  public static final String VERIFY_STEP = "verify";

  private BinfmtTask() {}

  /** The Task in catalog form. */
  public static Task create() {
    return TaskParts.declarePrivilegedSteps(
        new TaskBuilder()
            .withApiVersion(TaskParts.API_VERSION)
            .withKind("Task")
            .withMetadata(TaskParts.metadata(NAME, "Multi-arch: register QEMU emulators"))
            .withNewSpec()
            .withDescription(
                "Registers the QEMU emulators that the target platforms need in the node's binfmt_misc"
                    + " (tonistiigi/binfmt, privileged) and verifies that every platform runs on the node, natively or"
                    + " through an enabled emulator with the F flag. Bind the builds' PVC to the shared workspace so"
                    + " that this TaskRun lands on the builds' node.")
            .withParams(
                TaskParts.array(
                    Params.PLATFORMS,
                    "Every target platform, for example linux/amd64 and linux/arm64.",
                    null),
                TaskParts.string(
                    Params.EMULATORS,
                    "Comma-separated platforms whose emulators to install; never the"
                        + " node's own architecture. Empty when every platform is native.",
                    null),
                TaskParts.string(
                    Params.BINFMT_IMAGE, "The tonistiigi/binfmt image.", Images.DEFAULT_BINFMT),
                TaskParts.string(
                    Params.BUILDER_IMAGE,
                    "The builder image of containers/, which runs the verification script with its"
                        + TaskParts.BUILDER_IMAGE_REQUIRED,
                    null))
            .withWorkspaces(
                TaskParts.workspace(
                    Workspaces.SHARED,
                    "Optional: the builds' shared volume. Binding it"
                        + " co-locates this TaskRun with the builds; the"
                        + " result NODE_NAME says which node it was.",
                    true))
            .withResults(
                TaskParts.result(
                    Results.EMULATORS_VERIFIED,
                    "Comma-separated platforms verified to run through an emulator (native platforms are not listed)."),
                TaskParts.result(
                    Results.NODE_NAME, "The node the emulators were registered and verified on."),
                TaskParts.replacedEmulators())
            // `--install ""` is a no-op in binfmt, so an all-native build needs no special case.
            .withSteps(TaskParts.registrationSteps(INSTALL_STEP))
            .addToSteps(
                new StepBuilder()
                    .withName(VERIFY_STEP)
                    .withImage(References.param(Params.BUILDER_IMAGE))
                    .withEnv(TaskParts.nodeName())
                    .addAllToEnv(TaskParts.optionalWorkspaceEnv(Workspaces.SHARED, "SHARED"))
                    .withArgs(List.of(arrayParam(Params.PLATFORMS)))
                    .withScript(ScriptTemplate.BINFMT_VERIFY.render(TaskParts.platformModel()))
                    // Privileged to mount binfmt_misc when nothing was installed and it is not
                    // mounted yet.
                    .withSecurityContext(privileged())
                    .withComputeResources(TaskParts.smallStep())
                    .build())
            .endSpec()
            .build());
  }
}
