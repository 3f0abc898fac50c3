package dev.multiarch.tekton.input;

/**
 * Input that {@link BoundedInput} refuses: unreadable, not a regular file, over a limit, or not
 * YAML. Callers turn it into their own public exception ({@code SpecFileException}, {@code
 * YamlInputException}).
 */
public final class InputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String problem;

  InputException(String file, int line, String problem, Throwable cause) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  /** The file as given. */
  public String file() {
    return file;
  }

  /** The 1-based line of the problem, or 0 when it has none. */
  public int line() {
    return line;
  }

  /** What is wrong, without the file and line. */
  public String problem() {
    return problem;
  }
}
