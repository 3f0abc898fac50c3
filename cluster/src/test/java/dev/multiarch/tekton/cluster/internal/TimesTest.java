package dev.multiarch.tekton.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TimesTest {

  private static final Instant NOW = Instant.parse("2025-06-02T10:00:00Z");

  static Stream<Arguments> times() {
    return Stream.of(
        Arguments.of("2025-06-02T09:00:00Z", Optional.of(Instant.parse("2025-06-02T09:00:00Z"))),
        Arguments.of(
            "2025-06-02T11:00:00+02:00", Optional.of(Instant.parse("2025-06-02T09:00:00Z"))),
        Arguments.of(
            "2025-06-02T09:00:00.123456Z",
            Optional.of(Instant.parse("2025-06-02T09:00:00.123456Z"))),
        Arguments.of(" 2025-06-02T09:00:00Z\n", Optional.of(Instant.parse("2025-06-02T09:00:00Z"))),
        Arguments.of(null, Optional.empty()),
        Arguments.of("", Optional.empty()),
        Arguments.of("yesterday", Optional.empty()),
        Arguments.of("12", Optional.empty()),
        Arguments.of("2025-06-02", Optional.empty()),
        Arguments.of("2025-13-40T25:61:00Z", Optional.empty()),
        // Far off, but a time: between() refuses the span.
        Arguments.of(
            "+999999999-12-31T23:59:59-18:00",
            Optional.of(Instant.parse("+1000000000-01-01T17:59:59Z"))));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("times")
  void instant_readsRfc3339_andNothingElse(String text, Optional<Instant> expected) {
    assertThat(Times.instant(text)).isEqualTo(expected);
  }

  static Stream<Arguments> durations() {
    return Stream.of(
        Arguments.of(
            "2025-06-02T09:00:00Z", "2025-06-02T09:01:30Z", Optional.of(Duration.ofSeconds(90))),
        Arguments.of("2025-06-02T09:00:00Z", null, Optional.of(Duration.ofHours(1))),
        Arguments.of("2025-06-02T09:00:00Z", "", Optional.of(Duration.ofHours(1))),
        Arguments.of("2025-06-02T09:00:00Z", "2025-06-02T08:00:00Z", Optional.of(Duration.ZERO)),
        Arguments.of("2025-06-02T09:00:00Z", "soon", Optional.empty()),
        Arguments.of("yesterday", "2025-06-02T09:00:00Z", Optional.empty()),
        Arguments.of(null, "2025-06-02T09:00:00Z", Optional.empty()),
        Arguments.of("2025-06-02T09:00:00Z", "+999999999-12-31T23:59:59Z", Optional.empty()),
        Arguments.of("-999999999-01-01T00:00:00Z", null, Optional.empty()));
  }

  @ParameterizedTest(name = "{index}: {0} to {1}")
  @MethodSource("durations")
  void between_isEmptyWhenATimeCannotBeRead(String start, String end, Optional<Duration> expected) {
    assertThat(Times.between(start, end, NOW)).isEqualTo(expected);
  }
}
