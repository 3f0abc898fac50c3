package dev.multiarch.tekton.text;

import java.util.regex.Pattern;

/**
 * Quotes words for a POSIX shell (bash, zsh, dash), so that a printed command pasted into a
 * terminal runs with exactly these arguments: {@code d;touch x} is printed {@code 'd;touch x'}, not
 * run as a second command.
 */
public final class ShellWords {

  // Characters no shell gives a meaning to; '=' only at a word's start (zsh). '~' is always quoted:
  // bash expands it
  // after ':' or '=' in any word shaped like an assignment (name=a:~root/x).
  private static final Pattern PLAIN =
      Pattern.compile("[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*");

  private ShellWords() {}

  /**
   * The word as the shell must read it: as it is when it holds nothing special, in single quotes
   * otherwise, and as {@code $'...'} with escapes when it holds control characters, which must not
   * reach the terminal raw.
   */
  public static String quote(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    if (Printable.hasUnprintable(word)) {
      StringBuilder out = new StringBuilder("$'");
      word.codePoints()
          .forEach(
              c -> {
                if (c == '\'' || c == '\\') {
                  out.append('\\').appendCodePoint(c);
                } else if (Printable.unprintable(c)) {
                  out.append(
                      c < 0x100
                          ? String.format("\\x%02x", c)
                          : c < 0x10000
                              ? String.format("\\u%04x", c)
                              : String.format("\\U%08x", c));
                } else {
                  out.appendCodePoint(c);
                }
              });
      return out.append('\'').toString();
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * A path as a command's argument: quoted, and {@code ./}-prefixed if it would otherwise read as
   * an option.
   */
  public static String path(String path) {
    return quote(path.startsWith("-") ? "./" + path : path);
  }
}
