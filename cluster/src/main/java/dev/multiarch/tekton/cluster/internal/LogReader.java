package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.LogLine;
import dev.multiarch.tekton.cluster.TaskRunReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.tekton.v1.StepState;
import io.fabric8.tekton.v1.TaskRun;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The step logs of a PipelineRun's TaskRuns, read from their pods' step containers ({@code
 * step-<name>}): once, or followed until the run ends, each step's stream on a thread of its own,
 * as parallel TaskRuns write at once.
 */
public final class LogReader {

  /** How long the log streams of an ended run may take to end, together. */
  static final Duration STREAM_END = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final RunReader reader;
  private final Failures failures;
  private final Duration pollInterval;

  public LogReader(
      KubernetesClient client, RunReader reader, Failures failures, Duration pollInterval) {
    this.client = client;
    this.reader = reader;
    this.failures = failures;
    this.pollInterval = pollInterval;
  }

  /**
   * Every started step's log so far, TaskRun by TaskRun in the order they started, step by step.
   */
  public void read(String runName, Optional<String> platform, Consumer<LogLine> sink) {
    for (TaskRun run : reader.taskRuns(runName)) {
      TaskRunReport report = reader.report(run);
      if (platform.isPresent() && !platform.get().equals(report.platform())) {
        continue;
      }
      for (StepState step : startedSteps(run)) {
        // Read whole (at most AnswerBounds.MAX_BYTES), printed bounded (LogLines). Streamed,
        // Vert.x may report the connection's close before the end of a paused answer.
        String log;
        try {
          log = pods(run).inContainer(step.getContainer()).getLog();
        } catch (KubernetesClientException e) {
          throw failures.of(e, "get", "pods/log", reader.namespace());
        }
        if (log != null) {
          LogLines.readOnce(
              log,
              line ->
                  sink.accept(
                      new LogLine(report.pipelineTask(), report.platform(), step.getName(), line)));
        }
      }
    }
  }

  /**
   * Streams each step's log as the step starts, until the run has ended and every stream is closed.
   */
  public void follow(String runName, Optional<String> platform, Consumer<LogLine> sink) {
    Set<String> streaming = new HashSet<>();
    List<Thread> threads = new ArrayList<>();
    try {
      while (true) {
        boolean ended =
            reader
                .pipelineRun(runName)
                .map(run -> reader.status(run, List.of()).state().finished())
                .orElse(true);
        for (TaskRun run : reader.taskRuns(runName)) {
          TaskRunReport report = reader.report(run);
          if (platform.isPresent() && !platform.get().equals(report.platform())) {
            continue;
          }
          for (StepState step : startedSteps(run)) {
            if (streaming.add(run.getMetadata().getName() + "/" + step.getContainer())) {
              Thread thread =
                  new Thread(
                      () -> stream(run, step, report, sink),
                      "log-" + run.getMetadata().getName() + "-" + step.getName());
              thread.setDaemon(true);
              thread.start();
              threads.add(thread);
            }
          }
        }
        if (ended) {
          // A stream the server keeps open after its step ended is given up after a while.
          long deadline = System.nanoTime() + STREAM_END.toNanos();
          for (Thread thread : threads) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
          }
          return;
        }
        Thread.sleep(pollInterval.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stream(TaskRun run, StepState step, TaskRunReport report, Consumer<LogLine> sink) {
    try (LogWatch watch = pods(run).inContainer(step.getContainer()).watchLog()) {
      LogLines.follow(
          watch.getOutput(),
          line ->
              sink.accept(
                  new LogLine(report.pipelineTask(), report.platform(), step.getName(), line)));
    } catch (IOException | KubernetesClientException e) {
      sink.accept(
          new LogLine(
              report.pipelineTask(),
              report.platform(),
              step.getName(),
              "(log stream ended: " + failures.scrub(String.valueOf(e.getMessage())) + ")"));
    }
  }

  private io.fabric8.kubernetes.client.dsl.PodResource pods(TaskRun run) {
    return client.pods().inNamespace(reader.namespace()).withName(run.getStatus().getPodName());
  }

  private static List<StepState> startedSteps(TaskRun run) {
    if (run.getStatus() == null
        || run.getStatus().getPodName() == null
        || run.getStatus().getSteps() == null) {
      return List.of();
    }
    return run.getStatus().getSteps().stream()
        .filter(
            step ->
                step.getContainer() != null
                    && (step.getRunning() != null || step.getTerminated() != null))
        .toList();
  }
}
