package dev.multiarch.tekton.internal.assembly;

import static dev.multiarch.tekton.internal.assembly.Names.BINFMT_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.BUILD_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.CLEANUP_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.DOCKERCONFIG_WORKSPACE;
import static dev.multiarch.tekton.internal.assembly.Names.MANIFEST_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.RESOLVE_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.SOURCE_WORKSPACE;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.BuildTimeouts;
import dev.multiarch.tekton.Placement;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.tasks.BinfmtCleanupTask;
import dev.multiarch.tekton.tasks.BinfmtTask;
import dev.multiarch.tekton.tasks.BuildTask;
import dev.multiarch.tekton.tasks.ManifestTask;
import dev.multiarch.tekton.tasks.Params;
import dev.multiarch.tekton.tasks.ResolveCommitTask;
import dev.multiarch.tekton.tasks.Results;
import dev.multiarch.tekton.tasks.TaskCatalog;
import dev.multiarch.tekton.tasks.Workspaces;
import io.fabric8.kubernetes.api.model.Duration;
import io.fabric8.tekton.v1.EmbeddedTask;
import io.fabric8.tekton.v1.EmbeddedTaskBuilder;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamBuilder;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.ParamSpecBuilder;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineResult;
import io.fabric8.tekton.v1.PipelineResultBuilder;
import io.fabric8.tekton.v1.PipelineBuilder;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.PipelineTaskBuilder;
import io.fabric8.tekton.v1.PipelineTaskMetadataBuilder;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskRef;
import io.fabric8.tekton.v1.TaskRefBuilder;
import io.fabric8.tekton.v1.TaskSpec;
import io.fabric8.tekton.v1.WorkspacePipelineTaskBinding;
import io.fabric8.tekton.v1.WorkspacePipelineTaskBindingBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Wires the Tasks into the Pipeline: the commit resolved and binfmt registered first (same-node), the build fanned
 * out with {@code matrix} over PLATFORMS, the manifest task fed by the builds' IMAGE_REF results, and the opt-in
 * cleanup in {@code finally}. Every value has a default taken from the spec, so a run needs no params; every pipeline
 * task has its own timeout, since Tekton otherwise gives its TaskRun the default 60 minutes.
 */
public final class PipelineAssembler {

  private final BuildSpec spec;
  private final Names names;
  private final Map<String, Task> tasksByName;

  /** Assembles the Pipeline of {@code spec} that runs {@code tasks} (referenced, or embedded when inlined). */
  public PipelineAssembler(BuildSpec spec, List<Task> tasks) {
    this.spec = spec;
    this.names = Names.of(spec);
    this.tasksByName = tasks.stream().collect(Collectors.toMap(t -> t.getMetadata().getName(), t -> t));
  }

  public Pipeline assemble() {
    List<PipelineTask> tasks = new ArrayList<>();
    tasks.add(resolveTask());
    if (spec.placement() == Placement.SAME_NODE) {
      tasks.add(binfmtTask());
    }
    tasks.add(buildTask());
    tasks.add(manifestTask());
    List<PipelineTask> finallyTasks = spec.cleanupEmulators() ? List.of(cleanupTask()) : List.of();

    return new PipelineBuilder()
        .withNewMetadata()
          .withName(names.pipeline())
          .withNamespace(spec.namespace())
          .withLabels(Labels.of(spec))
          .withAnnotations(Map.of("multiarch-tekton.dev/placement", spec.placement().text()))
        .endMetadata()
        .withNewSpec()
          .withDisplayName(spec.name() + " multi-arch image")
          .withDescription("Builds " + spec.destination().repository() + " for "
              + spec.platforms().stream().map(Platform::toString).collect(Collectors.joining(", "))
              + " with QEMU emulation (placement " + spec.placement().text()
              + ") and publishes one multi-arch image.")
          .withParams(params())
          .addNewWorkspace()
            .withName(SOURCE_WORKSPACE)
            .withDescription(spec.placement() == Placement.SAME_NODE
                ? "Shared by binfmt and every build; a PVC here keeps all of them on one node."
                : "Where each build clones its source; an emptyDir is enough.")
          .endWorkspace()
          .addNewWorkspace()
            .withName(DOCKERCONFIG_WORKSPACE)
            .withDescription("A docker config secret with push credentials for the destination registry.")
            .withOptional(true)
          .endWorkspace()
          .withTasks(tasks)
          .withFinally(finallyTasks)
          .withResults(results())
        .endSpec()
        .build();
  }

  /** What the run made: the image for people and Tekton Chains, and the source Chains records as its material. */
  private static List<PipelineResult> results() {
    return List.of(
        result("IMAGE_DIGEST", "Digest of the multi-arch image (manifest list) at the destination.",
            MANIFEST_TASK, Results.IMAGE_DIGEST),
        result("IMAGE_URL", "The multi-arch image at its first destination tag.", MANIFEST_TASK, Results.IMAGE_URL),
        result("IMAGES", "Every per-platform image of the list at the destination, repo@sha256:..., comma-separated.",
            MANIFEST_TASK, Results.IMAGES),
        result("CHAINS-GIT_URL", "The git repository built, without credentials; empty for a workspace source.",
            RESOLVE_TASK, Results.URL),
        result("CHAINS-GIT_COMMIT", "The commit every platform built; empty for a workspace source.",
            RESOLVE_TASK, Results.COMMIT));
  }

