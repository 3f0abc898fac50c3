package dev.multiarch.tekton.model;

import java.time.Duration;

/**
 * Defaults a Tekton cluster applies when a run says nothing, from its {@code config-defaults}
 * ConfigMap at Tekton's own values. One place, so that validate and run-local cannot disagree about
 * them.
 */
public final class TektonDefaults {

  /**
   * {@code default-timeout-minutes}: the timeout of a PipelineRun without {@code
   * timeouts.pipeline}, and of a TaskRun whose pipeline task sets no {@code timeout} (TaskRun
   * defaulting; the controller passes nothing else on).
   */
  public static final Duration TIMEOUT = Duration.ofMinutes(60);

  private TektonDefaults() {}
}
