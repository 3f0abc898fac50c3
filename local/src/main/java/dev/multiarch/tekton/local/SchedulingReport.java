package dev.multiarch.tekton.local;

import static dev.multiarch.tekton.model.JsonNodes.list;

import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.model.Scope;
import dev.multiarch.tekton.model.UnresolvedReferenceException;
import dev.multiarch.tekton.tasks.EmulatorDaemonSet;
import dev.multiarch.tekton.tasks.Params;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.tekton.pod.Template;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineTaskRunSpec;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.WorkspaceBinding;
import io.fabric8.tekton.v1.WorkspacePipelineTaskBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Where each TaskRun would run on a cluster, read from what was generated: the nodes its pod
 * template pins it to (or the volume that keeps it beside others), whether it is privileged and as
 * which ServiceAccount, and whether its platform is native or emulated there. run-local runs every
 * TaskRun on this host and says so, line by line, before the run starts: a native platform that is
 * not this host's architecture runs here through an emulator, not natively.
 */
final class SchedulingReport {

  private final PipelinePlan plan;
  private final PipelineRun run;
  private final List<DaemonSet> daemonSets;
  private final List<Platform> nativePlatforms;
  private final Platform nodePlatform;
  private final String machine;
  private final Predicate<String> emulatorEnabled;
  private final boolean crossCompiled;

  /**
   * @param nativePlatforms the platforms built in tasks of their own, pinned to nodes of their
   *     architecture
   * @param nodePlatform the platform of the build nodes
   * @param machine this host's {@code uname -m}
   * @param emulatorEnabled whether this host has the binfmt_misc entry (qemu-aarch64, ...)
   *     registered and enabled
   * @param crossCompiled whether the spec says the Containerfile runs nothing on the target
   *     platform, so that a platform the nodes do not run builds without an emulator
   */
  SchedulingReport(
      PipelinePlan plan,
      PipelineRun run,
      List<DaemonSet> daemonSets,
      List<Platform> nativePlatforms,
      Platform nodePlatform,
      String machine,
      Predicate<String> emulatorEnabled,
      boolean crossCompiled) {
    this.plan = plan;
    this.run = run;
    this.daemonSets = List.copyOf(daemonSets);
    this.nativePlatforms = List.copyOf(nativePlatforms);
    this.nodePlatform = nodePlatform;
    this.machine = machine;
    this.emulatorEnabled = emulatorEnabled;
    this.crossCompiled = crossCompiled;
  }

  /**
   * The report: a heading, then one line per DaemonSet and per TaskRun, matrix siblings one each.
   */
  List<String> lines(Scope pipelineScope) {
    Map<String, String> rows = new LinkedHashMap<>();
    for (DaemonSet daemonSet : daemonSets) {
      rows.put("DaemonSet " + daemonSet.getMetadata().getName(), daemonSet(daemonSet));
    }
    for (PlannedTask task : plan.tasks()) {
      for (Map<String, String> combination : combinations(task, pipelineScope)) {
        String label = Matrix.label(task.task().getMatrix(), combination);
        rows.put(task.name() + (label.isEmpty() ? "" : " " + label), taskRun(task, combination));
      }
    }
    int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
    List<String> lines = new ArrayList<>();
    lines.add(
        "scheduling: where each TaskRun would run on a cluster (here every one runs on this "
            + machine
            + " host):");
    rows.forEach(
        (name, text) -> lines.add("  " + name + " ".repeat(width - name.length()) + "  " + text));
    return lines;
  }

  private List<Map<String, String>> combinations(PlannedTask task, Scope scope) {
    if (!task.matrixed()) {
      return List.of(Map.of());
    }
    try {
      return Matrix.combinations(task.task().getMatrix(), scope, "pipeline task " + task.name());
    } catch (UnresolvedReferenceException | IllegalArgumentException e) {
      // A matrix fed by another task's results is known only once that task ran.
      return List.of(Map.of());
    }
  }

  private String taskRun(PlannedTask task, Map<String, String> combination) {
    Optional<PipelineTaskRunSpec> own =
        list(run.getSpec().getTaskRunSpecs()).stream()
            .filter(s -> task.name().equals(s.getPipelineTaskName()))
            .findFirst();
    Template template = own.map(PipelineTaskRunSpec::getPodTemplate).orElse(null);
    if (template == null && run.getSpec().getTaskRunTemplate() != null) {
      template = run.getSpec().getTaskRunTemplate().getPodTemplate();
    }
    String account = own.map(PipelineTaskRunSpec::getServiceAccountName).orElse(null);
    if (account == null && run.getSpec().getTaskRunTemplate() != null) {
      account = run.getSpec().getTaskRunTemplate().getServiceAccountName();
    }
    List<String> privileged =
        list(task.spec().getSteps()).stream()
            .filter(SchedulingReport::privileged)
            .map(Step::getName)
            .toList();
    String text =
        where(template, task)
            + "; "
            + (privileged.isEmpty()
                ? "unprivileged"
                : "privileged (" + String.join(", ", privileged) + ")")
            + (account == null ? "" : ", as " + account);
    Optional<String> platform = platform(task, combination);
    return platform.map(p -> text + "; " + platform(p)).orElse(text);
  }

