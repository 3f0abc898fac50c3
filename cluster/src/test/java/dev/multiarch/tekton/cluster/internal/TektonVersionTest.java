package dev.multiarch.tekton.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What pipelines-info's {@code version} is read as, hostile values included. */
class TektonVersionTest {

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "v0.68.1|0.68",
        "v1.0.0|1.0",
        "0.56.3|0.56",
        "v0.59.5-rc.1|0.59",
        " v1.3.2 |1.3",
        "devel|",
        "v1|",
        "v1.2.3.4|",
        "v99999999.1.1|",
        "v0.68.1 ; rm -rf /|"
      })
  void parse_table(String text, String expected) {
    Optional<TektonVersion> version = TektonVersion.parse(text);

    assertThat(version.map(v -> v.major() + "." + v.minor()))
        .isEqualTo(Optional.ofNullable(expected));
  }
}
