package dev.multiarch.tekton.local;

import java.util.Objects;
import java.util.Optional;

/**
 * run-local cannot run this Pipeline on this host: a Tekton feature it does not support, a missing
 * host tool, no root, no binfmt_misc, or a registry that does not answer. Thrown before any task
 * runs. A problem with a value given to {@link LocalRun} names its {@link Option}, so that a front
 * end can say it in its own words.
 */
public final class LocalRunException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * The settings of a {@link LocalRun} that a problem can be about, each named in messages as its
   * method says it.
   */
  public enum Option {
    /** {@link LocalRun#withSource}. */
    SOURCE("source"),
    /** {@link LocalRun#withRegistry}. */
    REGISTRY("registry"),
    /** {@link LocalRun#withLogDir}. */
    LOG_DIR("logDir");

    private final String text;

    Option(String text) {
      this.text = text;
    }

    /** How messages name it: {@code source}, {@code registry}, {@code logDir}. */
    public String text() {
      return text;
    }
  }

  private final Option option;
  private final String value;
  private final String problem;

  public LocalRunException(String message) {
    this(message, null);
  }

  public LocalRunException(String message, Throwable cause) {
    super(message, cause);
    this.option = null;
    this.value = "";
    this.problem = message;
  }

  /**
   * A problem with the value of {@code option}: {@code logDir /tmp/x: exists and is not an empty
   * folder; ...}.
   *
   * @param value the value as given, or empty when the problem is the option's use, not its value
   */
  public LocalRunException(Option option, String value, String problem, Throwable cause) {
    super(option.text() + (value.isEmpty() ? "" : " " + value) + ": " + problem, cause);
    this.option = Objects.requireNonNull(option, "option");
    this.value = value;
    this.problem = problem;
  }

  /** The setting the problem is about, if it is one's. */
  public Optional<Option> option() {
    return Optional.ofNullable(option);
  }

  /** The setting's value as given, or empty. */
  public String value() {
    return value;
  }

  /** What is wrong, without the setting and its value. */
  public String problem() {
    return problem;
  }
}
