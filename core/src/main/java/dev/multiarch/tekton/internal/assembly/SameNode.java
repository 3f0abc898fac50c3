package dev.multiarch.tekton.internal.assembly;

import static dev.multiarch.tekton.internal.assembly.Names.BINFMT_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.CLEANUP_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.NATIVE_SOURCE_WORKSPACE;
import static dev.multiarch.tekton.internal.assembly.Names.SOURCE_WORKSPACE;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.BuildTimeouts;
import dev.multiarch.tekton.WorkspaceClaim;
import dev.multiarch.tekton.tasks.BinfmtCleanupTask;
import dev.multiarch.tekton.tasks.BinfmtTask;
import dev.multiarch.tekton.tasks.Params;
import dev.multiarch.tekton.tasks.Results;
import dev.multiarch.tekton.tasks.Workspaces;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.tekton.pod.Template;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.WorkspaceBinding;
import io.fabric8.tekton.v1.WorkspaceBindingBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Placement same-node: one privileged binfmt TaskRun registers the emulators; binfmt, the matrixed
 * builds and the cleanup bind one PVC-backed workspace, so that Tekton's affinity assistant runs
 * them on one node, and each emulated build proves it landed on binfmt's node. Native builds clone
 * into a workspace of their own, which pins them nowhere.
 */
final class SameNode extends PlacementMode {

  /** The PipelineRun annotation that asks Tekton to delete the claim when the run completes. */
  static final String AUTO_CLEANUP_PVC = "tekton.dev/auto-cleanup-pvc";

  static final String VOLUME_CLAIM_TEMPLATE_FILE =
      "workspace-" + SOURCE_WORKSPACE + "-volumeclaimtemplate.yaml";

  /** Cleanup is a finally task on the emulating node, whose time the run keeps. */
  static final SpecRules SPEC_RULES =
      new SpecRules() {
        @Override
        public boolean cleanupTask(boolean cleanupEmulators) {
          return cleanupEmulators;
        }
      };

  SameNode(BuildSpec spec, PlatformLayout layout) {
    super(spec, layout);
  }

  @Override
  List<Task> setupTaskResources() {
    return List.of(BinfmtTask.create());
  }

  @Override
  List<Task> finallyTaskResources() {
    return spec.cleanupEmulators() ? List.of(BinfmtCleanupTask.create()) : List.of();
  }

  @Override
  List<ParamSpec> params() {
    return emulatorParams("binfmt registers");
  }

  @Override
  List<PipelineTask> setupTasks(TaskWiring wiring) {
    return List.of(
        wiring
            .task(BINFMT_TASK, BinfmtTask.NAME, BuildTimeouts.SETUP)
            .withParams(
                TaskWiring.pass(Params.PLATFORMS, true),
                TaskWiring.pass(Params.EMULATORS, false),
                TaskWiring.pass(Params.BINFMT_IMAGE, false),
                TaskWiring.pass(Params.BUILDER_IMAGE, false))
            .withWorkspaces(TaskWiring.bind(Workspaces.SHARED, SOURCE_WORKSPACE))
            .build());
  }

  @Override
  List<Param> matrixBuildParams() {
    // Emulators registered on binfmt's node help no build elsewhere: each emulated build proves it
    // is there.
    return List.of(TaskWiring.resultParam(Params.BINFMT_NODE, BINFMT_TASK, Results.NODE_NAME));
  }

  @Override
  List<String> matrixBuildRunAfter() {
    return List.of(BINFMT_TASK);
  }

  @Override
  List<PipelineTask> finallyTasks(TaskWiring wiring) {
    if (!spec.cleanupEmulators()) {
      return List.of();
    }
    return List.of(
        wiring
            .task(CLEANUP_TASK, BinfmtCleanupTask.NAME, BuildTimeouts.SETUP)
            .withParams(
                TaskWiring.pass(Params.EMULATORS, false),
                TaskWiring.pass(Params.BINFMT_IMAGE, false))
            .withWorkspaces(TaskWiring.bind(Workspaces.SHARED, SOURCE_WORKSPACE))
            .build());
  }

  @Override
  String emulation() {
    return "QEMU emulation (placement same-node)";
  }

  @Override
  public List<String> privilegedTasks() {
    List<String> tasks = new ArrayList<>(List.of(BINFMT_TASK));
    if (spec.cleanupEmulators()) {
      tasks.add(CLEANUP_TASK);
    }
    return tasks;
  }

  @Override
  WorkspaceBinding sourceBinding() {
    return new WorkspaceBindingBuilder()
        .withName(SOURCE_WORKSPACE)
        .withVolumeClaimTemplate(sourceVolumeClaim())
        .build();
  }

  @Override
  String sourceDescription() {
    return "Shared by binfmt and every build of the build task; a PVC here keeps all of them on one node.";
  }

  @Override
  Optional<String> nativeSourceWorkspace() {
    return layout.natives().isEmpty() ? Optional.empty() : Optional.of(NATIVE_SOURCE_WORKSPACE);
  }

  /**
   * The claim template's file; none when its path holds a comma, which tkn splits {@code
   * --workspace} on.
   */
  @Override
  public Optional<List<String>> tknSourceArgs(Path dir) {
    String claimTemplate = dir.resolve(VOLUME_CLAIM_TEMPLATE_FILE).toString();
    if (claimTemplate.contains(",")) {
      return Optional.empty();
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--workspace",
                "name=" + SOURCE_WORKSPACE + ",volumeClaimTemplateFile=" + claimTemplate));
    nativeSourceWorkspace()
        .ifPresent(w -> args.addAll(List.of("--workspace", "name=" + w + ",emptyDir=")));
    return Optional.of(args);
  }

  @Override
  public Map<String, Object> extraFiles() {
    return Map.of(VOLUME_CLAIM_TEMPLATE_FILE, sourceVolumeClaim());
  }

  /**
   * The claim goes with the run: Tekton deletes a PipelineRun's claims from volumeClaimTemplate
   * when it completes if this annotation is "true", from Tekton Pipelines v1.11.0 on and in its
   * default coschedule mode (workspaces): cleanupAffinityAssistantsAndPVCs and
   * AutoCleanupPVCAnnotation in pkg/reconciler/pipelinerun/affinity_assistant.go. Earlier Tekton
   * ignores it; the claim, owned by the PipelineRun, then goes only when the PipelineRun is
   * deleted.
   */
  @Override
  public Map<String, String> runAnnotations() {
    return Map.of(AUTO_CLEANUP_PVC, "true");
  }

  /**
   * The PVC template tkn's {@code volumeClaimTemplateFile} takes; the same one the PipelineRun
   * binds: the spec's size, and its StorageClass or none for the cluster's default.
   */
  private PersistentVolumeClaim sourceVolumeClaim() {
    WorkspaceClaim claim = spec.workspace();
    return new PersistentVolumeClaimBuilder()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(claim.storageClassName().isEmpty() ? null : claim.storageClassName())
        .withNewResources()
        .addToRequests("storage", new Quantity(claim.size()))
        .endResources()
        .endSpec()
        .build();
  }

  @Override
  Template runPodTemplate() {
    return nodePlatformPodTemplate();
  }
}
