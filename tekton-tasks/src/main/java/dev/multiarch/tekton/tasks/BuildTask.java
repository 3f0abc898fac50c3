package dev.multiarch.tekton.tasks;

import static dev.multiarch.tekton.tasks.TaskParts.paramEnv;

import dev.multiarch.tekton.templates.ScriptTemplate;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.StepBuilder;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code multiarch-buildah} Task and its {@code multiarch-buildah-in-pod} variant: builds one
 * platform's image with buildah and pushes it by digest; the Pipeline runs it under a matrix over
 * PLATFORM.
 */
public final class BuildTask {

  public static final String NAME = "multiarch-buildah";
  public static final String IN_POD_NAME = "multiarch-buildah-in-pod";
  public static final String REGISTER_EMULATOR_STEP = "register-emulator";
  public static final String CHECK_PLATFORM_STEP = "check-platform";
  public static final String FETCH_SOURCE_STEP = "fetch-source";
  public static final String BUILD_AND_PUSH_STEP = "build-and-push";

  private BuildTask() {}

  /**
   * The Task in catalog form; {@code inPod} adds a privileged first step that registers the run's
   * emulators on whatever node the pod lands on.
   */
  public static Task create(boolean inPod) {
    Map<String, Object> model = TaskParts.platformModel();
    List<Step> steps = new ArrayList<>();
    if (inPod) {
      steps.addAll(TaskParts.registrationSteps(REGISTER_EMULATOR_STEP));
    }
    steps.add(
        new StepBuilder()
            .withName(FETCH_SOURCE_STEP)
            .withEnv(
                paramEnv(Params.GIT_URL),
                paramEnv(Params.GIT_REVISION),
                paramEnv(Params.GIT_COMMIT),
                sourceDir())
            .addAllToEnv(TaskParts.gitWorkspaceEnv())
            .withScript(ScriptTemplate.FETCH_SOURCE.render(model))
            .withComputeResources(TaskParts.resources("250m", "256Mi", "1Gi"))
            .build());
    // After the fetch: the check reads the Containerfile, and a platform whose Containerfile runs
    // nothing on the target platform needs no emulator.
    steps.add(
        new StepBuilder()
            .withName(CHECK_PLATFORM_STEP)
            .withEnv(
                TaskParts.nodeName(),
                paramEnv(Params.BINFMT_NODE),
                paramEnv(Params.GIT_URL),
                paramEnv(Params.CONTEXT),
                paramEnv(Params.CONTAINERFILE),
                sourceDir())
            .withScript(ScriptTemplate.CHECK_PLATFORM.render(model))
            .withComputeResources(TaskParts.smallStep())
            .build());
    steps.add(
        new StepBuilder()
            .withName(BUILD_AND_PUSH_STEP)
            .withEnv(
                paramEnv(Params.IMAGE),
                paramEnv(Params.TAG),
                paramEnv(Params.GIT_URL),
                paramEnv(Params.CONTEXT),
                paramEnv(Params.CONTAINERFILE),
                paramEnv(Params.FORMAT),
                paramEnv(Params.TLS_VERIFY),
                paramEnv(Params.STORAGE_DRIVER),
                sourceDir())
            .addAllToEnv(TaskParts.optionalWorkspaceEnv(Workspaces.DOCKERCONFIG, "DOCKERCONFIG"))
            .addAllToEnv(TaskParts.optionalWorkspaceEnv(Workspaces.BUILD_SECRETS, "BUILD_SECRETS"))
            .addAllToEnv(TaskParts.trustEnv())
            .addToEnv(paramEnv(Params.CACHE_REPOSITORY), paramEnv(Params.CACHE_NATIVE))
            .withArgs(References.arrayParam(Params.BUILD_ARGS))
            .withScript(ScriptTemplate.BUILD_AND_PUSH.render(model))
            .withVolumeMounts(TaskParts.storageMount())
            .withSecurityContext(TaskParts.setfcapOnly())
            .withComputeResources(buildResources())
            .build());

    return TaskParts.declarePrivilegedSteps(
        new TaskBuilder()
            .withApiVersion(TaskParts.API_VERSION)
            .withKind("Task")
            .withMetadata(
                TaskParts.metadata(
                    inPod ? IN_POD_NAME : NAME,
                    inPod
                        ? "Multi-arch: buildah build of one platform (registers the emulators)"
                        : "Multi-arch: buildah build of one platform"))
            .withNewSpec()
            .withDescription(
                "Builds the image of one platform with buildah (chroot isolation, SETFCAP only) and pushes"
                    + " it to IMAGE:<TAG>-<os>-<arch>[-<variant>] by digest. Before building it proves the node runs"
                    + " PLATFORM, natively or through an emulator, unless the Containerfile runs nothing on"
                    + " PLATFORM (every RUN in a stage FROM --platform=$BUILDPLATFORM)."
                    + (inPod
                        ? " A privileged first step registers the emulators of EMULATORS on the pod's node."
                        : ""))
            .withParams(params(inPod))
            .withWorkspaces(
                TaskParts.workspace(
                    Workspaces.SOURCE,
                    "The source: cloned into <source>/<os>-<arch>[-<variant>] when"
                        + " GIT_URL is set, otherwise read as it is.",
                    false),
                TaskParts.workspace(
                    Workspaces.DOCKERCONFIG,
                    "Optional: a docker config secret (config.json, .dockerconfigjson or legacy"
                        + " .dockercfg) with credentials for the registries, merged over the"
                        + " ServiceAccount's; they serve the pull of FROM images and the push.",
                    true),
                TaskParts.workspace(
                    Workspaces.BUILD_SECRETS,
                    "Optional: files each passed as buildah build --secret id=<file name>, read by"
                        + " RUN --mount=type=secret,id=<file name> and never stored in a layer.",
                    true))
            .addAllToWorkspaces(TaskParts.gitWorkspaces())
            .addToWorkspaces(TaskParts.trustWorkspace())
            .withResults(
                TaskParts.result(Results.IMAGE_DIGEST, "Digest of the pushed image, sha256:..."),
                TaskParts.result(
                    Results.IMAGE_URL,
                    "The pushed image by tag, IMAGE:<TAG>-<os>-<arch>[-<variant>]."),
                TaskParts.result(Results.IMAGE_REF, "The pushed image by digest, IMAGE@sha256:..."))
            .addAllToResults(inPod ? List.of(TaskParts.replacedEmulators()) : List.of())
            .withVolumes(TaskParts.storageVolume())
            .withNewStepTemplate()
            .withImage(References.param(Params.BUILDER_IMAGE))
            .withEnv(paramEnv(Params.PLATFORM))
            .addAllToEnv(TaskParts.proxyEnv())
            .endStepTemplate()
            .withSteps(steps)
            .endSpec()
            .build());
  }

