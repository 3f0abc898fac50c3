package dev.multiarch.tekton.text;

/**
 * Text from outside (a value, a key, a file name, a parser's message) made safe to print on a
 * terminal, in one line: control and formatting characters (newline, ESC, DEL, bidi overrides, ...)
 * become visible escapes, so a hostile value cannot move the cursor, recolour the terminal or hide
 * part of a line, and long text is cut, saying how much was left out.
 */
public final class Printable {

  /** The most characters of one value a message shows. */
  public static final int MAX_VALUE = 200;

  /** The most characters of one message line. */
  public static final int MAX_LINE = 4000;

  private Printable() {}

  /**
   * A value between single quotes, as messages show it: control characters and backslashes escaped
   * ({@code \n}, {@code \x1b}, {@code \\}), at most {@link #MAX_VALUE} characters of it, and how
   * many more there were: {@code 'aaaa'... (1048376 more characters)}.
   */
  public static String quoted(String value) {
    int keep = cutPoint(value, MAX_VALUE);
    String shown = "'" + escape(value.substring(0, keep), true) + "'";
    return keep == value.length()
        ? shown
        : shown + "... (" + (value.length() - keep) + " more characters)";
  }

  /**
   * A line of text with its control and formatting characters escaped (backslashes kept as they
   * are, so text escaped once stays as it is), cut to {@link #MAX_LINE} characters.
   */
  public static String line(String text) {
    int keep = cutPoint(text, MAX_LINE);
    String shown = escape(text.substring(0, keep), false);
    return keep == text.length()
        ? shown
        : shown + "... (" + (text.length() - keep) + " more characters)";
  }

  /**
   * The one line that names a value not allowed where it was given: {@code field: 'value' is not
   * allowed; expected allowed}, without the field's part when {@code field} is empty; the value
   * escaped and cut as {@link #quoted} does.
   */
  public static String notAllowed(String field, String value, String allowed) {
    String prefix = field.isEmpty() ? "" : field + ": ";
    return line(prefix + quoted(value) + " is not allowed; expected " + allowed);
  }

  /** True if the text holds a character {@link #line(String)} would escape. */
  public static boolean hasUnprintable(String text) {
    return text.codePoints().anyMatch(Printable::unprintable);
  }

  /**
   * True for control characters (C0, DEL, C1), format characters (bidi controls, ...) and line
   * separators.
   */
  public static boolean unprintable(int codePoint) {
    int type = Character.getType(codePoint);
    return Character.isISOControl(codePoint)
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static String escape(String text, boolean backslashes) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append(backslashes ? "\\\\" : "\\");
                default -> {
                  if (!unprintable(c)) {
                    out.appendCodePoint(c);
                  } else if (c < 0x100) {
                    out.append(String.format("\\x%02x", c));
                  } else if (c < 0x10000) {
                    out.append(String.format("\\u%04x", c));
                  } else {
                    out.append(String.format("\\U%08x", c));
                  }
                }
              }
            });
    return out.toString();
  }

  // Never between the two halves of a surrogate pair.
  private static int cutPoint(String text, int max) {
    if (text.length() <= max) {
      return text.length();
    }
    return Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
  }
}