  /**
   * Where a TaskRun's pod may go: the nodes its pod template selects, and the node of its volume
   * workspace, where the affinity assistant keeps it (both apply: Tekton adds the assistant's pod
   * affinity to the pod and keeps its nodeSelector).
   */
  private String where(Template template, PlannedTask task) {
    List<String> parts = new ArrayList<>();
    if (template != null
        && template.getNodeSelector() != null
        && !template.getNodeSelector().isEmpty()) {
      String nodes = "nodes " + labels(template.getNodeSelector());
      if (template.getTolerations() != null && !template.getTolerations().isEmpty()) {
        nodes +=
            " tolerating "
                + template.getTolerations().stream()
                    .map(SchedulingReport::toleration)
                    .collect(Collectors.joining(", "));
      }
      boolean spread =
          template.getTopologySpreadConstraints() != null
              && !template.getTopologySpreadConstraints().isEmpty();
      parts.add(nodes + (spread ? ", spread over them" : ""));
    }
    for (WorkspacePipelineTaskBinding binding : list(task.task().getWorkspaces())) {
      Optional<WorkspaceBinding> bound =
          list(run.getSpec().getWorkspaces()).stream()
              .filter(w -> w.getName().equals(binding.getWorkspace()))
              .findFirst();
      if (bound.isPresent()
          && (bound.get().getVolumeClaimTemplate() != null
              || bound.get().getPersistentVolumeClaim() != null)) {
        parts.add(
            "the node of volume workspace "
                + binding.getWorkspace()
                + " (the affinity assistant's)");
        break;
      }
    }
    return parts.isEmpty() ? "any node" : String.join(", ", parts);
  }

  /**
   * The platform a TaskRun builds: its matrix combination's PLATFORM, or the PLATFORM its pipeline
   * task passes.
   */
  private static Optional<String> platform(PlannedTask task, Map<String, String> combination) {
    if (combination.containsKey(Params.PLATFORM)) {
      return Optional.of(combination.get(Params.PLATFORM));
    }
    return list(task.task().getParams()).stream()
        .filter(p -> p.getName().equals(Params.PLATFORM))
        .map(Param::getValue)
        .filter(v -> v.getStringVal() != null && !v.getStringVal().contains("$("))
        .map(v -> v.getStringVal())
        .findFirst();
  }

  private String platform(String text) {
    Platform platform;
    try {
      platform = Platform.parse(text);
    } catch (InvalidValueException e) {
      return "platform " + text;
    }
    boolean pinned = nativePlatforms.contains(platform);
    if (!pinned && !platform.runsNativelyOn(nodePlatform)) {
      return crossCompiled
          ? "cross-compiled (no instruction runs on " + platform + "; no emulator)"
          : "emulated (" + platform.qemuBinary() + ")";
    }
    String nativeText = pinned ? "native" : "native (the build nodes' platform)";
    if (platform.nativeMachines().contains(machine)) {
      return nativeText;
    }
    return nativeText
        + "; here through this host's "
        + platform.qemuBinary()
        + " emulator, not natively"
        + (emulatorEnabled.test(platform.qemuBinary()) ? "" : " (not registered)");
  }

  private static String daemonSet(DaemonSet daemonSet) {
    var pod = daemonSet.getSpec().getTemplate().getSpec();
    String emulators =
        list(pod.getContainers()).stream()
            .flatMap(c -> list(c.getEnv()).stream())
            .filter(e -> e.getName().equals(EmulatorDaemonSet.EMULATORS_ENV))
            .map(EnvVar::getValue)
            .findFirst()
            .orElse("?");
    boolean privileged =
        list(pod.getInitContainers()).stream().anyMatch(SchedulingReport::privileged)
            || list(pod.getContainers()).stream().anyMatch(SchedulingReport::privileged);
    return "one pod on every node"
        + (pod.getNodeSelector() == null || pod.getNodeSelector().isEmpty()
            ? ""
            : " " + labels(pod.getNodeSelector()))
        + "; "
        + (privileged ? "privileged" : "unprivileged")
        + (pod.getServiceAccountName() == null ? "" : ", as " + pod.getServiceAccountName())
        + "; registers "
        + emulators
        + " and stays; here: registered on this host before the Pipeline";
  }

  private static String labels(Map<String, String> labels) {
    return labels.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  private static String toleration(Toleration toleration) {
    String key = toleration.getKey() == null ? "*" : toleration.getKey();
    String value =
        toleration.getValue() == null || toleration.getValue().isEmpty()
            ? ""
            : "=" + toleration.getValue();
    String effect =
        toleration.getEffect() == null || toleration.getEffect().isEmpty()
            ? ""
            : ":" + toleration.getEffect();
    return key + value + effect;
  }

  private static boolean privileged(Step step) {
    return step.getSecurityContext() != null
        && Boolean.TRUE.equals(step.getSecurityContext().getPrivileged());
  }

  private static boolean privileged(Container container) {
    return container.getSecurityContext() != null
        && Boolean.TRUE.equals(container.getSecurityContext().getPrivileged());
  }
}
