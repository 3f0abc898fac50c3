package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor runs a step as if it ran alone: its exit status, its output in the log, an empty
 * input.
 */
class ProcessSupervisorTest {

  private static final Map<String, String> ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");

  @TempDir Path tmp;

  @Test
  void run_givesTheStepsExitStatus_andItsOutputInTheLog() throws IOException {
    ProcessSupervisor supervisor = new ProcessSupervisor(Instant.now().plusSeconds(60));
    Path log = tmp.resolve("step.log");

    int exit = supervisor.run(List.of("sh", "-c", "echo out; echo err >&2; exit 7"), ENV, tmp, log);

    assertThat(exit).isEqualTo(7);
    assertThat(Files.readAllLines(log)).containsExactly("out", "err");
  }

  @Test
  void run_stepReadsAnEmptyInput_notTheWatchdogsPipe() throws IOException {
    ProcessSupervisor supervisor = new ProcessSupervisor(Instant.now().plusSeconds(60));
    Path log = tmp.resolve("step.log");

    // With the watchdog's pipe as its input, cat would wait for this JVM and the run would stop at
    // its deadline.
    int exit = supervisor.run(List.of("sh", "-c", "cat; echo read-to-the-end"), ENV, tmp, log);

    assertThat(exit).isZero();
    assertThat(Files.readAllLines(log)).containsExactly("read-to-the-end");
  }

  @Test
  void run_stepNotFound_exits127NamingIt() throws IOException {
    ProcessSupervisor supervisor = new ProcessSupervisor(Instant.now().plusSeconds(60));
    Path log = tmp.resolve("step.log");

    int exit = supervisor.run(List.of("no-such-step-binary"), ENV, tmp, log);

    assertThat(exit).isEqualTo(127);
    assertThat(Files.readString(log)).contains("no-such-step-binary").contains("not found");
  }
}
