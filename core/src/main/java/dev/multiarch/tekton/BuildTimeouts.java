package dev.multiarch.tekton;

import dev.multiarch.tekton.yaml.GoDuration;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * How long each part of a build may take. Tekton gives a TaskRun whose pipeline task has no {@code
 * timeout} its default of 60 minutes, whatever the PipelineRun's {@code timeouts.pipeline} says,
 * and emulated builds run 5 to 20 times slower than native ones: so every pipeline task carries its
 * own timeout, and the pipeline's covers them.
 *
 * <p>The constructor throws {@link InvalidValueException} if a timeout is shorter than a second,
 * naming {@code spec.timeouts.build}, {@code spec.timeouts.manifest} or {@code
 * spec.timeouts.pipeline}.
 *
 * @param build each build TaskRun, per attempt (a retry gets the same again)
 * @param manifest the TaskRun that assembles and pushes the multi-arch image
 * @param pipeline the whole PipelineRun, or null for the default: the setup tasks, every attempt of
 *     the build and the manifest task (see {@link BuildSpec#pipelineTimeout()})
 */
public record BuildTimeouts(Duration build, Duration manifest, Duration pipeline) {

  public static final Duration DEFAULT_BUILD = Duration.ofHours(2);
  public static final Duration DEFAULT_MANIFEST = Duration.ofMinutes(30);

  /**
   * The timeout of the short tasks: registering emulators, resolving the commit, removing the
   * emulators.
   */
  public static final Duration SETUP = Duration.ofMinutes(10);

  public BuildTimeouts {
    build = positive("spec.timeouts.build", build == null ? DEFAULT_BUILD : build);
    manifest = positive("spec.timeouts.manifest", manifest == null ? DEFAULT_MANIFEST : manifest);
    if (pipeline != null) {
      positive("spec.timeouts.pipeline", pipeline);
    }
  }

  /** The defaults: builds 2h each attempt, manifest 30m, the pipeline's computed from them. */
  public static BuildTimeouts defaults() {
    return new BuildTimeouts(null, null, null);
  }

  /**
   * Parses a Go duration as Tekton and {@code tkn} take it ({@code 2h}, {@code 1h30m}, {@code 90s},
   * {@code 2h0m0s}).
   *
   * @throws InvalidValueException if the text is not such a duration, or shorter than a second
   */
  public static Duration parse(String text) {
    return GoDuration.parse(text)
        .filter(d -> d.toSeconds() >= 1)
        .orElseThrow(
            () ->
                new InvalidValueException(
                    text, "a duration of at least 1s, such as 90m, 2h or 1h30m"));
  }

  /**
   * A duration as Go and Tekton write it, shortest form: {@code 2h}, {@code 1h30m}, {@code 1m30s}.
   */
  public static String format(Duration duration) {
    return GoDuration.format(duration);
  }

  // Whole seconds: what a Go duration in a PipelineRun is shown as, and what a timeout needs.
  private static Duration positive(String field, Duration duration) {
    if (duration.toSeconds() < 1) {
      throw new InvalidValueException(
          field, format(duration), "a duration of at least 1s, such as 90m, 2h or 1h30m");
    }
    return duration.truncatedTo(ChronoUnit.SECONDS);
  }
}
