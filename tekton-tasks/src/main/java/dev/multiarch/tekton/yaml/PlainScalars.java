package dev.multiarch.tekton.yaml;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which strings must be quoted so that every YAML reader reads them back as the same
 * string. Jackson's own checker quotes YAML 1.1 booleans and special characters but writes {@code
 * 1.0}, {@code 0x1f} or {@code 2024-01-01} plain, and Go's YAML 1.1 reader (kubectl, Tekton),
 * SnakeYAML and PyYAML then read a number or a timestamp. A plain scalar stays plain only if no
 * reader resolves it to anything but a string; quoting more than needed is harmless.
 */
final class PlainScalars extends StringQuotingChecker.Default {

  private static final long serialVersionUID = 1L;

  /** YAML 1.1 booleans and nulls in every case, plus the merge and value keys. */
  private static final Set<String> WORDS =
      Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "<<", "=");

  /**
   * Numbers as any reader takes them, underscores removed first (YAML 1.1 and Go allow them):
   * decimal, octal, hex and binary integers with an optional sign, decimal and hex floats with
   * exponents, YAML's {@code .inf} and {@code .nan} and Go's {@code inf}, {@code infinity} and
   * {@code nan}, in any case.
   */
  private static final Pattern NUMBER =
      Pattern.compile(
          "[-+]?(0b[01]+|0o?[0-7]+|0x[0-9a-f]*(\\.[0-9a-f]*)?(p[-+]?[0-9]+)?"
              + "|([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[-+]?[0-9]+)?|\\.?inf(inity)?|\\.?nan)");

  /** YAML 1.1 base-60 numbers such as {@code 1:20} or {@code 190:20:30.15}. */
  private static final Pattern SEXAGESIMAL =
      Pattern.compile("[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?");

  /**
   * Anything that starts like a YAML timestamp: Go's reader turns {@code 2024-01-01} into a time.
   */
  private static final Pattern TIMESTAMP =
      Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");

  static final PlainScalars INSTANCE = new PlainScalars();

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value) || !readsAsString(value);
  }

  @Override
  public boolean needToQuoteName(String name) {
    return super.needToQuoteName(name) || !readsAsString(name);
  }

  /**
   * True if the text, written as a plain scalar, reads back as that same string in every YAML
   * reader.
   */
  static boolean readsAsString(String text) {
    if (text.isEmpty() || !text.strip().equals(text)) {
      return false;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (WORDS.contains(lower)) {
      return false;
    }
    return !NUMBER.matcher(lower.replace("_", "")).matches()
        && !SEXAGESIMAL.matcher(text).matches()
        && !TIMESTAMP.matcher(text).matches();
  }
}
