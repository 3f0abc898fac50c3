package dev.multiarch.tekton;

import dev.multiarch.tekton.text.Printable;
import java.util.Objects;
import java.util.Optional;

/**
 * A spec file that cannot be read, parsed or validated. Its message is the one line the command
 * line prints: {@code multiarch.yaml:12: spec.platforms[2]: 'linux/ppc' is not allowed; expected
 * ...}.
 */
public class SpecFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String field;
  private final String problem;
  private final String value;
  private final String allowed;

  /**
   * A problem at a line of a file.
   *
   * @param file the file's name as the user gave it
   * @param line the 1-based line, or 0 when the problem has no line (an unreadable file)
   * @param field the field's path such as {@code spec.source.git.url}, or empty
   * @param problem what is wrong, one line
   * @param cause the underlying exception, or null
   */
  public SpecFileException(String file, int line, String field, String problem, Throwable cause) {
    this(file, line, field, problem, "", "", cause);
  }

  private SpecFileException(
      String file,
      int line,
      String field,
      String problem,
      String value,
      String allowed,
      Throwable cause) {
    super(format(file, line, field, problem), cause);
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.field = Objects.requireNonNull(field, "field");
    this.problem = Objects.requireNonNull(problem, "problem");
    this.value = value;
    this.allowed = allowed;
  }

  /** A value not allowed at a line of a file; field, value and allowed are the cause's. */
  public static SpecFileException of(String file, int line, InvalidValueException cause) {
    String problem = new InvalidValueException(cause.value(), cause.allowed()).getMessage();
    return new SpecFileException(
        file, line, cause.field(), problem, cause.value(), cause.allowed(), cause);
  }

  /** The file's name as the user gave it. */
  public String file() {
    return file;
  }

  /** The 1-based line of the problem, or 0 if it has none. */
  public int line() {
    return line;
  }

  /** The path of the field at fault, such as {@code spec.destination.image}, or empty. */
  public String field() {
    return field;
  }

  /**
   * The field as a row of the spec's field table with its list indexes, or empty (see {@link
   * FieldPath#of}).
   */
  public Optional<FieldPath> path() {
    return FieldPath.of(field);
  }

  /** The problem without file, line and field. */
  public String problem() {
    return problem;
  }

  /**
   * The value not allowed, or empty if the problem is not a value (an unknown field, a wrong type,
   * ...).
   */
  public String value() {
    return value;
  }

  /** What {@link #field()} allows, or empty if the problem is not a value. */
  public String allowed() {
    return allowed;
  }

  private static String format(String file, int line, String field, String problem) {
    // One printable line, whatever a file name, a key or a parser's message holds.
    return Printable.line(
        file
            + (line > 0 ? ":" + line : "")
            + ": "
            + (field.isEmpty() ? "" : field + ": ")
            + problem);
  }
}
