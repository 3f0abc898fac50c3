package dev.multiarch.tekton.local;

import dev.multiarch.tekton.internal.tekton.GoDuration;
import io.fabric8.tekton.v1.PipelineRun;
import java.time.Duration;

/** The PipelineRun's {@code timeouts.pipeline}, which run-local enforces as Tekton does (0 means none). */
final class Timeouts {

  /** Tekton's default when a PipelineRun sets no timeout. */
  static final Duration DEFAULT = Duration.ofHours(1);
  private static final Duration NONE = Duration.ofDays(365);

  private Timeouts() {}

  static Duration pipeline(PipelineRun run) {
    if (run.getSpec().getTimeouts() == null) {
      return DEFAULT;
    }
    Object value = run.getSpec().getTimeouts().getPipeline() != null
        ? run.getSpec().getTimeouts().getPipeline().getDuration()
        : run.getSpec().getTimeouts().getAdditionalProperties().get("pipeline");
    if (value == null) {
      return DEFAULT;
    }
    Duration duration = value instanceof Duration d ? d : parse(value.toString());
    return duration.isZero() ? NONE : duration;
  }

  /** Parses a Go duration such as {@code 2h}, {@code 1h30m} or {@code 90s}, as the validator does. */
  static Duration parse(String text) {
    try {
      return GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw new LocalRunException("PipelineRun timeouts.pipeline '" + text + "' is not a duration such as 1h30m", e);
    }
  }
}
