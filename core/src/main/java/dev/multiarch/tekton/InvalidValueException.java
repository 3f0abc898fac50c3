package dev.multiarch.tekton;

import dev.multiarch.tekton.text.Printable;
import java.util.Objects;
import java.util.Optional;

/**
 * A value that is not allowed where it was given. It carries the field (a path such as {@code
 * spec.platforms[2]}, empty until a caller names it), the bad value and what is allowed, and its
 * message is the one line the command line prints: {@code spec.platforms[2]: 'linux/ppc' is not
 * allowed; expected a known platform: linux/amd64, ...}. The message shows the value with its
 * control characters escaped and cut after 200 characters, saying how many were cut; {@link
 * #value()} keeps it whole.
 */
public class InvalidValueException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;
  private final String allowed;

  /** A bad value whose field is not known yet. */
  public InvalidValueException(String value, String allowed) {
    this("", value, allowed);
  }

  /** A bad value of the named field. */
  public InvalidValueException(String field, String value, String allowed) {
    super(Printable.notAllowed(field, value, allowed));
    this.field = Objects.requireNonNull(field, "field");
    this.value = Objects.requireNonNull(value, "value");
    this.allowed = Objects.requireNonNull(allowed, "allowed");
  }

  /**
   * The same problem, reported against {@code field}; an earlier field name becomes a suffix of it.
   */
  public InvalidValueException atField(String field) {
    String path =
        this.field.isEmpty() ? field : field + (this.field.startsWith("[") ? "" : ".") + this.field;
    return new InvalidValueException(path, value, allowed);
  }

  public String field() {
    return field;
  }

  /**
   * The field as a row of the spec's field table with its list indexes, or empty if the field is
   * not a build spec's ({@code source} of a local run) or only groups fields ({@code
   * spec.destination}).
   */
  public Optional<FieldPath> path() {
    return FieldPath.of(field);
  }

  public String value() {
    return value;
  }

  public String allowed() {
    return allowed;
  }
}
