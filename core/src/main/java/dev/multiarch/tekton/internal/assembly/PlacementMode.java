package dev.multiarch.tekton.internal.assembly;

import static dev.multiarch.tekton.internal.assembly.Names.SOURCE_WORKSPACE;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.SccRole;
import dev.multiarch.tekton.tasks.BuildTask;
import dev.multiarch.tekton.tasks.ImportIndexTask;
import dev.multiarch.tekton.tasks.ManifestTask;
import dev.multiarch.tekton.tasks.Params;
import dev.multiarch.tekton.tasks.ResolveCommitTask;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.tekton.pod.Template;
import io.fabric8.tekton.pod.TemplateBuilder;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.WorkspaceBinding;
import io.fabric8.tekton.v1.WorkspaceBindingBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where emulation happens: one implementation per placement mode, answering every question that
 * depends on it, so that nothing else branches on the placement. Native platforms are layered on
 * any mode (they build unprivileged, pinned by nodeSelector, in tasks of their own); when nothing
 * is emulated every mode is {@link NoEmulation}, with nothing privileged.
 */
public abstract class PlacementMode {

  final BuildSpec spec;
  final Names names;
  final PlatformLayout layout;
  final Access access;

  PlacementMode(BuildSpec spec, PlatformLayout layout) {
    this.spec = spec;
    this.names = Names.of(spec);
    this.layout = layout;
    this.access = new Access(spec);
  }

  /**
   * The mode of {@code spec}: its placement, or {@link NoEmulation} when no platform is emulated.
   */
  public static PlacementMode of(BuildSpec spec) {
    PlatformLayout layout =
        PlatformLayout.of(
            spec.platforms(), spec.nativePlatforms(), spec.nodePlatform(), spec.crossCompiled());
    if (!layout.emulates()) {
      return new NoEmulation(spec, layout);
    }
    return switch (spec.placement()) {
      case SAME_NODE -> new SameNode(spec, layout);
      case IN_POD -> new InPod(spec, layout);
      case DAEMONSET -> new DaemonSetPlacement(spec, layout);
    };
  }

  /** The layout of the spec's platforms. */
  public PlatformLayout layout() {
    return layout;
  }

  // ---- Tasks

  /**
   * The catalog Tasks the Pipeline runs, in the order they run, each once: resolve-commit, the
   * mode's setup, the matrixed build's Task, the plain build Task of native builds, the manifest
   * Task, the import of the index when the spec asks for it, and the mode's finally Tasks. In the
   * spec's namespace (catalog Tasks carry none).
   */
  public final List<Task> tasks() {
    List<Task> tasks = new ArrayList<>();
    tasks.add(ResolveCommitTask.create());
    tasks.addAll(setupTaskResources());
    if (layout.hasMatrix()) {
      tasks.add(matrixBuildTaskResource());
    }
    if (!layout.natives().isEmpty()
        && tasks.stream().noneMatch(t -> t.getMetadata().getName().equals(BuildTask.NAME))) {
      tasks.add(BuildTask.create(false));
    }
    tasks.add(ManifestTask.create());
    if (spec.imageStream().importIndex()) {
      tasks.add(ImportIndexTask.create());
    }
    tasks.addAll(finallyTaskResources());
    return tasks.stream()
        .map(
            task ->
                task.edit().editMetadata().withNamespace(spec.namespace()).endMetadata().build())
        .toList();
  }

  /** The catalog Tasks that run before the builds, such as the binfmt Task. */
  List<Task> setupTaskResources() {
    return List.of();
  }

  /** The catalog Task the matrixed build runs. */
  Task matrixBuildTaskResource() {
    return BuildTask.create(false);
  }

  /** The catalog Tasks of the finally tasks. */
  List<Task> finallyTaskResources() {
    return List.of();
  }

  // ---- Pipeline

  /** What the modes that register emulators register: every emulated platform, comma-separated. */
  final String emulatedPlatforms() {
    return layout.emulated().stream().map(Platform::toString).collect(Collectors.joining(","));
  }

  /**
   * The Pipeline params of a mode whose tasks register emulators: EMULATORS ("Platforms whose
   * emulators ...").
   */
  final List<ParamSpec> emulatorParams(String whoRegisters) {
    return List.of(
        TaskWiring.string(
            Params.EMULATORS,
            emulatedPlatforms(),
            "Platforms whose emulators "
                + whoRegisters
                + ": every platform of the build task the nodes do not run natively; never a native platform."),
        TaskWiring.string(
            Params.BINFMT_IMAGE, spec.binfmtImage(), "tonistiigi/binfmt image, pinned."));
  }

  /** Pipeline params only this mode uses. */
  List<ParamSpec> params() {
    return List.of();
  }

  /** Pipeline tasks that run before the builds. */
  List<PipelineTask> setupTasks(TaskWiring wiring) {
    return List.of();
  }

  /** Params the matrixed build gets besides every build's. */
  List<Param> matrixBuildParams() {
    return List.of();
  }

  /** The tasks the matrixed build must wait for besides those whose results it reads. */
  List<String> matrixBuildRunAfter() {
    return List.of();
  }

  /** Pipeline tasks in {@code finally}. */
  List<PipelineTask> finallyTasks(TaskWiring wiring) {
    return List.of();
  }

  /**
   * How the Pipeline describes its emulation, for people: "QEMU emulation (placement same-node)".
   */
  abstract String emulation();

  // ---- privilege

