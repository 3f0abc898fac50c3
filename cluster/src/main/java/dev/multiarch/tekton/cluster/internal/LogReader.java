package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.LogLine;
import dev.multiarch.tekton.cluster.TaskRunReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.tekton.v1.StepState;
import io.fabric8.tekton.v1.TaskRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
        String log;
        try {
          log = pods(run).inContainer(step.getContainer()).getLog();
        } catch (KubernetesClientException e) {
          throw failures.of(e, "get", "pods/log", reader.namespace());
        }
        if (log != null && !log.isEmpty()) {
          // Limit 0: no empty log lines from the newline that ends the log, nor from blank lines
          // just before it.
          for (String line : log.split("\r?\n", 0)) {
            sink.accept(
                new LogLine(report.pipelineTask(), report.platform(), step.getName(), line));
          }
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
          for (Thread thread : threads) {
            thread.join();
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
    try (LogWatch watch = pods(run).inContainer(step.getContainer()).watchLog();
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        sink.accept(new LogLine(report.pipelineTask(), report.platform(), step.getName(), line));
      }
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
