package dev.multiarch.tekton.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A PipelineRun as the cluster reports it.
 *
 * @param name the PipelineRun's name
 * @param namespace its namespace
 * @param state where it is
 * @param reason Tekton's reason for that state, {@code PipelineRunTimeout}; empty before the
 *     controller saw it
 * @param message Tekton's message, {@code Tasks Completed: 3 (Failed: 0, Cancelled 0), Skipped: 0}
 * @param duration from its start to its end, or to now while it runs; empty before it starts
 * @param taskRuns its TaskRuns in the order they started, then the tasks it skipped
 * @param image the published multi-arch image as {@code repository:tag@digest}, from the Pipeline's
 *     results
 */
public record RunStatus(
    String name,
    String namespace,
    State state,
    String reason,
    String message,
    Optional<Duration> duration,
    List<TaskRunReport> taskRuns,
    Optional<String> image) {

  /** Where a PipelineRun is. */
  public enum State {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED;

    /** True once it can change no more. */
    public boolean finished() {
      return this != PENDING && this != RUNNING;
    }
  }

  public RunStatus {
    taskRuns = List.copyOf(taskRuns);
  }

  public boolean succeeded() {
    return state == State.SUCCEEDED;
  }

  /** The first TaskRun that failed, timed out or was cancelled, if any. */
  public Optional<TaskRunReport> firstFailure() {
    return taskRuns.stream()
        .filter(
            run ->
                run.state() == TaskRunReport.State.FAILED
                    || run.state() == TaskRunReport.State.TIMED_OUT
                    || run.state() == TaskRunReport.State.CANCELLED)
        .findFirst();
  }
}
