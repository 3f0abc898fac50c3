package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.testing.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * In the POSIX locale of a bare container Java reads the command line and file names as ASCII, so a
 * path with any other letter cannot be used. The tool cannot repair that from inside the JVM; it
 * says so in one line, naming the remedy, and writes nothing. (The tests themselves run in C.UTF-8:
 * the parent POM sets it for every test JVM.)
 */
class LocaleTest {

  private static final String HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml").toString();
  private static final String UNMAPPABLE =
      "Malformed input or input contains unmappable characters";

  @TempDir Path tmp;

  @Test
  void nonAsciiFolder_inThePosixLocale_isOneLineNamingTheRemedy_andNothingIsWritten()
      throws Exception {
    Path out = tmp.resolve("sortie-été");
    ProcessBuilder builder =
        new ProcessBuilder(
            ChildJvm.command(
                List.of(), Main.class.getName(), "generate", "-f", HELLO, "-o", out.toString()));
    builder.environment().keySet().removeIf(name -> name.equals("LANG") || name.startsWith("LC_"));
    builder.environment().put("LC_ALL", "C");
    Process process = builder.redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(output).isEqualTo(2);
    assertThat(output.lines().toList()).as(output).hasSize(1);
    assertThat(output)
        .startsWith("multiarch-tekton: '")
        .contains(
            "is not a path this system can use ("
                + UNMAPPABLE
                + "); Java reads file names here as ")
        .endsWith(", so run it in a UTF-8 locale, e.g. LANG=C.UTF-8\n");
    try (var left = Files.list(tmp)) {
      assertThat(left).as("files written").isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Malformed input or input contains unmappable characters | ANSI_X3.4-1968 | "
            + "; Java reads file names here as ANSI_X3.4-1968, so run it in a UTF-8 locale, e.g. LANG=C.UTF-8",
        "Malformed input or input contains unmappable characters | ISO-8859-1 | "
            + "; Java reads file names here as ISO-8859-1, so run it in a UTF-8 locale, e.g. LANG=C.UTF-8",
        "Malformed input or input contains unmappable characters | UTF-8 | ''",
        "Malformed input or input contains unmappable characters | utf8 | ''",
        "Nul character not allowed | ANSI_X3.4-1968 | ''",
      })
  void theHint_isGivenOnlyForUnmappableLettersOutsideUtf8(
      String reason, String charset, String hint) {
    assertThat(Cli.localeHint(reason, charset)).isEqualTo(hint);
  }
}
