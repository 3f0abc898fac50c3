package dev.multiarch.tekton.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How one TaskRun of a local run ended.
 *
 * @param pipelineTask the pipeline task's name, for example {@code build}
 * @param label what tells matrix siblings apart, for example {@code linux/arm64}; empty for a task
 *     without matrix
 * @param status how it ended
 * @param duration how long it ran (zero if it never started)
 * @param failedStep the step that failed, when one did
 * @param message why it failed or was skipped; empty when it succeeded
 * @param logDir the folder holding one log file per step
 * @param results the results the TaskRun wrote, by name
 * @param retries how many times it was retried: the outcome is its last attempt's
 */
public record TaskRunOutcome(
    String pipelineTask,
    String label,
    Status status,
    Duration duration,
    Optional<String> failedStep,
    String message,
    Path logDir,
    Map<String, String> results,
    int retries) {

  /** How a TaskRun ended. */
  public enum Status {
    SUCCEEDED,
    FAILED,
    SKIPPED
  }

  public TaskRunOutcome {
    results = Map.copyOf(results);
  }

  /** The pipeline task and, for a matrix sibling, its label: {@code build linux/arm64}. */
  public String displayName() {
    return label.isEmpty() ? pipelineTask : pipelineTask + " " + label;
  }

  public boolean succeeded() {
    return status == Status.SUCCEEDED;
  }
}
