package dev.multiarch.tekton.local;

/** Hears a local run's progress, one call per event, from the thread that saw it. */
public interface RunListener {

  /** A line about the run as a whole: the registry it uses, what it substitutes on this host. */
  default void note(String message) {}

  /**
   * A TaskRun started; {@code displayName} is the pipeline task and, for a matrix sibling, its
   * label.
   */
  default void started(String displayName) {}

  /** A TaskRun ended, or was skipped. */
  default void finished(TaskRunOutcome outcome) {}
}
