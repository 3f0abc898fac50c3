package dev.multiarch.tekton.validate;

/**
 * One thing Tekton's admission webhook (or its controller at run time, or a rule set on top) would
 * reject.
 *
 * @param file the file it is in
 * @param line the 1-based line of {@code path} in that file
 * @param kind the document's kind, e.g. {@code Pipeline}
 * @param name the document's name ({@code generateName*} for a PipelineRun without a name)
 * @param path where in the document, e.g. {@code spec.tasks[1].taskRef.name}
 * @param message what is wrong and, where it helps, what is allowed
 * @param project whether a {@link RuleSet} or the reference hints found it rather than Tekton's
 *     rules (printed with {@value #PROJECT_TAG})
 */
public record ValidationProblem(
    String file, int line, String kind, String name, String path, String message, boolean project) {

  /** The tag a finding of a rule set or the reference hints carries in its line. */
  public static final String PROJECT_TAG = "[multiarch-tekton]";

  /**
   * {@code file:line: kind/name: path: message}, the message tagged when it is not Tekton's rule.
   */
  @Override
  public String toString() {
    return file
        + ":"
        + line
        + ": "
        + kind
        + "/"
        + name
        + ": "
        + (path.isEmpty() ? "" : path + ": ")
        + (project ? PROJECT_TAG + " " : "")
        + message;
  }
}