  /**
   * The pipeline tasks whose TaskRuns run as the privileged ServiceAccount; empty leaves that
   * account out.
   */
  public List<String> privilegedTasks() {
    return List.of();
  }

  // ---- source

  /**
   * The PipelineRun's binding of the source workspace: a fresh emptyDir per TaskRun, unless the
   * mode shares one.
   */
  WorkspaceBinding sourceBinding() {
    return new WorkspaceBindingBuilder()
        .withName(SOURCE_WORKSPACE)
        .withEmptyDir(new EmptyDirVolumeSource())
        .build();
  }

  String sourceDescription() {
    return "Where each build clones its source; an emptyDir is enough.";
  }

  /**
   * The Pipeline workspace native builds clone into: the source workspace, unless binding it would
   * pull them onto another node; then the mode names a workspace of their own, bound to an
   * emptyDir.
   */
  Optional<String> nativeSourceWorkspace() {
    return Optional.empty();
  }

  /**
   * {@code tkn pipeline start} arguments (words, unquoted) binding the source workspace as the
   * PipelineRun does; empty when tkn cannot.
   */
  public Optional<List<String>> tknSourceArgs(Path dir) {
    return Optional.of(List.of("--workspace", "name=" + SOURCE_WORKSPACE + ",emptyDir="));
  }

  /**
   * Files of an output folder besides the resources and the PipelineRun, such as a volume claim
   * template.
   */
  public Map<String, Object> extraFiles() {
    return Map.of();
  }

  /** Annotations of the PipelineRun, such as the cleanup of a claim the run creates. */
  public Map<String, String> runAnnotations() {
    return Map.of();
  }

  // ---- RBAC

  /**
   * The ServiceAccounts: the builder's (unless the spec names an existing one), and the privileged
   * one when a task runs as it.
   */
  public List<ServiceAccount> serviceAccounts() {
    List<ServiceAccount> accounts = new ArrayList<>();
    if (!spec.usesExistingServiceAccount()) {
      accounts.add(access.account(names.builderAccount()));
    }
    if (!privilegedTasks().isEmpty()) {
      accounts.add(access.account(names.privilegedAccount()));
    }
    return accounts;
  }

  /**
   * The builder may push to ImageStreams (when the per-arch images or the layer cache go to one)
   * and add SETFCAP; only the privileged account may use the privileged SCC. An existing builder
   * account (the spec's {@code serviceAccount}) gets no binding: it has its rights already, as
   * OpenShift Pipelines' {@code pipeline} has.
   */
  public List<RoleBinding> roleBindings() {
    List<RoleBinding> bindings = new ArrayList<>();
    if (!spec.usesExistingServiceAccount()) {
      if (spec.usesImageStream() || !spec.cacheImageStreams().isEmpty()) {
        bindings.add(
            access.binding(names.builderAccount(), "image-builder", Access.IMAGE_BUILDER_ROLE));
      }
      bindings.add(
          access.binding(names.builderAccount(), "pipelines-scc", SccRole.PIPELINES.clusterRole()));
      if (spec.imageStream().importIndex()) {
        bindings.add(access.importIndexBinding(names.builderAccount()));
      }
    }
    if (!privilegedTasks().isEmpty()) {
      bindings.add(
          access.binding(
              names.privilegedAccount(), "privileged-scc", SccRole.PRIVILEGED.clusterRole()));
    }
    return bindings;
  }

  /**
   * The Role the builder account imports the index with, when the spec imports it and the account
   * is generated; an existing account (such as OpenShift Pipelines' {@code pipeline}, bound to
   * {@code edit}) has that right already.
   */
  public List<Role> roles() {
    return spec.imageStream().importIndex() && !spec.usesExistingServiceAccount()
        ? List.of(access.importIndexRole())
        : List.of();
  }

  // ---- extra resources and scheduling

  /**
   * Resources the cluster runs beside the Pipeline: the emulator DaemonSet of placement daemonset.
   */
  public List<DaemonSet> daemonSets() {
    return List.of();
  }

  /**
   * The pod template of the matrixed build's TaskRuns, pinning or spreading them; null for none.
   */
  Template matrixBuildPodTemplate() {
    return null;
  }

  /**
   * The pod template of every TaskRun of the run ({@code taskRunTemplate.podTemplate}); null for
   * none.
   */
  Template runPodTemplate() {
    return null;
  }

  /**
   * Every TaskRun on nodes of {@code nodePlatform}, so that on a mixed-architecture cluster the
   * emulators are registered for, and the builds run on, the nodes they were chosen for. Tekton
   * merges a task's {@code taskRunSpecs[].podTemplate} over this one, the task's nodeSelector
   * replacing it whole (PipelineRun.GetTaskRunSpec, pod.MergePodTemplateWithDefault, v0.56 to
   * v1.x), so native builds stay on their own nodes. The affinity assistant's StatefulSet takes its
   * nodeSelector from this template too (pkg/reconciler/pipelinerun/affinity_assistant.go,
   * affinityAssistantStatefulSet).
   */
  final Template nodePlatformPodTemplate() {
    return new TemplateBuilder()
        .withNodeSelector(ordered(NativePlatform.defaultSelector(spec.nodePlatform())))
        .build();
  }

  /** An ordered copy of a map, for builders that keep a caller's order. */
  static Map<String, String> ordered(Map<String, String> map) {
    return new LinkedHashMap<>(map);
  }
}
