package dev.multiarch.tekton.local;

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

  /** Parses a Go duration such as {@code 2h}, {@code 1h30m} or {@code 90s}. */
  static Duration parse(String text) {
    if (text.equals("0")) {
      return Duration.ZERO; // the one Go duration without a unit, which fabric8's parser rejects
    }
    try {
      return io.fabric8.kubernetes.api.model.Duration.parse(text).getDuration();
    } catch (java.text.ParseException e) {
      throw new LocalRunException("PipelineRun timeouts.pipeline '" + text + "' is not a duration such as 1h30m", e);
    }
  }
}
