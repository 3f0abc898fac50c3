package dev.multiarch.tekton.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
    "2h, PT2H",
    "1h30m, PT1H30M",
    "90s, PT1M30S",
    "0, PT0S",
    "1.5h, PT1H30M",
    "2h0m0s, PT2H",
    "500ms, PT0.5S",
    "-1m, PT-1M",
    ".5m, PT30S",
    "1h1m1s1ms1us1ns, PT1H1M1.001001001S",
    "10µs, PT0.00001S"
  })
  void parse_goText_givesItsDuration(String text, String expected) {
    assertThat(GoDuration.parse(text)).contains(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "2 hours", "1d", "h", "1hh", "2H", "P1D", "1h 30m", "1.h.5"})
  void parse_notGo_givesNothing(String text) {
    assertThat(GoDuration.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "2562047h47m16.854775807s, PT2562047H47M16.854775807S",
    "9223372036854775807ns, PT2562047H47M16.854775807S",
    "-9223372036854775808ns, PT-2562047H-47M-16.854775808S",
    "2562047h, PT2562047H",
    "00000000000000000000001h, PT1H",
    "1.0000000000000000000000000000000000000001s, PT1S"
  })
  void parse_atTheEdgeOfGosRange_givesItsDuration(String text, String expected) {
    assertThat(GoDuration.parse(text)).contains(Duration.parse(expected));
  }

  // Go's time.ParseDuration answers "time: invalid duration" past an int64 of nanoseconds.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "99999999999999999999h",
        "2562048h",
        "-2562048h",
        "9223372036854775808ns",
        "-9223372036854775809ns",
        "2562047h47m16.854775808s",
        "2562047h2562047h",
        "1000000000000000000000000000000ns"
      })
  void parse_beyondGosRange_givesNothing(String text) {
    assertThat(GoDuration.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "PT2H, 2h",
    "PT1H30M, 1h30m",
    "PT1M30S, 1m30s",
    "PT0S, 0s",
    "PT0.5S, 0.5s",
    "PT26H, 26h"
  })
  void format_givesTheShortestGoText_whichParsesBack(String duration, String expected) {
    assertThat(GoDuration.format(Duration.parse(duration))).isEqualTo(expected);
    assertThat(GoDuration.parse(expected)).contains(Duration.parse(duration));
  }
}
