package dev.multiarch.tekton.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

class YamlWriterTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.0",
        "2",
        "010",
        "1e3",
        "1E+3",
        "0x1f",
        "0X1F",
        "0o17",
        "0b101",
        "-1",
        "+1",
        "1_000",
        "1:20",
        "190:20:30.15",
        ".5",
        "1.",
        ".inf",
        "-.Inf",
        "+.INF",
        ".nan",
        ".NaN",
        "inf",
        "-Infinity",
        "NaN",
        "0x1p-2",
        "yes",
        "No",
        "ON",
        "off",
        "y",
        "N",
        "true",
        "False",
        "null",
        "NULL",
        "~",
        "<<",
        "=",
        "2024-01-01",
        "2024-1-1",
        "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10 -5",
        " padded",
        "trailing "
      })
  void ambiguousText_isQuoted_andReadsBackAsTheSameString(String text) {
    // When
    String yaml = YamlWriter.toYaml(Map.of("value", text, text, "key"));

    // Then
    assertThat(PlainScalars.readsAsString(text)).isFalse();
    Map<?, ?> read = new Yaml().load(yaml);
    assertThat(read.get("value")).as(yaml).isEqualTo(text);
    assertThat(read.get(text)).as(yaml).isEqualTo("key");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "latest",
        "v1.0",
        "1.39.0-1",
        "2h",
        "1.0-rc1",
        "quay.io/org/app",
        "app:1.0",
        "0.1.0",
        "main",
        "yesterday",
        "nullable",
        "x1",
        "1e",
        "e3",
        "2024-01",
        "sha256:abc",
        "linux/arm64"
      })
  void plainText_staysPlain_andReadsBackAsTheSameString(String text) {
    // When
    String yaml = YamlWriter.toYaml(Map.of("value", text));

    // Then
    assertThat(yaml).isEqualTo("value: " + text + "\n");
    assertThat(((Map<?, ?>) new Yaml().load(yaml)).get("value")).isEqualTo(text);
  }
}
