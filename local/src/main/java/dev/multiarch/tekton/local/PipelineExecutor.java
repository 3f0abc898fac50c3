package dev.multiarch.tekton.local;

import static dev.multiarch.tekton.model.JsonNodes.list;

import dev.multiarch.tekton.input.IoReasons;
import dev.multiarch.tekton.model.Scope;
import dev.multiarch.tekton.model.TaskGraph;
import dev.multiarch.tekton.model.UnresolvedReferenceException;
import dev.multiarch.tekton.yaml.GoDuration;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.PipelineResult;
import io.fabric8.tekton.v1.WorkspacePipelineTaskBinding;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a {@link PipelinePlan} as Tekton's PipelineRun controller would: every task whose
 * dependencies succeeded starts (up to {@code parallelism} TaskRuns at once), a matrix fans out to
 * one TaskRun per combination, results flow into the params of later tasks ({@code [*]} of a
 * matrixed task is the array of its TaskRuns' values), a failure stops new tasks from starting, and
 * the {@code finally} tasks run at the end whatever happened.
 */
final class PipelineExecutor {

  private final PipelinePlan plan;
  private final Scope pipelineScope;
  private final Map<String, Path> workspaces;
  private final Path runRoot;
  private final Path logRoot;
  private final String pipelineRunName;
  private final int parallelism;
  private final RunListener listener;
  private final TaskRunner runner;

  private final Map<String, TaskRunOutcome.Status> status = new LinkedHashMap<>();
  private final List<TaskRunOutcome> outcomes = new ArrayList<>();
  private final Map<String, List<TaskRunOutcome>> finishedRuns = new LinkedHashMap<>();
  private final Map<String, Integer> pendingRuns = new LinkedHashMap<>();
  private final Map<String, List<String>> labels = new LinkedHashMap<>();
  private String firstFailure;
  private final RunTimeouts timeouts;
  private Optional<Instant> groupDeadline = Optional.empty();
  private String groupTimeout = "";

  PipelineExecutor(
      PipelinePlan plan,
      Scope pipelineScope,
      Map<String, Path> workspaces,
      Path runRoot,
      Path logRoot,
      String pipelineRunName,
      int parallelism,
      RunListener listener,
      ProcessSupervisor supervisor,
      RunTimeouts timeouts) {
    this(
        plan,
        pipelineScope,
        workspaces,
        runRoot,
        logRoot,
        pipelineRunName,
        parallelism,
        listener,
        supervisor,
        timeouts,
        Map.of());
  }

  /** An executor whose every step also gets {@code stepEnv}, what this host sets for it. */
  PipelineExecutor(
      PipelinePlan plan,
      Scope pipelineScope,
      Map<String, Path> workspaces,
      Path runRoot,
      Path logRoot,
      String pipelineRunName,
      int parallelism,
      RunListener listener,
      ProcessSupervisor supervisor,
      RunTimeouts timeouts,
      Map<String, String> stepEnv) {
    this.plan = plan;
    this.pipelineScope = pipelineScope;
    this.workspaces = Map.copyOf(workspaces);
    this.runRoot = runRoot;
    this.logRoot = logRoot;
    this.pipelineRunName = pipelineRunName;
    this.parallelism = parallelism;
    this.listener = listener;
    this.runner = new TaskRunner(supervisor, listener::note, stepEnv);
    this.timeouts = timeouts;
  }

  /**
   * What the controller times, besides the whole run: {@code timeouts.tasks} from the run's start
   * over the DAG, {@code timeouts.finally} from their start over the finally tasks, and each
   * TaskRun's own timeout (its pipeline task's, else {@code defaultTaskRun}).
   *
   * @param start when the PipelineRun started
   */
  record RunTimeouts(
      Instant start,
      Optional<Duration> tasks,
      Optional<Duration> finallyTasks,
      Duration defaultTaskRun) {

    /** No timeouts but the TaskRuns' default hour. */
    static RunTimeouts none(Instant start) {
      return new RunTimeouts(start, Optional.empty(), Optional.empty(), Timeouts.DEFAULT);
    }
  }

  /** Runs every task and returns each TaskRun's outcome in the order they ended. */
  List<TaskRunOutcome> run() {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallelism,
            runnable -> {
              Thread thread = new Thread(runnable, "run-local-taskrun");
              thread.setDaemon(true);
              return thread;
            });
    try {
      CompletionService<TaskRunOutcome> completion = new ExecutorCompletionService<>(pool);
      groupDeadline = timeouts.tasks().map(timeouts.start()::plus);
      groupTimeout =
          timeouts
              .tasks()
              .map(d -> "the PipelineRun's timeouts.tasks of " + GoDuration.format(d))
              .orElse("");
      runGroup(plan.tasks().stream().filter(t -> !t.isFinally()).toList(), completion, false);
      Instant finallyStart = Instant.now();
      groupDeadline = timeouts.finallyTasks().map(finallyStart::plus);
      groupTimeout =
          timeouts
              .finallyTasks()
              .map(d -> "the PipelineRun's timeouts.finally of " + GoDuration.format(d))
              .orElse("");
      runGroup(plan.tasks().stream().filter(PlannedTask::isFinally).toList(), completion, true);
    } finally {
      pool.shutdownNow();
    }
    return List.copyOf(outcomes);
  }

  /** The Pipeline's results whose values could be resolved from the results the tasks wrote. */
  Map<String, String> pipelineResults() {
    Map<String, String> results = new LinkedHashMap<>();
    Scope scope = scopeWithResults();
    for (PipelineResult result : list(plan.pipeline().getSpec().getResults())) {
      if (result.getValue() == null || result.getValue().getStringVal() == null) {
        continue;
      }
      try {
        results.put(
            result.getName(),
            scope.text(result.getValue().getStringVal(), "result " + result.getName()));
      } catch (UnresolvedReferenceException e) {
        // A result of a task that failed or was skipped: Tekton leaves it out too.
      }
    }
    return results;
  }

  private void runGroup(
      List<PlannedTask> group, CompletionService<TaskRunOutcome> completion, boolean finallyGroup) {
    List<PlannedTask> waiting = new ArrayList<>(group);
    int inFlight = 0;
    while (true) {
      int before = waiting.size();
      for (PlannedTask task : List.copyOf(waiting)) {
        Optional<String> skip = skipReason(task, finallyGroup);
        if (skip.isPresent()) {
          waiting.remove(task);
          record(
              new TaskRunOutcome(
                  task.name(),
                  "",
                  TaskRunOutcome.Status.SKIPPED,
                  Duration.ZERO,
                  Optional.empty(),
                  skip.get(),
                  logRoot,
                  Map.of(),
                  0));
          status.put(task.name(), TaskRunOutcome.Status.SKIPPED);
        } else if (finallyGroup
            || task.dependsOn().stream()
                .allMatch(d -> status.get(d) == TaskRunOutcome.Status.SUCCEEDED)) {
          waiting.remove(task);
          inFlight += launch(task, completion);
        }
      }
      if (inFlight == 0) {
        if (waiting.isEmpty()) {
          return;
        }
        if (waiting.size() == before) {
          throw new IllegalStateException(
              "no task can start: " + waiting.stream().map(PlannedTask::name).toList());
        }
        continue;
      }
      TaskRunOutcome outcome = take(completion);
      inFlight--;
      finishRun(outcome);
    }
  }

  private Optional<String> skipReason(PlannedTask task, boolean finallyGroup) {
    if (finallyGroup) {
      // Only missing results skip a finally task: $(tasks.X.status) is how it asks whether X
      // failed.
      for (String dependency : resultsUsed(task)) {
        if (status.get(dependency) != TaskRunOutcome.Status.SUCCEEDED) {
          return Optional.of("its params use results of " + dependency + ", which did not succeed");
        }
      }
      return Optional.empty();
    }
    for (String dependency : task.dependsOn()) {
      TaskRunOutcome.Status state = status.get(dependency);
      if (state == TaskRunOutcome.Status.FAILED || state == TaskRunOutcome.Status.SKIPPED) {
        return Optional.of(
            "it runs after "
                + dependency
                + ", which "
                + (state == TaskRunOutcome.Status.FAILED ? "failed" : "was skipped"));
      }
    }
    if (firstFailure != null) {
      return Optional.of("the run stopped when " + firstFailure + " failed");
    }
    return Optional.empty();
  }

  /** The tasks whose results the params (and matrix params) of {@code task} use. */
  private static List<String> resultsUsed(PlannedTask task) {
    List<Param> params = new ArrayList<>(list(task.task().getParams()));
    if (task.task().getMatrix() != null) {
      params.addAll(list(task.task().getMatrix().getParams()));
    }
    List<String> texts = new ArrayList<>();
    params.forEach(param -> texts.addAll(PipelinePlan.texts(param.getValue())));
    return TaskGraph.dependencies(List.of(), texts);
  }

  /**
   * Starts the TaskRuns of {@code task}: one, or one per matrix combination. Returns how many
   * started.
   */
  private int launch(PlannedTask task, CompletionService<TaskRunOutcome> completion) {
    String where = "pipeline task " + task.name();
    List<Map<String, String>> combinations;
    Map<String, ParamValue> params;
    Map<String, Path> taskWorkspaces;
    try {
      taskWorkspaces = workspacesOf(task);
      Scope scope =
          scopeWithResults()
              .put(
                  "context.pipelineTask.retries",
                  Integer.toString(
                      task.task().getRetries() == null ? 0 : task.task().getRetries()));
      params = resolve(task.task().getParams(), scope, where);
      combinations =
          task.matrixed()
              ? Matrix.combinations(task.task().getMatrix(), scope, where)
              : List.of(Map.of());
    } catch (UnresolvedReferenceException | IllegalArgumentException e) {
      TaskRunOutcome failed =
          new TaskRunOutcome(
              task.name(),
              "",
              TaskRunOutcome.Status.FAILED,
              Duration.ZERO,
              Optional.empty(),
              e.getMessage(),
              logRoot,
              Map.of(),
              0);
      status.put(task.name(), TaskRunOutcome.Status.FAILED);
      firstFailure = firstFailure == null ? task.name() : firstFailure;
      record(failed);
      return 0;
    }
    status.put(task.name(), null);
    pendingRuns.put(task.name(), combinations.size());
    finishedRuns.put(task.name(), new ArrayList<>());
    labels.put(
        task.name(),
        combinations.stream().map(c -> Matrix.label(task.task().getMatrix(), c)).toList());
    for (int i = 0; i < combinations.size(); i++) {
      Map<String, String> combination = combinations.get(i);
      Map<String, ParamValue> runParams = new LinkedHashMap<>(params);
      combination.forEach((name, value) -> runParams.put(name, new ParamValue(value)));
      String label = Matrix.label(task.task().getMatrix(), combination);
      String suffix = task.matrixed() ? "-" + i : "";
      String folder =
          task.name() + (label.isEmpty() ? "" : "-" + label.replaceAll("[^A-Za-z0-9.]+", "-"));
      TaskRunRequest request =
          new TaskRunRequest(
              task,
              label,
              pipelineRunName + "-" + task.name() + suffix,
              runParams,
              taskWorkspaces,
              RunPaths.child(runRoot, task.name() + suffix, "pipeline task"),
              RunPaths.child(logRoot, folder, "pipeline task"),
              pipelineScope,
              policy(task));
      // Told when it really starts: with fewer threads than TaskRuns, a submitted TaskRun waits for
      // a free one.
      completion.submit(
          () -> {
            listener.started(request.displayName());
            return runner.run(request);
          });
    }
    return combinations.size();
  }

  private TaskRunPolicy policy(PlannedTask task) {
    Integer retries = task.task().getRetries();
    return new TaskRunPolicy(
        Timeouts.taskRun(task.task(), timeouts.defaultTaskRun()),
        retries == null ? 0 : retries,
        groupDeadline,
        groupTimeout);
  }

  private void finishRun(TaskRunOutcome outcome) {
    record(outcome);
    String task = outcome.pipelineTask();
    finishedRuns.get(task).add(outcome);
    if (outcome.status() == TaskRunOutcome.Status.FAILED && firstFailure == null) {
      firstFailure = outcome.displayName();
    }
    int left = pendingRuns.merge(task, -1, Integer::sum);
    if (left == 0) {
      boolean allSucceeded = finishedRuns.get(task).stream().allMatch(TaskRunOutcome::succeeded);
      status.put(
          task, allSucceeded ? TaskRunOutcome.Status.SUCCEEDED : TaskRunOutcome.Status.FAILED);
    }
  }

  private void record(TaskRunOutcome outcome) {
    outcomes.add(outcome);
    listener.finished(outcome);
  }

  /**
   * Pipeline params, context, and the results of every task that succeeded (arrays for matrixed
   * tasks).
   */
  private Scope scopeWithResults() {
    Scope scope = new Scope().putAll(pipelineScope);
    // $(tasks.status), which finally tasks read: Tekton's aggregate of the non-finally tasks.
    List<TaskRunOutcome.Status> states =
        plan.tasks().stream().filter(t -> !t.isFinally()).map(t -> status.get(t.name())).toList();
    scope.put(
        "tasks.status",
        states.contains(TaskRunOutcome.Status.FAILED)
            ? "Failed"
            : states.contains(TaskRunOutcome.Status.SKIPPED) ? "Completed" : "Succeeded");
    for (PlannedTask task : plan.tasks()) {
      if (status.get(task.name()) != TaskRunOutcome.Status.SUCCEEDED) {
        if (status.containsKey(task.name()) && status.get(task.name()) != null) {
          scope.put(
              "tasks." + task.name() + ".status",
              status.get(task.name()) == TaskRunOutcome.Status.FAILED ? "Failed" : "None");
        }
        continue;
      }
      scope.put("tasks." + task.name() + ".status", "Succeeded");
      // In matrix order, not the order they ended: [*] lists the values the way Tekton does.
      List<String> order = labels.get(task.name());
      List<TaskRunOutcome> runs =
          finishedRuns.get(task.name()).stream()
              .sorted(Comparator.comparingInt(run -> order.indexOf(run.label())))
              .toList();
      if (task.matrixed()) {
        Map<String, List<String>> arrays = new LinkedHashMap<>();
        for (TaskRunOutcome run : runs) {
          run.results()
              .forEach(
                  (name, value) -> arrays.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
        }
        arrays.forEach(
            (name, values) -> {
              if (values.size() == runs.size()) {
                scope.putArray("tasks." + task.name() + ".results." + name, values);
              }
            });
      } else {
        runs.get(0)
            .results()
            .forEach(
                (name, value) -> scope.put("tasks." + task.name() + ".results." + name, value));
      }
    }
    return scope;
  }

  /**
   * The folders of the task's workspaces, a subPath's created when the TaskRun starts, as the
   * kubelet creates it when it mounts the volume: then, not before, its way must not go through a
   * link that an earlier task put there.
   */
  private Map<String, Path> workspacesOf(PlannedTask task) {
    Map<String, Path> bound = new LinkedHashMap<>();
    for (WorkspacePipelineTaskBinding binding : list(task.task().getWorkspaces())) {
      Path dir = workspaces.get(binding.getWorkspace());
      if (dir != null) {
        String what =
            "pipeline task " + task.name() + " workspace " + binding.getName() + " subPath";
        try {
          bound.put(
              binding.getName(),
              binding.getSubPath() == null
                  ? dir
                  : RunPaths.subPath(dir, binding.getSubPath(), what));
        } catch (IOException e) {
          throw new IllegalArgumentException(
              what + ": cannot create it: " + IoReasons.withFile(e), e);
        }
      }
    }
    return bound;
  }

  static Map<String, ParamValue> resolve(List<Param> params, Scope scope, String where) {
    Map<String, ParamValue> resolved = new LinkedHashMap<>();
    for (Param param : list(params)) {
      ParamValue value = param.getValue();
      String at = where + " param " + param.getName();
      if (value == null) {
        resolved.put(param.getName(), new ParamValue(""));
      } else if (value.getArrayVal() != null) {
        resolved.put(param.getName(), new ParamValue(scope.elements(value.getArrayVal(), at)));
      } else {
        String text = value.getStringVal() == null ? "" : value.getStringVal();
        List<String> expanded = scope.element(text, at);
        // "$(tasks.x.results.r[*])" as a whole string value is an array, as in Tekton.
        resolved.put(
            param.getName(),
            scope.isWholeArray(text) ? new ParamValue(expanded) : new ParamValue(expanded.get(0)));
      }
    }
    return resolved;
  }

  private static TaskRunOutcome take(CompletionService<TaskRunOutcome> completion) {
    try {
      Future<TaskRunOutcome> done = completion.take();
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("run-local was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a TaskRun crashed: " + e.getCause(), e.getCause());
    }
  }
}
