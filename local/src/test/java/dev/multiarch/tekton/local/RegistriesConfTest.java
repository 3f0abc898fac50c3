package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistriesConfTest {

  private static final String TABLE =
      "\n# Added by multiarch-tekton run-local: its loopback registry, without TLS.\n"
          + "[[registry]]\nlocation = \"127.0.0.1:5000\"\ninsecure = true\n";

  @TempDir Path tmp;

  static Stream<Arguments> hostFiles() {
    return Stream.of(
        Arguments.of("no host file", null, TABLE),
        Arguments.of("comments only", "# nothing here\n", "# nothing here\n" + TABLE),
        Arguments.of(
            "v2 without a last newline",
            "unqualified-search-registries = [\"docker.io\"]\n[[registry]]\nlocation = \"q.io\"",
            "unqualified-search-registries = [\"docker.io\"]\n[[registry]]\nlocation = \"q.io\"\n"
                + TABLE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostFiles")
  void write_keepsTheHostFileAndAddsTheLoopbackRegistryAsInsecure(
      String name, String host, String expected) throws IOException {
    // Given
    Path hostFile = tmp.resolve("registries.conf");
    if (host != null) {
      Files.writeString(hostFile, host);
    }

    // When
    Path written = RegistriesConf.write(hostFile, "127.0.0.1:5000", tmp.resolve("run"));

    // Then
    assertThat(written).isEqualTo(tmp.resolve("run/registries.conf"));
    assertThat(Files.readString(written)).isEqualTo(expected);
  }

  static Stream<Arguments> v1Files() {
    return Stream.of(
        Arguments.of("[registries.search]\nregistries = ['docker.io']\n"),
        Arguments.of("# v1\n  [ registries.insecure ]\nregistries = ['r.example:5000']\n"),
        Arguments.of("registries.block.registries = ['bad.example']\n"));
  }

  @ParameterizedTest
  @MethodSource("v1Files")
  void write_aV1HostFile_isRefusedWithOneLine(String host) throws IOException {
    // Given
    Path hostFile = tmp.resolve("registries.conf");
    Files.writeString(hostFile, host);

    // When / Then
    assertThatThrownBy(() -> RegistriesConf.write(hostFile, "127.0.0.1:5000", tmp.resolve("run")))
        .isInstanceOf(LocalRunException.class)
        .hasMessage(
            hostFile
                + " is in the v1 format ([registries.search], [registries.insecure] or"
                + " [registries.block]), to which run-local cannot add the [[registry]] table that"
                + " lets its steps reach 127.0.0.1:5000 without TLS; convert it to the v2 format"
                + " ([[registry]] tables, unqualified-search-registries: man"
                + " containers-registries.conf)");
    assertThat(tmp.resolve("run")).doesNotExist();
  }

  @Test
  void write_aHostFileThatIsAFolder_isRefusedNamingIt() throws IOException {
    // Given
    Path hostFile = Files.createDirectories(tmp.resolve("registries.conf"));

    // When / Then
    assertThatThrownBy(() -> RegistriesConf.write(hostFile, "127.0.0.1:5000", tmp.resolve("run")))
        .isInstanceOf(LocalRunException.class)
        .hasMessageStartingWith("cannot read " + hostFile + ": ");
  }
}
