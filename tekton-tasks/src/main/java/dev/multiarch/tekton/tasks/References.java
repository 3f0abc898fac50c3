package dev.multiarch.tekton.tasks;

/**
 * Writes Tekton variable references, {@code $(...)}, the one way the project writes them: every
 * generated Task and Pipeline builds its references here, and the validator's reference parser
 * reads each of them back as what it was written as (a test holds the two together).
 */
public final class References {

  private References() {}

  /** A string param, or a whole object param: {@code $(params.NAME)}. */
  public static String param(String name) {
    return "$(params." + name + ")";
  }

  /**
   * A whole array param, {@code $(params.NAME[*])}: Tekton expands it only as a whole element of an
   * array value ({@code args}, {@code command}, an array param's value).
   */
  public static String arrayParam(String name) {
    return "$(params." + name + "[*])";
  }

  /**
   * A string result of an earlier pipeline task, which also orders the two: {@code
   * $(tasks.TASK.results.RESULT)}.
   */
  public static String result(String task, String result) {
    return "$(tasks." + task + ".results." + result + ")";
  }

  /**
   * A result of every TaskRun of a matrixed task as one array, {@code
   * $(tasks.TASK.results.RESULT[*])}: Tekton reads a matrixed task's results only whole.
   */
  public static String arrayResult(String task, String result) {
    return "$(tasks." + task + ".results." + result + "[*])";
  }

  /**
   * A context variable, {@code $(context.OBJECT.FIELD)}: {@code context("taskRun", "namespace")}.
   */
  public static String context(String object, String field) {
    return "$(context." + object + "." + field + ")";
  }

  /** Where a Task's workspace is mounted: {@code $(workspaces.NAME.path)}. */
  public static String workspacePath(String workspace) {
    return "$(workspaces." + workspace + ".path)";
  }

  /** Whether an optional workspace of a Task was bound, {@code "true"} or {@code "false"}. */
  public static String workspaceBound(String workspace) {
    return "$(workspaces." + workspace + ".bound)";
  }

  /** Where a step writes a result of its Task: {@code $(results.NAME.path)}. */
  public static String resultPath(String result) {
    return "$(results." + result + ".path)";
  }
}
