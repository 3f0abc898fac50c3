package dev.multiarch.tekton.validate;

import java.util.List;

/**
 * What {@link TektonValidator} found in a set of files.
 *
 * @param problems every problem, in file and line order, each once
 * @param documents how many Tekton documents were checked
 * @param failed how many of them have at least one problem
 * @param skipped a note for each Tekton document of a kind or version the validator does not model
 */
public record ValidationReport(
    List<ValidationProblem> problems, int documents, int failed, List<String> skipped) {

  public ValidationReport {
    problems = List.copyOf(problems);
    skipped = List.copyOf(skipped);
  }

  public boolean passed() {
    return problems.isEmpty();
  }

  /** How many problems a rule set or the reference hints found rather than Tekton's rules. */
  public long projectProblems() {
    return problems.stream().filter(ValidationProblem::project).count();
  }

  /**
   * {@code N passed, M failed}, counting documents, then the problems split into Tekton's and the
   * others, and the skipped documents: {@code 4 passed, 1 failed (2 Tekton problems, 1
   * [multiarch-tekton]); 1 skipped}.
   */
  public String summary() {
    StringBuilder out = new StringBuilder((documents - failed) + " passed, " + failed + " failed");
    if (!problems.isEmpty()) {
      long project = projectProblems();
      out.append(" (")
          .append(problems.size() - project)
          .append(" Tekton problem")
          .append(problems.size() - project == 1 ? "" : "s")
          .append(", ")
          .append(project)
          .append(' ')
          .append(ValidationProblem.PROJECT_TAG)
          .append(')');
    }
    if (!skipped.isEmpty()) {
      out.append("; ").append(skipped.size()).append(" skipped");
    }
    return out.toString();
  }
}
