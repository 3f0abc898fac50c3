package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.cluster.FollowListener;
import dev.multiarch.tekton.cluster.RunStatus;
import dev.multiarch.tekton.cluster.TaskRunReport;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.TaskRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows a PipelineRun until it ends by reading it and its TaskRuns every poll interval, telling the listener of
 * each TaskRun once as it appears and once as it ends. Polling rather than watching: a missed watch event would lose
 * a line, while a poll always compares whole states, and a build's minutes dwarf its interval.
 */
public final class Follower {

  private final RunReader reader;
  private final Duration pollInterval;

  public Follower(RunReader reader, Duration pollInterval) {
    this.reader = reader;
    this.pollInterval = pollInterval;
  }

  /** Follows until the run ends, or until this thread is interrupted; returns the last state seen. */
  public RunStatus follow(String runName, FollowListener listener) {
    Set<String> started = new HashSet<>();
    Set<String> finished = new HashSet<>();
    while (true) {
      PipelineRun run = reader.pipelineRun(runName).orElseThrow(() -> new ClusterException(
          ClusterException.Reason.NOT_FOUND, "PipelineRun " + runName + " in namespace " + reader.namespace()
              + " is gone (deleted while it was followed)"));
      List<TaskRun> taskRuns = reader.taskRuns(runName);
      List<TaskRun> ended = new ArrayList<>();
      for (TaskRun taskRun : taskRuns) {
        TaskRunReport report = reader.report(taskRun);
        if (started.add(report.taskRun())) {
          listener.started(report);
        }
        if (report.state().finished() && finished.add(report.taskRun())) {
          ended.add(taskRun);
        }
      }
      ended.sort(Comparator.comparing((TaskRun t) -> String.valueOf(t.getStatus().getCompletionTime()))
          .thenComparing(t -> t.getMetadata().getName()));
      for (TaskRun taskRun : ended) {
        listener.finished(reader.withLogTail(taskRun, reader.report(taskRun)));
      }
      RunStatus status = reader.status(run, taskRuns);
      if (status.state().finished()) {
        status.taskRuns().stream().filter(r -> r.state() == TaskRunReport.State.SKIPPED).forEach(listener::finished);
        return status;
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return status;
      }
    }
  }
}