  private static PipelineResult result(String name, String description, String task, String taskResult) {
    return new PipelineResultBuilder().withName(name).withDescription(description)
        .withValue(new ParamValue("$(tasks." + task + ".results." + taskResult + ")")).build();
  }

  private List<ParamSpec> params() {
    List<ParamSpec> params = new ArrayList<>();
    params.add(array(Params.PLATFORMS, spec.platforms().stream().map(Platform::toString).toList(),
        "Target platforms; each gets one build TaskRun."));
    params.add(string(Params.EMULATORS, emulators(),
        "Platforms whose emulators are registered (every platform the nodes do not run natively)."));
    params.add(string(Params.GIT_URL, spec.source().gitUrl(),
        "Git repository to build; empty builds what the source workspace holds."));
    params.add(string(Params.GIT_REVISION, spec.source().gitRevision(),
        "Branch, tag or commit; empty for the default branch."));
    params.add(string(Params.CONTEXT, spec.source().context(), "Build context, relative to the source root."));
    params.add(string(Params.CONTAINERFILE, spec.source().containerfile(),
        "Containerfile, relative to the context."));
    params.add(array(Params.BUILD_ARGS, spec.source().buildArgs().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).toList(), "Build arguments, KEY=VALUE each."));
    params.add(string(Params.IMAGE, spec.imageStream().repository(spec.namespace()),
        "Repository of the per-arch images (the ImageStream in the internal registry)."));
    params.add(string(Params.TAG, spec.imageStream().tag(),
        "Per-arch images are tagged <TAG>-<os>-<arch>[-<variant>]."));
    params.add(string(Params.DESTINATION, spec.destination().repository(),
        "Repository the multi-arch image is published to."));
    params.add(string(Params.DESTINATION_TAGS, String.join(" ", spec.destination().tags()),
        "Tags of the multi-arch image, separated by spaces."));
    params.add(string(Params.FORMAT, spec.format().text(), "Manifest format of every image and of the list."));
    params.add(string(Params.TLS_VERIFY, "true", "Verify registries' TLS certificates."));
    params.add(string(Params.BUILDER_IMAGE, spec.builderImage(), "Buildah image with qemu-user-static."));
    params.add(string(Params.BINFMT_IMAGE, spec.binfmtImage(), "tonistiigi/binfmt image, pinned."));
    return params;
  }

  private String emulators() {
    return spec.emulatedPlatforms().stream().map(Platform::toString).collect(Collectors.joining(","));
  }

  private PipelineTask resolveTask() {
    return new PipelineTaskBuilder()
        .withName(RESOLVE_TASK)
        .withTaskRef(ref(ResolveCommitTask.NAME)).withTaskSpec(embedded(ResolveCommitTask.NAME))
        .withParams(pass(Params.GIT_URL, false), pass(Params.GIT_REVISION, false), pass(Params.BUILDER_IMAGE, false))
        .withTimeout(timeout(BuildTimeouts.SETUP))
        .build();
  }

  private PipelineTask binfmtTask() {
    return new PipelineTaskBuilder()
        .withName(BINFMT_TASK)
        .withTimeout(timeout(BuildTimeouts.SETUP))
        .withTaskRef(ref(BinfmtTask.NAME)).withTaskSpec(embedded(BinfmtTask.NAME))
        .withParams(
            pass(Params.PLATFORMS, true),
            pass(Params.EMULATORS, false),
            pass(Params.BINFMT_IMAGE, false),
            pass(Params.BUILDER_IMAGE, false))
        .withWorkspaces(bind(Workspaces.SHARED, SOURCE_WORKSPACE))
        .build();
  }

  private PipelineTask buildTask() {
    boolean inPod = spec.placement() == Placement.IN_POD;
    List<Param> params = new ArrayList<>(List.of(
        pass(Params.IMAGE, false),
        pass(Params.TAG, false),
        pass(Params.GIT_URL, false),
        pass(Params.GIT_REVISION, false),
        resultParam(Params.GIT_COMMIT, RESOLVE_TASK, Results.COMMIT),
        pass(Params.CONTEXT, false),
        pass(Params.CONTAINERFILE, false),
        pass(Params.BUILD_ARGS, true),
        pass(Params.FORMAT, false),
        pass(Params.TLS_VERIFY, false),
        pass(Params.BUILDER_IMAGE, false)));
    if (inPod) {
      params.add(pass(Params.EMULATORS, false));
      params.add(pass(Params.BINFMT_IMAGE, false));
    } else {
      // Emulators registered on binfmt's node help no build elsewhere: each emulated build proves it is there.
      params.add(resultParam(Params.BINFMT_NODE, BINFMT_TASK, Results.NODE_NAME));
    }
    PipelineTaskBuilder build = new PipelineTaskBuilder()
        .withName(BUILD_TASK)
        .withTimeout(timeout(spec.timeouts().build()))
        .withRetries(spec.retries() == 0 ? null : spec.retries())
        .withTaskRef(ref(inPod ? BuildTask.IN_POD_NAME : BuildTask.NAME))
        .withTaskSpec(embedded(inPod ? BuildTask.IN_POD_NAME : BuildTask.NAME))
        .withNewMatrix()
          .addNewParam()
            .withName(Params.PLATFORM)
            .withValue(new ParamValue("$(params." + Params.PLATFORMS + "[*])"))
          .endParam()
        .endMatrix()
        .withParams(params)
        .withWorkspaces(
            bind(Workspaces.SOURCE, SOURCE_WORKSPACE),
            bind(Workspaces.DOCKERCONFIG, DOCKERCONFIG_WORKSPACE));
    if (!inPod) {
      build.withRunAfter(BINFMT_TASK);
    }
    return build.build();
  }

  private PipelineTask manifestTask() {
    return new PipelineTaskBuilder()
        .withName(MANIFEST_TASK)
        .withTimeout(timeout(spec.timeouts().manifest()))
        .withTaskRef(ref(ManifestTask.NAME)).withTaskSpec(embedded(ManifestTask.NAME))
        .withParams(
            new ParamBuilder()
                .withName(Params.IMAGE_REFS)
                .withValue(new ParamValue("$(tasks." + BUILD_TASK + ".results.IMAGE_REF[*])"))
                .build(),
            pass(Params.DESTINATION, false),
            pass(Params.DESTINATION_TAGS, false),
            pass(Params.FORMAT, false),
            pass(Params.TLS_VERIFY, false),
            pass(Params.BUILDER_IMAGE, false))
        .withWorkspaces(bind(Workspaces.DOCKERCONFIG, DOCKERCONFIG_WORKSPACE))
        .build();
  }

  private PipelineTask cleanupTask() {
    return new PipelineTaskBuilder()
        .withName(CLEANUP_TASK)
        .withTimeout(timeout(BuildTimeouts.SETUP))
        .withTaskRef(ref(BinfmtCleanupTask.NAME)).withTaskSpec(embedded(BinfmtCleanupTask.NAME))
        .withParams(pass(Params.EMULATORS, false), pass(Params.BINFMT_IMAGE, false))
        .withWorkspaces(bind(Workspaces.SHARED, SOURCE_WORKSPACE))
        .build();
  }

  /** A reference to the Task, or null when the spec inlines Tasks. */
  private TaskRef ref(String taskName) {
    return spec.inlineTasks() ? null : new TaskRefBuilder().withName(taskName).build();
  }

  /** The Task's spec to embed when the spec inlines Tasks, else null. */
  private EmbeddedTask embedded(String taskName) {
    if (!spec.inlineTasks()) {
      return null;
    }
    TaskSpec task = tasksByName.get(taskName).getSpec();
    // The privileged-steps declaration travels with the steps it declares.
    String privileged = tasksByName.get(taskName).getMetadata().getAnnotations().get(TaskCatalog.PRIVILEGED_STEPS);
    return new EmbeddedTaskBuilder()
        .withMetadata(privileged == null ? null
            : new PipelineTaskMetadataBuilder().addToAnnotations(TaskCatalog.PRIVILEGED_STEPS, privileged).build())
        .withDisplayName(task.getDisplayName())
        .withDescription(task.getDescription())
        .withParams(task.getParams())
        .withResults(task.getResults())
        .withWorkspaces(task.getWorkspaces())
        .withVolumes(task.getVolumes())
        .withStepTemplate(task.getStepTemplate())
        .withSteps(task.getSteps())
        .withSidecars(task.getSidecars())
        .build();
  }

  /** Passes the Pipeline param of the same name on to a task; an array param whole, as Tekton requires. */
  private static Param pass(String name, boolean array) {
    ParamValue value = array
        ? new ParamValue(List.of("$(params." + name + "[*])"))
        : new ParamValue("$(params." + name + ")");
    return new ParamBuilder().withName(name).withValue(value).build();
  }

  /** A param of a task fed by another task's result, which also orders the two. */
  private static Param resultParam(String name, String task, String result) {
    return new ParamBuilder().withName(name)
        .withValue(new ParamValue("$(tasks." + task + ".results." + result + ")")).build();
  }

  private static Duration timeout(java.time.Duration duration) {
    return new Duration(duration);
  }

  private static WorkspacePipelineTaskBinding bind(String taskWorkspace, String pipelineWorkspace) {
    return new WorkspacePipelineTaskBindingBuilder()
        .withName(taskWorkspace)
        .withWorkspace(pipelineWorkspace)
        .build();
  }

  private static ParamSpec string(String name, String defaultValue, String description) {
    return new ParamSpecBuilder()
        .withName(name)
        .withType("string")
        .withDescription(description)
        .withDefault(new ParamValue(defaultValue))
        .build();
  }

  private static ParamSpec array(String name, List<String> defaultValue, String description) {
    return new ParamSpecBuilder()
        .withName(name)
        .withType("array")
        .withDescription(description)
        .withDefault(new ParamValue(defaultValue))
        .build();
  }
}
