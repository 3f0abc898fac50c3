package dev.multiarch.tekton.tasks;

import static dev.multiarch.tekton.tasks.TaskParts.paramEnv;

import dev.multiarch.tekton.templates.ScriptTemplate;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.tekton.v1.StepBuilder;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskBuilder;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code multiarch-builder-image} Task: builds the builder image of {@code containers/} for one
 * platform on a node of that platform, with the plain buildah image, and pushes it by digest. The
 * bootstrap Pipeline runs it once per node platform and joins the images with {@link ManifestTask}.
 * It never emulates: the Containerfile's {@code RUN dnf} would need an emulator, which the builder
 * image is what provides.
 */
public final class BuilderImageTask {

  public static final String NAME = "multiarch-builder-image";
  public static final String PREPARE_CONTEXT_STEP = "prepare-context";
  public static final String BUILD_AND_PUSH_STEP = "build-and-push";

  private static final String CONTEXT_VOLUME = "context";
  private static final String CONTEXT_DIR = "/bootstrap-context";

  private BuilderImageTask() {}

  /** The Task in catalog form. */
  public static Task create() {
    Map<String, Object> model = new HashMap<>(TaskParts.platformModel());
    model.put("containerfile", ScriptTemplate.containerfile());
    model.put("delimiter", ScriptTemplate.CONTAINERFILE_DELIMITER);
    return new TaskBuilder()
        .withApiVersion(TaskParts.API_VERSION)
        .withKind("Task")
        .withMetadata(TaskParts.metadata(NAME, "Multi-arch: builder image of one platform"))
        .withNewSpec()
        .withDescription(
            "Builds multiarch-tekton's builder image (buildah with qemu-user-static, from"
                + " containers/Containerfile, embedded) for PLATFORM with BUILDAH_IMAGE and pushes it to"
                + " IMAGE:<TAG>-<os>-<arch>[-<variant>] by digest. It runs only on a node of PLATFORM's"
                + " architecture: it never emulates.")
        .withParams(
            TaskParts.string(
                Params.PLATFORM,
                "The platform to build, the architecture of the node the task runs on.",
                null),
            TaskParts.string(
                Params.IMAGE,
                "Repository to push to, without tag, for example"
                    + " image-registry.openshift-image-registry.svc:5000/ns/buildah-qemu.",
                null),
            TaskParts.string(
                Params.TAG,
                "Tag prefix; the pushed tag is <TAG>-<os>-<arch>[-<variant>].",
                Images.BUILDER_TAG),
            TaskParts.string(Params.FORMAT, "Image format: oci or docker.", "oci"),
            TaskParts.string(
                Params.TLS_VERIFY, "Verify registries' TLS certificates: true or false.", "true"),
            TaskParts.string(
                Params.BUILDAH_IMAGE,
                "The plain buildah image to build with; the Containerfile's base.",
                Images.BUILDAH_BASE),
            TaskParts.string(Params.STORAGE_DRIVER, "buildah storage driver.", "vfs"))
        // Behind a corporate proxy or CA the bootstrap pulls its base images as the builds do.
        .addAllToParams(TaskParts.proxyParams())
        .withWorkspaces(
            TaskParts.workspace(
                Workspaces.DOCKERCONFIG,
                "Optional: a docker config secret (config.json or"
                    + " .dockerconfigjson) with credentials for IMAGE's registry.",
                true),
            TaskParts.trustWorkspace())
        .withResults(
            TaskParts.result(Results.IMAGE_DIGEST, "Digest of the pushed image, sha256:..."),
            TaskParts.result(
                Results.IMAGE_URL, "The pushed image by tag, IMAGE:<TAG>-<os>-<arch>[-<variant>]."),
            TaskParts.result(Results.IMAGE_REF, "The pushed image by digest, IMAGE@sha256:..."))
        .withVolumes(
            TaskParts.storageVolume(),
            new VolumeBuilder().withName(CONTEXT_VOLUME).withNewEmptyDir().endEmptyDir().build())
        .withNewStepTemplate()
        .withImage(References.param(Params.BUILDAH_IMAGE))
        .withEnv(paramEnv(Params.PLATFORM))
        .endStepTemplate()
        .withSteps(
            new StepBuilder()
                .withName(PREPARE_CONTEXT_STEP)
                .withEnv(TaskParts.nodeName(), TaskParts.env("CONTEXT_DIR", CONTEXT_DIR))
                .withScript(ScriptTemplate.BUILDER_IMAGE_CONTEXT.render(model))
                .withVolumeMounts(contextMount())
                .withComputeResources(TaskParts.smallStep())
                .build(),
            // The build Task's own script, on a context that holds the Containerfile alone.
            new StepBuilder()
                .withName(BUILD_AND_PUSH_STEP)
                .withEnv(
                    paramEnv(Params.IMAGE),
                    paramEnv(Params.TAG),
                    TaskParts.env(Params.GIT_URL, ""),
                    TaskParts.env(Params.CONTEXT, "."),
                    TaskParts.env(Params.CONTAINERFILE, "Containerfile"),
                    paramEnv(Params.FORMAT),
                    paramEnv(Params.TLS_VERIFY),
                    paramEnv(Params.STORAGE_DRIVER),
                    TaskParts.env("SOURCE_DIR", CONTEXT_DIR))
                .addAllToEnv(
                    TaskParts.optionalWorkspaceEnv(Workspaces.DOCKERCONFIG, "DOCKERCONFIG"))
                .addAllToEnv(TaskParts.trustEnv())
                .addAllToEnv(TaskParts.proxyEnv())
                .withScript(ScriptTemplate.BUILD_AND_PUSH.render(TaskParts.platformModel()))
                .withVolumeMounts(TaskParts.storageMount(), contextMount())
                .withSecurityContext(TaskParts.setfcapOnly())
                .withComputeResources(BuildTask.buildResources())
                .build())
        .endSpec()
        .build();
  }

  private static VolumeMount contextMount() {
    return new VolumeMountBuilder().withName(CONTEXT_VOLUME).withMountPath(CONTEXT_DIR).build();
  }
}
