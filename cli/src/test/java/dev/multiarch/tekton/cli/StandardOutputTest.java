package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.testing.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code main} does when its standard output cannot be written: a full disk fails the command
 * with the reason (the YAML is lost, so exit 0 would be a lie); a reader that closed the pipe fails
 * it without a word.
 */
class StandardOutputTest {

  private static final String HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml").toString();

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"generate", "graph", "--version"})
  void fullDisk_exits1_sayingWhy(String command) throws Exception {
    List<String> args = command.startsWith("--") ? List.of(command) : List.of(command, "-f", HELLO);
    Process process =
        new ProcessBuilder(
                ChildJvm.command(List.of(), Main.class.getName(), args.toArray(String[]::new)))
            .redirectOutput(new File("/dev/full"))
            .redirectError(tmp.resolve("err").toFile())
            .start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(Files.readString(tmp.resolve("err")))
        .isEqualTo(
            "multiarch-tekton: cannot write to standard output: no space left on the device\n");
  }

  @Test
  void readerGone_exits1_withoutAMessage() throws Exception {
    Process process =
        new ProcessBuilder(
                ChildJvm.command(List.of(), Main.class.getName(), "generate", "-f", HELLO))
            .redirectError(tmp.resolve("err").toFile())
            .start();
    process.getInputStream().close();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(Files.readString(tmp.resolve("err"))).isEmpty();
  }

  @Test
  void afterOutput_keepsAFailuresOwnCode_andPassesCleanRuns() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(err, true, StandardCharsets.UTF_8);

    assertThat(Main.afterOutput(2, Optional.of(new IOException("No space left on device")), print))
        .isEqualTo(2);
    assertThat(Main.afterOutput(0, Optional.empty(), print)).isZero();
    assertThat(err.size()).isZero();
  }
}
