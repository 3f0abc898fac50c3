package dev.multiarch.tekton.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long one TaskRun may take and how often it is tried, as the controller decides: its own
 * timeout per attempt, its retries, and the deadline of its group ({@code timeouts.tasks} for the
 * DAG, {@code timeouts.finally} for finally tasks), after which it is stopped and not retried.
 *
 * @param timeout the TaskRun's timeout per attempt; empty for none
 * @param retries how many times a failed or timed-out attempt is tried again
 * @param groupDeadline when the group's timeout passes, if it has one
 * @param groupTimeout what that deadline is, for messages: {@code the PipelineRun's timeouts.tasks
 *     of 1h}
 */
record TaskRunPolicy(
    Optional<Duration> timeout, int retries, Optional<Instant> groupDeadline, String groupTimeout) {

  /** No timeout of its own, no retries, no group deadline. */
  static final TaskRunPolicy NONE = new TaskRunPolicy(Optional.empty(), 0, Optional.empty(), "");
}
