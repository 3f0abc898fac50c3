package dev.multiarch.tekton.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a local run did.
 *
 * @param taskRuns every TaskRun in the order they ended, skipped ones included
 * @param pipelineResults the Pipeline's results, by name (those whose tasks ran)
 * @param destination the multi-arch image in the local registry, by digest, when the run published
 *     it
 * @param platforms the platforms its image index lists, read back from the registry
 * @param problem what reading the image back from the registry found wrong, if anything
 * @param logDir the folder holding the step logs
 * @param duration how long the whole run took
 */
public record LocalRunResult(
    List<TaskRunOutcome> taskRuns,
    Map<String, String> pipelineResults,
    Optional<String> destination,
    List<String> platforms,
    Optional<String> problem,
    Path logDir,
    Duration duration) {

  public LocalRunResult {
    taskRuns = List.copyOf(taskRuns);
    pipelineResults = Map.copyOf(pipelineResults);
    platforms = List.copyOf(platforms);
  }

  /**
   * True when every TaskRun succeeded, none was skipped, and the published image read back as
   * reported.
   */
  public boolean succeeded() {
    return problem.isEmpty() && taskRuns.stream().allMatch(TaskRunOutcome::succeeded);
  }

  /** The first TaskRun that failed, if any. */
  public Optional<TaskRunOutcome> firstFailure() {
    return taskRuns.stream()
        .filter(run -> run.status() == TaskRunOutcome.Status.FAILED)
        .findFirst();
  }
}
