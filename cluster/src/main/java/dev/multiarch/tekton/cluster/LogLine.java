package dev.multiarch.tekton.cluster;

/**
 * One line of a step's log.
 *
 * @param pipelineTask the pipeline task, {@code build}
 * @param platform the matrix sibling's platform, {@code linux/arm64}; empty for a task without
 *     matrix
 * @param step the step, {@code build-and-push}
 * @param text the line, without its line break
 */
public record LogLine(String pipelineTask, String platform, String step, String text) {

  /**
   * {@code [build linux/arm64 build-and-push] text}: the task, the platform and the step before the
   * line.
   */
  @Override
  public String toString() {
    return "["
        + pipelineTask
        + (platform.isEmpty() ? "" : " " + platform)
        + " "
        + step
        + "] "
        + text;
  }
}
