package dev.multiarch.tekton.validate;

import dev.multiarch.tekton.text.Printable;

/**
 * A file given to {@link TektonValidator} cannot be read, is over a limit (size, line length, nodes
 * once aliases are expanded) or is not YAML; {@link #line()} is 0 when unknown. The message is one
 * printable line.
 */
public final class YamlInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  public YamlInputException(String file, int line, String problem) {
    this(file, line, problem, null);
  }

  /** The same, with the exception that caused it. */
  public YamlInputException(String file, int line, String problem, Throwable cause) {
    super(Printable.line(file + (line > 0 ? ":" + line : "") + ": " + problem), cause);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }
}
