package dev.multiarch.tekton.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SuggestionsTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("platfroms", List.of("name", "platforms"), "did you mean 'platforms'? "),
        Arguments.of("PLATFORMS", List.of("platforms"), "did you mean 'platforms'? "),
        Arguments.of("taskRefs", List.of("taskSpec", "taskRef"), "did you mean 'taskRef'? "),
        Arguments.of("ab", List.of("abc", "abd"), "did you mean 'abc'? "),
        Arguments.of("abcd", List.of("abxy", "abcx"), "did you mean 'abcx'? "),
        Arguments.of("abcd", List.of("abxy", "abcd"), "did you mean 'abcd'? "),
        Arguments.of(
            "biuld-0001", List.of("build-0002", "build-0001"), "did you mean 'build-0001'? "),
        Arguments.of("foo", List.of("bar", "image"), ""),
        Arguments.of("abcdef", List.of("ab", "abcdefghi"), ""),
        Arguments.of("", List.of("ab"), "did you mean 'ab'? "),
        Arguments.of(
            "x".repeat(5000) + "yz",
            List.of("x".repeat(5000)),
            "did you mean '" + "x".repeat(5000) + "'? "),
        Arguments.of("yy" + "x".repeat(5000) + "y", List.of("x".repeat(5000) + "yy"), ""),
        Arguments.of("name", List.of(), ""));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void didYouMean_namesTheClosestWithinTwoEdits(String given, List<String> known, String hint) {
    assertThat(Suggestions.didYouMean(given, known)).isEqualTo(hint);
    assertThat(Suggestions.Index.of(known).didYouMean(given)).isEqualTo(hint);
  }

  @Test
  void manyNames_oneEditAwayIsFoundByTheIndex_twoEditsAmongTheFirstCompared() {
    List<String> known =
        IntStream.range(0, 3_000).mapToObj(i -> String.format("build-%04d", i)).toList();
    Suggestions.Index index = Suggestions.Index.of(known);

    assertThat(index.didYouMean("biuld-2999")).isEqualTo("did you mean 'build-2999'? ");
    assertThat(index.didYouMean("BUILD-2999")).isEqualTo("did you mean 'build-2999'? ");
    assertThat(index.didYouMean("bild-2999")).isEqualTo("did you mean 'build-2999'? ");
    // Two edits from 'build-0002', within the first names compared; from 'build-2999', past them.
    assertThat(index.didYouMean("bxild-00x2")).isEqualTo("did you mean 'build-0002'? ");
    assertThat(index.didYouMean("bxilx-2999")).isEmpty();
    assertThat(index.didYouMean("zzzzzzzzzz")).isEmpty();
    // Without the index only the first names are compared: a two-edit name among them is the
    // answer.
    assertThat(Suggestions.didYouMean("biuld-2999", known))
        .isEqualTo("did you mean 'build-0999'? ");
  }

  static Stream<Arguments> distances() {
    return Stream.of(
        Arguments.of("kitten", "sitting", 3, 3),
        Arguments.of("kitten", "sitting", 2, 3),
        Arguments.of("platforms", "platfroms", 2, 1),
        Arguments.of("ca", "abc", 3, 3),
        Arguments.of("abc", "abc", 0, 0),
        Arguments.of("abc", "abd", 0, 1),
        Arguments.of("", "", 2, 0),
        Arguments.of("abcdefgh", "hgfedcba", 2, 3));
  }

  @ParameterizedTest
  @MethodSource("distances")
  void distance_isTheOptimalAlignmentDistance_orOneOverTheLimit(
      String a, String b, int limit, int expected) {
    assertThat(Suggestions.distance(a, b, limit)).isEqualTo(expected);
    assertThat(Suggestions.distance(b, a, limit)).isEqualTo(expected);
  }
}
