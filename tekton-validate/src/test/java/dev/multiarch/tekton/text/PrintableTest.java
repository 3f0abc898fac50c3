package dev.multiarch.tekton.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Text from outside, made safe for a terminal: escaped, cut, and idempotent where messages nest.
 */
class PrintableTest {

  @Test
  void quoted_escapesControlAndFormatCharactersAndBackslashes() {
    assertThat(Printable.quoted("a\nb\tc\\d\u001b[31m\u007f\u0085\u202e\u2028\uDB40\uDC01"))
        .isEqualTo("'a\\nb\\tc\\\\d\\x1b[31m\\x7f\\x85\\u202e\\u2028\\U000e0001'");
  }

  @Test
  void quoted_cutsAfter200CharactersSayingHowManyMore_neverInsideASurrogatePair() {
    assertThat(Printable.quoted("x".repeat(250)))
        .isEqualTo("'" + "x".repeat(200) + "'... (50 more characters)");
    String emoji = "x".repeat(199) + "\uD83D\uDE00" + "y";
    assertThat(Printable.quoted(emoji))
        .isEqualTo("'" + "x".repeat(199) + "'... (3 more characters)");
    assertThat(Printable.quoted("x".repeat(200))).isEqualTo("'" + "x".repeat(200) + "'");
  }

  @Test
  void line_escapesControlCharactersOnly_soEscapingTwiceChangesNothing() {
    String once = Printable.line("a\\nb\u001bc\nd");

    assertThat(once).isEqualTo("a\\nb\\x1bc\\nd");
    assertThat(Printable.line(once)).isEqualTo(once);
    assertThat(Printable.line("é ü 日本")).isEqualTo("é ü 日本");
  }

  @Test
  void line_cutsVeryLongLines() {
    assertThat(Printable.line("y".repeat(5000)))
        .isEqualTo("y".repeat(4000) + "... (1000 more characters)");
  }
}
