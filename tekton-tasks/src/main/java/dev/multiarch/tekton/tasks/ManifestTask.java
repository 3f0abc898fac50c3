package dev.multiarch.tekton.tasks;

import static dev.multiarch.tekton.tasks.TaskParts.paramEnv;

import dev.multiarch.tekton.templates.ScriptTemplate;
import io.fabric8.tekton.v1.StepBuilder;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskBuilder;
import java.util.List;
import java.util.Map;

/**
 * The {@code multiarch-manifest} Task: assembles the per-platform images, by digest, into one
 * manifest list and pushes it with all its images to the destination under every tag.
 */
public final class ManifestTask {

  public static final String NAME = "multiarch-manifest";
  public static final String CREATE_AND_PUSH_STEP = "create-and-push";
  static final String IMAGE_PLATFORMS_MARKER = "--image-platforms";
  static final String PLATFORM_ORDER_MARKER = "--platform-order";

  private ManifestTask() {}

  /** The Task in catalog form. */
  public static Task create() {
    return new TaskBuilder()
        .withApiVersion(TaskParts.API_VERSION)
        .withKind("Task")
        .withMetadata(TaskParts.metadata(NAME, "Multi-arch: manifest list"))
        .withNewSpec()
        .withDescription(
            "Creates a manifest list (image index) of the per-platform images, added by digest, and"
                + " pushes it with all its images to DESTINATION under each of DESTINATION_TAGS. The images are listed in"
                + " the order of IMAGE_REFS, or of PLATFORM_ORDER when given.")
        .withParams(
            TaskParts.array(
                Params.IMAGE_REFS, "The per-platform images, each repo@sha256:<digest>.", null),
            TaskParts.array(
                Params.IMAGE_PLATFORMS,
                "The platform of each IMAGE_REFS entry, in the same order;"
                    + " needed with PLATFORM_ORDER only.",
                List.of()),
            TaskParts.array(
                Params.PLATFORM_ORDER,
                "The platforms in the order the list gets their images, when"
                    + " IMAGE_REFS come from several tasks in another order; empty keeps the order of IMAGE_REFS.",
                List.of()),
            TaskParts.string(
                Params.DESTINATION,
                "Repository of the manifest list, without tag, for example" + " quay.io/org/app.",
                null),
            TaskParts.string(
                Params.DESTINATION_TAGS, "Space-separated tags of the manifest list.", null),
            TaskParts.string(Params.FORMAT, "Manifest list format: oci or docker.", "oci"),
            TaskParts.string(
                Params.TLS_VERIFY, "Verify registries' TLS certificates: true or false.", "true"),
            TaskParts.string(
                Params.BUILDER_IMAGE,
                "An image with buildah and bash: the builder image of containers/, or the plain"
                    + " buildah image it is built from.",
                Images.BUILDAH_BASE),
            TaskParts.string(Params.STORAGE_DRIVER, "buildah storage driver.", "vfs"))
        .addAllToParams(TaskParts.proxyParams())
        .withWorkspaces(
            TaskParts.workspace(
                Workspaces.DOCKERCONFIG,
                "Optional: a docker config secret"
                    + " (config.json or .dockerconfigjson) with credentials for the destination.",
                true),
            TaskParts.trustWorkspace())
        .withResults(
            TaskParts.result(
                Results.IMAGE_DIGEST, "Digest of the pushed manifest list, sha256:..."),
            TaskParts.result(
                Results.IMAGE_URL, "The manifest list by its first tag, DESTINATION:<tag>."),
            TaskParts.result(
                Results.IMAGES,
                "Every image of the list at the destination, DESTINATION@sha256:...,"
                    + " comma-separated, as Tekton Chains reads them."))
        .withVolumes(TaskParts.storageVolume())
        .withSteps(
            new StepBuilder()
                .withName(CREATE_AND_PUSH_STEP)
                .withImage(References.param(Params.BUILDER_IMAGE))
                .withEnv(
                    paramEnv(Params.DESTINATION),
                    paramEnv(Params.DESTINATION_TAGS),
                    paramEnv(Params.FORMAT),
                    paramEnv(Params.TLS_VERIFY),
                    paramEnv(Params.STORAGE_DRIVER))
                .addAllToEnv(
                    TaskParts.optionalWorkspaceEnv(Workspaces.DOCKERCONFIG, "DOCKERCONFIG"))
                .addAllToEnv(TaskParts.trustEnv())
                .addAllToEnv(TaskParts.proxyEnv())
                // Three arrays reach the script as one argument list, split at two markers no image
                // reference can be.
                .withArgs(
                    References.arrayParam(Params.IMAGE_REFS),
                    IMAGE_PLATFORMS_MARKER,
                    References.arrayParam(Params.IMAGE_PLATFORMS),
                    PLATFORM_ORDER_MARKER,
                    References.arrayParam(Params.PLATFORM_ORDER))
                .withScript(ScriptTemplate.MANIFEST_CREATE_AND_PUSH.render(Map.of()))
                .withVolumeMounts(TaskParts.storageMount())
                .withComputeResources(TaskParts.resources("250m", "512Mi", "1Gi"))
                .build())
        .endSpec()
        .build();
  }
}
