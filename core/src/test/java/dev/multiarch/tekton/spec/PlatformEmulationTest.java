package dev.multiarch.tekton.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.Platform;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which platforms {@link Platform#emulatedOn} says need an emulator: the one derivation generate
 * and run-local share.
 */
class PlatformEmulationTest {

  static Stream<Arguments> emulatedOn() {
    return Stream.of(
        Arguments.of(
            "linux/amd64", "linux/amd64,linux/arm64,linux/s390x", "", "linux/arm64,linux/s390x"),
        Arguments.of(
            "linux/amd64", "linux/amd64,linux/arm64,linux/s390x", "linux/arm64", "linux/s390x"),
        Arguments.of("linux/arm64", "linux/amd64,linux/arm64", "", "linux/amd64"),
        Arguments.of(
            "linux/arm64",
            "linux/arm/v7,linux/arm/v6,linux/arm/v7",
            "",
            "linux/arm/v7,linux/arm/v6"),
        Arguments.of("linux/amd64", "linux/amd64", "", ""),
        Arguments.of("linux/amd64", "linux/arm64,linux/ppc64le", "linux/arm64,linux/ppc64le", ""));
  }

  @ParameterizedTest(name = "on {0}: {1} natives [{2}]")
  @MethodSource
  void emulatedOn(String node, String platforms, String natives, String expected) {
    // When
    List<Platform> emulated =
        Platform.emulatedOn(Platform.parse(node), platforms(platforms), platforms(natives));

    // Then
    assertThat(emulated).containsExactlyElementsOf(platforms(expected));
  }

  private static List<Platform> platforms(String list) {
    return list.isEmpty()
        ? List.of()
        : Arrays.stream(list.split(",")).map(Platform::parse).toList();
  }
}
