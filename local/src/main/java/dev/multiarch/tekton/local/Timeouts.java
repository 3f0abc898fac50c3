package dev.multiarch.tekton.local;

import dev.multiarch.tekton.model.TektonDefaults;
import dev.multiarch.tekton.yaml.GoDuration;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineTask;
import java.time.Duration;
import java.util.Optional;

/**
 * The timeouts Tekton's controller enforces, computed as it computes them: the PipelineRun's {@code
 * timeouts.pipeline} (default 60 minutes) over everything, {@code timeouts.tasks} over the DAG
 * tasks from the run's start, {@code timeouts.finally} over the finally tasks from their start, and
 * each TaskRun's own timeout, per attempt: its pipeline task's {@code timeout}, else the cluster's
 * default TaskRun timeout ({@code default-timeout-minutes}, 60 minutes), whatever the pipeline's
 * timeouts say. Zero means no timeout anywhere.
 */
final class Timeouts {

  /** Tekton's default when a PipelineRun sets no timeout, and its default TaskRun timeout. */
  static final Duration DEFAULT = TektonDefaults.TIMEOUT;

  private Timeouts() {}

  /** The whole run's timeout; empty when it is 0 (none). */
  static Optional<Duration> pipeline(PipelineRun run) {
    return field(run, "pipeline").or(() -> Optional.of(DEFAULT)).filter(d -> !d.isZero());
  }

  /** {@code timeouts.tasks}, if set and not 0. */
  static Optional<Duration> tasks(PipelineRun run) {
    return field(run, "tasks").filter(d -> !d.isZero());
  }

  /** {@code timeouts.finally}, if set and not 0. */
  static Optional<Duration> finallyTasks(PipelineRun run) {
    return field(run, "finally").filter(d -> !d.isZero());
  }

  /**
   * A TaskRun's own timeout, per attempt: its pipeline task's, else {@code defaultTaskRun}; empty
   * when that is 0. The controller passes only the pipeline task's timeout on; TaskRun defaulting
   * fills in the default.
   */
  static Optional<Duration> taskRun(PipelineTask task, Duration defaultTaskRun) {
    Duration own = task.getTimeout() != null ? task.getTimeout().getDuration() : defaultTaskRun;
    return own.isZero() ? Optional.empty() : Optional.of(own);
  }

  private static Optional<Duration> field(PipelineRun run, String name) {
    if (run.getSpec().getTimeouts() == null) {
      return Optional.empty();
    }
    var timeouts = run.getSpec().getTimeouts();
    io.fabric8.kubernetes.api.model.Duration typed =
        switch (name) {
          case "pipeline" -> timeouts.getPipeline();
          case "tasks" -> timeouts.getTasks();
          default -> timeouts.getFinally();
        };
    if (typed != null) {
      return Optional.of(typed.getDuration());
    }
    Object text = timeouts.getAdditionalProperties().get(name);
    if (text == null) {
      return Optional.empty();
    }
    return Optional.of(
        GoDuration.parse(text.toString())
            .orElseThrow(
                () ->
                    new LocalRunException(
                        "PipelineRun timeouts."
                            + name
                            + " '"
                            + text
                            + "' is not a duration such as 1h30m")));
  }
}
