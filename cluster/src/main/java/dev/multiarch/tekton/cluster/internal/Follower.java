package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.cluster.FollowListener;
import dev.multiarch.tekton.cluster.RunStatus;
import dev.multiarch.tekton.cluster.TaskRunReport;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.TaskRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows a PipelineRun until it ends by reading it and its TaskRuns every poll interval, telling
 * the listener of each TaskRun once as it appears and once as it ends. Polling rather than
 * watching: a missed watch event would lose a line, while a poll always compares whole states, and
 * a build's minutes dwarf its interval.
 */
public final class Follower {

  private final RunReader reader;
  private final Duration pollInterval;

  public Follower(RunReader reader, Duration pollInterval) {
    this.reader = reader;
    this.pollInterval = pollInterval;
  }

  /** A TaskRun's start (kind 0) or end (kind 1), at the time the cluster recorded it. */
  private record Event(Instant time, int kind, TaskRun taskRun, TaskRunReport report) {}

  /** When it happened; a time that is absent or not a time sorts last. */
  private static Instant time(String recorded, String fallback) {
    String time = recorded != null && !recorded.isEmpty() ? recorded : fallback;
    return Times.instant(time).orElse(Instant.MAX);
  }

  /**
   * What tells a TaskRun apart from one poll to the next: its name, with what it runs, as a cluster
   * may answer with TaskRuns that have no name or the same one.
   */
  private static String key(TaskRunReport report) {
    return report.taskRun() + "\u0000" + report.displayName();
  }

  /**
   * Follows until the run ends, or until this thread is interrupted; returns the last state seen.
   */
  public RunStatus follow(String runName, FollowListener listener) {
    Set<String> started = new HashSet<>();
    Set<String> finished = new HashSet<>();
    while (true) {
      PipelineRun run =
          reader
              .pipelineRun(runName)
              .orElseThrow(
                  () ->
                      new ClusterException(
                          ClusterException.Reason.NOT_FOUND,
                          "PipelineRun "
                              + runName
                              + " in namespace "
                              + reader.namespace()
                              + " is gone (deleted while it was followed)"));
      List<TaskRun> taskRuns = reader.taskRuns(runName);
      // This poll's events in the order they happened, a TaskRun's start before its own end.
      List<Event> events = new ArrayList<>();
      for (TaskRun taskRun : taskRuns) {
        TaskRunReport report = reader.report(taskRun);
        Instant start =
            time(
                taskRun.getStatus() == null ? null : taskRun.getStatus().getStartTime(),
                taskRun.getMetadata().getCreationTimestamp());
        if (started.add(key(report))) {
          events.add(new Event(start, 0, taskRun, report));
        }
        if (report.state().finished() && finished.add(key(report))) {
          // Never before its own start, whatever times the cluster gave.
          Instant end = time(taskRun.getStatus().getCompletionTime(), null);
          events.add(new Event(end.isBefore(start) ? start : end, 1, taskRun, report));
        }
      }
      events.sort(
          Comparator.comparing(Event::time)
              .thenComparingInt(Event::kind)
              .thenComparing(e -> key(e.report())));
      for (Event event : events) {
        if (event.kind() == 0) {
          listener.started(event.report());
        } else {
          listener.finished(reader.withLogTail(event.taskRun(), event.report()));
        }
      }
      RunStatus status = reader.status(run, taskRuns);
      if (status.state().finished()) {
        status.taskRuns().stream()
            .filter(r -> r.state() == TaskRunReport.State.SKIPPED)
            .forEach(listener::finished);
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
