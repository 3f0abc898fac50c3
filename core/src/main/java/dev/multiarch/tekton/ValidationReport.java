package dev.multiarch.tekton;

import java.util.List;

/**
 * What {@link TektonValidator} found in a set of files.
 *
 * @param problems every problem, in file and document order
 * @param documents how many Tekton documents (Pipeline, Task, PipelineRun, TaskRun) were checked
 * @param failed how many of them have at least one problem
 */
public record ValidationReport(List<ValidationProblem> problems, int documents, int failed) {

  public ValidationReport {
    problems = List.copyOf(problems);
  }

  public boolean passed() {
    return problems.isEmpty();
  }

  /** {@code N passed, M failed}, counting documents. */
  public String summary() {
    return (documents - failed) + " passed, " + failed + " failed";
  }
}
