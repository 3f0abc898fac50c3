package dev.multiarch.tekton.cluster.internal;

import static dev.multiarch.tekton.model.JsonNodes.list;

import dev.multiarch.tekton.cluster.FailedStep;
import dev.multiarch.tekton.cluster.RunStatus;
import dev.multiarch.tekton.cluster.TaskRunReport;
import dev.multiarch.tekton.tasks.Results;
import io.fabric8.knative.pkg.apis.Condition;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunResult;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.SkippedTask;
import io.fabric8.tekton.v1.StepState;
import io.fabric8.tekton.v1.TaskRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads a PipelineRun and its TaskRuns from the cluster and says what they are in this project's
 * terms: the platform of a matrix sibling comes from the TaskRun's own matrix params, as the
 * Pipeline declares them.
 */
public final class RunReader {

  /** Labels Tekton's controller puts on every TaskRun of a PipelineRun. */
  static final String PIPELINE_RUN_LABEL = "tekton.dev/pipelineRun";

  static final String PIPELINE_TASK_LABEL = "tekton.dev/pipelineTask";
  private static final String SUCCEEDED = "Succeeded";

  /**
   * A container's name, a DNS-1123 label: Kubernetes' pod validation (pkg/apis/core/validation,
   * validateContainerCommon) checks each container's name with ValidateDNS1123Label.
   */
  private static final Pattern CONTAINER = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  /** A pod's name, a DNS-1123 subdomain of at most 253 characters (ValidatePodName). */
  private static final Pattern POD =
      Pattern.compile(
          "(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** How many lines of a failed step's log are shown. */
  static final int LOG_TAIL = 10;

  private final KubernetesClient client;
  private final ClusterObjects objects;
  private final String namespace;
  private final Map<String, List<String>> matrixParams;
  private final Supplier<Instant> clock;

  public RunReader(
      KubernetesClient client, Failures failures, Pipeline pipeline, Supplier<Instant> clock) {
    this.client = client;
    this.namespace = pipeline.getMetadata().getNamespace();
    this.objects = new ClusterObjects(client, failures, namespace);
    this.matrixParams = matrixParams(pipeline);
    this.clock = clock;
  }

  public String namespace() {
    return namespace;
  }

  /** The PipelineRun, or empty when there is none of that name. */
  public Optional<PipelineRun> pipelineRun(String name) {
    return objects.pipelineRun(name);
  }

  /**
   * The PipelineRun's TaskRuns, in the order they started (or were created), those without a time
   * last; a step without a name is named {@value TaskRunReport#UNKNOWN}, and a pod or container
   * name that Kubernetes would not accept is left out, as it would go into a request's path.
   */
  public List<TaskRun> taskRuns(String runName) {
    record Started(Instant time, String name, TaskRun run) {}
    List<Started> runs = new ArrayList<>();
    for (TaskRun run : objects.taskRuns(runName)) {
      // Likewise the pod's name, a DNS-1123 subdomain: an empty one or a path is no pod to read.
      if (run.getStatus() != null
          && run.getStatus().getPodName() != null
          && !POD.matcher(run.getStatus().getPodName()).matches()) {
        run.getStatus().setPodName(null);
      }
      if (run.getStatus() != null && run.getStatus().getSteps() != null) {
        for (StepState step : run.getStatus().getSteps()) {
          if (step.getName() == null || step.getName().isEmpty()) {
            step.setName(TaskRunReport.UNKNOWN);
          }
          // A container's name goes into a log request's URL: one that is not a container name
          // (Kubernetes' DNS label) is not a log to read.
          if (step.getContainer() != null && !CONTAINER.matcher(step.getContainer()).matches()) {
            step.setContainer(null);
          }
        }
      }
      runs.add(new Started(started(run).orElse(Instant.MAX), name(run), run));
    }
    runs.sort(Comparator.comparing(Started::time).thenComparing(Started::name));
    return runs.stream().map(Started::run).toList();
  }

  /** The TaskRun's name; empty when the cluster gave it none. */
  public static String name(TaskRun run) {
    String name = run.getMetadata().getName();
    return name == null ? "" : name;
  }

  /**
   * The whole run: its state, its TaskRuns (then its skipped tasks), and the image it published.
   */
  public RunStatus status(PipelineRun run, List<TaskRun> taskRuns) {
    List<TaskRunReport> reports = new ArrayList<>(taskRuns.stream().map(this::report).toList());
    reports.addAll(skipped(run));
    Optional<Condition> condition =
        succeeded(run.getStatus() == null ? null : run.getStatus().getConditions());
    String reason = condition.map(Condition::getReason).orElse("");
    RunStatus.State state = runState(run, condition);
    Optional<Duration> duration =
        run.getStatus() == null
            ? Optional.empty()
            : Times.between(
                run.getStatus().getStartTime(), run.getStatus().getCompletionTime(), clock.get());
    return new RunStatus(
        run.getMetadata().getName() == null ? "" : run.getMetadata().getName(),
        namespace,
        state,
        reason,
        condition.map(Condition::getMessage).orElse(""),
        duration,
        reports,
        image(run));
  }

  /** One TaskRun, without its logs. */
  public TaskRunReport report(TaskRun run) {
    String task =
        known(
            run.getMetadata().getLabels() == null
                ? null
                : run.getMetadata().getLabels().get(PIPELINE_TASK_LABEL));
    Optional<Condition> condition =
        succeeded(run.getStatus() == null ? null : run.getStatus().getConditions());
    TaskRunReport.State state = taskRunState(run, condition);
    Optional<FailedStep> failed =
        state.finished() && state != TaskRunReport.State.SUCCEEDED
            ? failedStep(run, List.of())
            : Optional.empty();
    String message =
        failed
            .map(step -> "step " + step.name() + " exited " + step.exitCode())
            .orElse(condition.map(Condition::getMessage).orElse(""));
    Optional<Duration> duration =
        run.getStatus() == null
            ? Optional.empty()
            : Times.between(
                run.getStatus().getStartTime(), run.getStatus().getCompletionTime(), clock.get());
    return new TaskRunReport(
        name(run), task, platform(task, run), state, message, duration, Optional.empty(), failed);
  }

  /** The report of a finished TaskRun with the last lines of its failed step's log. */
  public TaskRunReport withLogTail(TaskRun run, TaskRunReport report) {
    if (report.failedStep().isEmpty()) {
      return report;
    }
    FailedStep step = report.failedStep().get();
    // The step's own container, as the TaskRun names it (step-<name> for a step Tekton named).
    List<String> tail =
        failedStepState(run)
            .map(StepState::getContainer)
            .map(container -> log(run, container, LOG_TAIL))
            .orElse(List.of());
    return new TaskRunReport(
        report.taskRun(),
        report.pipelineTask(),
        report.platform(),
        report.state(),
        report.message(),
        report.duration(),
        report.node(),
        Optional.of(new FailedStep(step.name(), step.exitCode(), tail)));
  }

  /** The node the TaskRun's pod was scheduled on; empty when unknown or not readable. */
  public Optional<String> node(TaskRun run) {
    String pod = run.getStatus() == null ? null : run.getStatus().getPodName();
    if (pod == null || pod.isEmpty()) {
      return Optional.empty();
    }
    try {
      Pod found = client.pods().inNamespace(namespace).withName(pod).get();
      return found == null || found.getSpec() == null
          ? Optional.empty()
          : Optional.ofNullable(found.getSpec().getNodeName());
    } catch (KubernetesClientException e) {
      // A status table is still worth showing without the node column (pods may be unreadable to
      // this user).
      return Optional.empty();
    }
  }

  /**
   * The last {@code lines} lines of one container's log; empty when the pod is gone or unreadable.
   */
  List<String> log(TaskRun run, String container, int lines) {
    String pod = run.getStatus() == null ? null : run.getStatus().getPodName();
    if (pod == null || pod.isEmpty()) {
      return List.of();
    }
    try {
      String log =
          client
              .pods()
              .inNamespace(namespace)
              .withName(pod)
              .inContainer(container)
              .tailingLines(lines)
              .getLog();
      return log == null || log.isEmpty() ? List.of() : List.of(log.split("\r?\n"));
    } catch (KubernetesClientException e) {
      return List.of();
    }
  }

  /**
   * The platform of a matrix sibling: the values of its pipeline task's matrix params, as run-local
   * labels it.
   */
  String platform(String pipelineTask, TaskRun run) {
    List<String> names = matrixParams.getOrDefault(pipelineTask, List.of());
    if (names.isEmpty() || run.getSpec() == null || run.getSpec().getParams() == null) {
      return "";
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Param param : run.getSpec().getParams()) {
      if (names.contains(param.getName())
          && param.getValue() != null
          && param.getValue().getStringVal() != null) {
        values.put(param.getName(), param.getValue().getStringVal());
      }
    }
    return String.join(", ", names.stream().filter(values::containsKey).map(values::get).toList());
  }

  private static Map<String, List<String>> matrixParams(Pipeline pipeline) {
    Map<String, List<String>> names = new LinkedHashMap<>();
    List<PipelineTask> all = new ArrayList<>(list(pipeline.getSpec().getTasks()));
    all.addAll(list(pipeline.getSpec().getFinally()));
    for (PipelineTask task : all) {
      if (task.getMatrix() != null && task.getMatrix().getParams() != null) {
        names.put(
            task.getName(), task.getMatrix().getParams().stream().map(Param::getName).toList());
      }
    }
    return names;
  }

  private static Optional<FailedStep> failedStep(TaskRun run, List<String> tail) {
    return failedStepState(run)
        .map(step -> new FailedStep(step.getName(), step.getTerminated().getExitCode(), tail));
  }

  /** The first step that exited with a code other than 0. */
  private static Optional<StepState> failedStepState(TaskRun run) {
    if (run.getStatus() == null || run.getStatus().getSteps() == null) {
      return Optional.empty();
    }
    for (StepState step : run.getStatus().getSteps()) {
      ContainerStateTerminated terminated = step.getTerminated();
      if (terminated != null && terminated.getExitCode() != null && terminated.getExitCode() != 0) {
        return Optional.of(step);
      }
    }
    return Optional.empty();
  }

  private List<TaskRunReport> skipped(PipelineRun run) {
    if (run.getStatus() == null || run.getStatus().getSkippedTasks() == null) {
      return List.of();
    }
    List<TaskRunReport> reports = new ArrayList<>();
    for (SkippedTask task : run.getStatus().getSkippedTasks()) {
      reports.add(
          new TaskRunReport(
              "",
              known(task.getName()),
              "",
              TaskRunReport.State.SKIPPED,
              task.getReason() == null ? "" : task.getReason(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty()));
    }
    return reports;
  }

  private static Optional<String> image(PipelineRun run) {
    if (run.getStatus() == null || run.getStatus().getResults() == null) {
      return Optional.empty();
    }
    Map<String, String> results = new LinkedHashMap<>();
    for (PipelineRunResult result : run.getStatus().getResults()) {
      if (result.getValue() != null && result.getValue().getStringVal() != null) {
        results.put(result.getName(), result.getValue().getStringVal().strip());
      }
    }
    String url = results.get(Results.IMAGE_URL);
    String digest = results.get(Results.IMAGE_DIGEST);
    return url == null || digest == null || url.isEmpty() || digest.isEmpty()
        ? Optional.empty()
        : Optional.of(url + "@" + digest);
  }

  private static RunStatus.State runState(PipelineRun run, Optional<Condition> condition) {
    if (condition.isEmpty() || "Unknown".equals(condition.get().getStatus())) {
      boolean pending =
          condition.map(c -> "PipelineRunPending".equals(c.getReason())).orElse(true)
              && (run.getStatus() == null || run.getStatus().getStartTime() == null);
      return pending ? RunStatus.State.PENDING : RunStatus.State.RUNNING;
    }
    if ("True".equals(condition.get().getStatus())) {
      return RunStatus.State.SUCCEEDED;
    }
    return switch (String.valueOf(condition.get().getReason())) {
      case "PipelineRunTimeout" -> RunStatus.State.TIMED_OUT;
      case "Cancelled", "CancelledRunFinally", "StoppedRunFinally" -> RunStatus.State.CANCELLED;
      default -> RunStatus.State.FAILED;
    };
  }

  private static TaskRunReport.State taskRunState(TaskRun run, Optional<Condition> condition) {
    if (condition.isEmpty() || "Unknown".equals(condition.get().getStatus())) {
      boolean started =
          run.getStatus() != null
              && run.getStatus().getStartTime() != null
              && !condition.map(c -> "Pending".equals(c.getReason())).orElse(false);
      return started ? TaskRunReport.State.RUNNING : TaskRunReport.State.PENDING;
    }
    if ("True".equals(condition.get().getStatus())) {
      return TaskRunReport.State.SUCCEEDED;
    }
    return switch (String.valueOf(condition.get().getReason())) {
      case "TaskRunTimeout" -> TaskRunReport.State.TIMED_OUT;
      case "TaskRunCancelled" -> TaskRunReport.State.CANCELLED;
      default -> TaskRunReport.State.FAILED;
    };
  }

  private static Optional<Condition> succeeded(List<Condition> conditions) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> SUCCEEDED.equals(c.getType())).findFirst();
  }

  /** What the cluster named, or {@value TaskRunReport#UNKNOWN} when it named nothing. */
  private static String known(String name) {
    return name == null || name.isEmpty() ? TaskRunReport.UNKNOWN : name;
  }

  /** When the TaskRun started, or else was created. */
  static Optional<Instant> started(TaskRun run) {
    String start =
        run.getStatus() == null || run.getStatus().getStartTime() == null
            ? run.getMetadata().getCreationTimestamp()
            : run.getStatus().getStartTime();
    return Times.instant(start);
  }
}
