package dev.multiarch.tekton.cluster;

import java.time.Duration;
import java.util.Optional;

/**
 * One TaskRun of a PipelineRun as the cluster reports it, or a pipeline task the run skipped.
 *
 * @param taskRun the TaskRun's name; empty for a skipped task, which has none
 * @param pipelineTask the pipeline task it runs, {@code build}; {@value #UNKNOWN} when the TaskRun
 *     does not say
 * @param platform what tells matrix siblings apart, read from the TaskRun's matrix params: {@code
 *     linux/arm64}; empty for a task without matrix
 * @param state where it is
 * @param message the cluster's word on it (Tekton's condition message, a skip reason), or the
 *     failed step
 * @param duration from its start to its end, or to now while it runs; empty before it starts
 * @param node the node its pod runs on, when asked for and known
 * @param failedStep the step that failed it, when one did
 */
public record TaskRunReport(
    String taskRun,
    String pipelineTask,
    String platform,
    State state,
    String message,
    Optional<Duration> duration,
    Optional<String> node,
    Optional<FailedStep> failedStep) {

  /** What stands for a name the cluster did not give: a pipeline task's, a step's. */
  public static final String UNKNOWN = "?";

  /** Where a TaskRun is. */
  public enum State {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED,
    SKIPPED;

    /** True once it can change no more. */
    public boolean finished() {
      return this != PENDING && this != RUNNING;
    }
  }

  /**
   * The pipeline task and, for a matrix sibling, its platform: {@code build linux/arm64}, as
   * run-local says.
   */
  public String displayName() {
    return platform.isEmpty() ? pipelineTask : pipelineTask + " " + platform;
  }

  TaskRunReport withNode(Optional<String> nodeName) {
    return new TaskRunReport(
        taskRun, pipelineTask, platform, state, message, duration, nodeName, failedStep);
  }
}
