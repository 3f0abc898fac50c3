package dev.multiarch.tekton.tasks.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The last test of a module's run: it fails when the run left anything in the temporary folder,
 * naming what. Maven gives each module's test JVM, and through {@code TMPDIR} every process it
 * starts, a temporary folder of its own under {@code target/} that is emptied before the tests run
 * (the parent POM's {@code test.tmpdir}), so what is there at the end was left by a test, by the
 * code under test or by a process a test started; and since nothing goes to the host's {@code
 * /tmp}, other builds on the machine do not disturb the check. A module subclasses it with
 * {@code @Order(Integer.MAX_VALUE)}, which runs it after every other class of the module.
 */
public abstract class TempFolderCheck {

  /** Long enough for a killed run's watchdogs, which give a step five seconds after SIGTERM. */
  private static final Duration GRACE = Duration.ofSeconds(15);

  @Test
  protected void testRun_leavesNothingInTheTemporaryFolder() throws Exception {
    String folder = System.getProperty("test.tmpdir");
    assumeTrue(
        folder != null,
        "test.tmpdir is not set: run through Maven, which gives the tests a folder of their "
            + "own to check");
    Path tmp = Path.of(folder);
    assertThat(Path.of(System.getProperty("java.io.tmpdir")))
        .as("java.io.tmpdir of the test JVM")
        .isEqualTo(tmp);
    assertThat(System.getenv("TMPDIR")).as("TMPDIR of the test JVM").isEqualTo(folder);

    Instant deadline = Instant.now().plus(GRACE);
    while (!leftovers(tmp).isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }

    assertThat(leftovers(tmp)).as("left in %s by this module's tests", tmp).isEmpty();
  }

  private static List<String> leftovers(Path tmp) throws IOException {
    try (Stream<Path> entries = Files.list(tmp)) {
      return entries
          .map(entry -> entry.getFileName() + (Files.isDirectory(entry) ? "/" : ""))
          .sorted()
          .toList();
    }
  }
}
