package dev.multiarch.tekton.cluster;

/**
 * Hears a PipelineRun's progress while {@link ClusterRun#follow(FollowListener)} watches it, one
 * call per event.
 */
public interface FollowListener {

  /** A line about the run as a whole. */
  default void note(String message) {}

  /** A TaskRun was created. */
  default void started(TaskRunReport run) {}

  /**
   * A TaskRun ended (a failed one carries its failed step and that step's last log lines), or a
   * task was skipped.
   */
  default void finished(TaskRunReport run) {}
}
