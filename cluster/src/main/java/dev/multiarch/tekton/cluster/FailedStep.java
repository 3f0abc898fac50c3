package dev.multiarch.tekton.cluster;

import java.util.List;

/**
 * The step that failed a TaskRun.
 *
 * @param name the step's name, {@code build-and-push}
 * @param exitCode its container's exit code
 * @param lastLogLines the last lines of its log (empty when the pod's log could not be read)
 */
public record FailedStep(String name, int exitCode, List<String> lastLogLines) {

  public FailedStep {
    lastLogLines = List.copyOf(lastLogLines);
  }
}