  /**
   * The build step's defaults, what the Task asks for when nothing else is said: 1 CPU, 2Gi memory
   * (also its limit) and 10Gi ephemeral storage for the vfs layers. A PipelineRun sets its own
   * through {@code taskRunSpecs[].computeResources}.
   */
  static ResourceRequirements buildResources() {
    ResourceRequirements resources = TaskParts.resources("1", "2Gi", "2Gi");
    resources.getRequests().put("ephemeral-storage", new Quantity("10Gi"));
    return resources;
  }

  private static EnvVar sourceDir() {
    return TaskParts.env("SOURCE_DIR", References.workspacePath(Workspaces.SOURCE));
  }

  private static List<ParamSpec> params(boolean inPod) {
    List<ParamSpec> params =
        new ArrayList<>(
            List.of(
                TaskParts.string(
                    Params.PLATFORM, "The platform to build, for example linux/arm64.", null),
                TaskParts.string(
                    Params.IMAGE,
                    "Repository to push to, without tag, for example"
                        + " image-registry.openshift-image-registry.svc:5000/ns/app.",
                    null),
                TaskParts.string(
                    Params.TAG,
                    "Tag prefix; the pushed tag is <TAG>-<os>-<arch>[-<variant>].",
                    "latest"),
                TaskParts.string(
                    Params.GIT_URL,
                    "Git repository to clone; empty to build the source workspace as it is.",
                    ""),
                TaskParts.string(
                    Params.GIT_REVISION,
                    "Branch, tag, ref or commit to clone; empty for the default branch.",
                    ""),
                TaskParts.string(
                    Params.GIT_COMMIT,
                    "The full commit to build, resolved once for every platform; the"
                        + " fetched commit must be this one. Empty fetches GIT_REVISION as it is.",
                    ""),
                TaskParts.string(
                    Params.BINFMT_NODE,
                    "The node whose emulators the binfmt task registered; an emulated"
                        + " build elsewhere fails at once. Empty skips the check.",
                    ""),
                TaskParts.string(
                    Params.CONTEXT, "Build context, relative to the source root.", "."),
                TaskParts.string(
                    Params.CONTAINERFILE, "Containerfile, relative to CONTEXT.", "Containerfile"),
                TaskParts.array(Params.BUILD_ARGS, "Build arguments, each KEY=VALUE.", List.of()),
                TaskParts.string(Params.FORMAT, "Image format: oci or docker.", "oci"),
                TaskParts.string(
                    Params.TLS_VERIFY,
                    "Verify registries' TLS certificates: true or false.",
                    "true"),
                TaskParts.string(
                    Params.BUILDER_IMAGE,
                    "The qemu-enabled buildah image of containers/"
                        + TaskParts.BUILDER_IMAGE_REQUIRED,
                    null),
                TaskParts.string(Params.STORAGE_DRIVER, "buildah storage driver.", "vfs")));
    params.addAll(TaskParts.proxyParams());
    params.add(
        TaskParts.string(
            Params.CACHE_REPOSITORY,
            "Layer cache (buildah build --layers --cache-from/--cache-to): a repository without"
                + " tag; this platform uses <CACHE_REPOSITORY>-<os>-<arch>[-<variant>]. Empty for"
                + " none.",
            ""));
    params.add(
        TaskParts.string(
            Params.CACHE_NATIVE,
            "Use the layer cache when the node runs PLATFORM natively too: true or false.",
            "false"));
    if (inPod) {
      params.add(
          TaskParts.string(
              Params.EMULATORS,
              "Comma-separated platforms whose emulators to register on the"
                  + " pod's node before building: the run's emulated platforms, never the node's own architecture. Empty"
                  + " registers none.",
              ""));
      params.add(
          TaskParts.string(
              Params.BINFMT_IMAGE, "The tonistiigi/binfmt image.", Images.DEFAULT_BINFMT));
    }
    return params;
  }
}
