package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Janitor}: when the JVM that started it dies without a shutdown hook (the kernel then
 * closes the janitor's input), the run's work folder is removed once no process works in it; after
 * a run that removed it, the janitor just ends.
 */
class JanitorTest {

  @TempDir Path tmp;

  @Test
  void janitor_whenItsInputEndsWithTheFolderStillThere_removesIt() throws Exception {
    // Given: a work folder as a killed run leaves it
    Path work = Files.createDirectories(tmp.resolve("work/taskruns/build/retry-0"));
    Files.writeString(work.resolve("storage.conf"), "[storage]\n");
    Process janitor = start(tmp.resolve("work"));

    // When: the kernel closes the pipe, as it does when the JVM is killed
    janitor.getOutputStream().close();

    // Then
    assertThat(janitor.waitFor(10, TimeUnit.SECONDS)).as("the janitor ends").isTrue();
    assertThat(janitor.exitValue()).isZero();
    assertThat(tmp.resolve("work")).doesNotExist();
  }

  @Test
  void janitor_waitsWhileAProcessWorksInTheFolder_thenRemovesIt() throws Exception {
    // Given: a step still running in the folder, as one does until its watchdog stops it
    Path work = Files.createDirectories(tmp.resolve("work/taskruns/build"));
    Process step = new ProcessBuilder("sleep", "300").directory(work.toFile()).start();
    Process janitor = start(tmp.resolve("work"));
    try {
      // When
      janitor.getOutputStream().close();

      // Then: the folder stays while the step runs, and goes once it has stopped
      assertThat(janitor.waitFor(2, TimeUnit.SECONDS))
          .as("the janitor waits for the step")
          .isFalse();
      assertThat(work).isDirectory();
      step.destroyForcibly().waitFor();
      assertThat(janitor.waitFor(5, TimeUnit.SECONDS)).as("the janitor ends").isTrue();
      assertThat(tmp.resolve("work")).doesNotExist();
    } finally {
      step.destroyForcibly();
    }
  }

  @Test
  void janitor_whenTheRunRemovedTheFolderItself_endsAtOnce() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("work"));
    Process janitor = start(work);
    Files.delete(work);

    janitor.getOutputStream().close();

    assertThat(janitor.waitFor(2, TimeUnit.SECONDS)).as("the janitor ends at once").isTrue();
    assertThat(janitor.exitValue()).isZero();
  }

  @Test
  void janitor_whileItsInputIsOpen_leavesTheFolder() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("work"));
    Process janitor = start(work);
    try {
      assertThat(janitor.waitFor(1, TimeUnit.SECONDS)).as("the janitor still waits").isFalse();
      assertThat(work).isDirectory();
    } finally {
      janitor.destroyForcibly();
      janitor.getOutputStream().close();
    }
  }

  private static Process start(Path folder) throws IOException {
    return new ProcessBuilder(Janitor.command(folder))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
