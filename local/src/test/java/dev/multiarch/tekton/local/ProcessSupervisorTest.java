package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step runs under the supervisor's watchdog: what the step sees (its exit status, an empty input) is as if it ran
 * alone, and when the JVM that started it dies without a shutdown hook (the kernel then closes the watchdog's input)
 * the step and every process under it are stopped, with SIGKILL for one that ignores SIGTERM.
 */
class ProcessSupervisorTest {

  private static final Map<String, String> ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");

  @TempDir
  Path tmp;

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

    // With the watchdog's pipe as its input, cat would wait for this JVM and the run would stop at its deadline.
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

  @Test
  void watchdog_whenItsInputEnds_stopsTheStepAndEveryProcessUnderIt() throws Exception {
    // Given: a step whose shell started a grandchild, as a build step's shell starts buildah
    Path pids = tmp.resolve("pids");
    Process watchdog = watchdog("sleep 300 & echo $$ $! > " + pids + ".tmp; mv " + pids + ".tmp " + pids + "; wait");
    List<ProcessHandle> step = awaitPids(pids, watchdog);
    assertThat(step).allMatch(ProcessHandle::isAlive);

    // When: the kernel closes the pipe, as it does when the JVM is killed
    watchdog.getOutputStream().close();

    // Then
    assertThat(allEnd(step, Duration.ofSeconds(10))).as("the step and its child are stopped").isTrue();
    assertThat(watchdog.waitFor(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void watchdog_processIgnoringSigterm_isKilledFiveSecondsLater_evenAfterTheStepItselfEnded() throws Exception {
    // Given: the step's shell ends at SIGTERM, but a child of it ignores SIGTERM
    Path pids = tmp.resolve("pids");
    Process watchdog = watchdog("(trap '' TERM; while :; do sleep 0.2; done) & echo $$ $! > " + pids + ".tmp; mv "
        + pids + ".tmp " + pids + "; wait");
    List<ProcessHandle> step = awaitPids(pids, watchdog);
    Instant closed = Instant.now();

    // When
    watchdog.getOutputStream().close();

    // Then
    Thread.sleep(2_000);
    assertThat(step.get(0).isAlive()).as("the step's shell ended at SIGTERM").isFalse();
    assertThat(step.get(1).isAlive()).as("its child still runs between SIGTERM and SIGKILL").isTrue();
    assertThat(allEnd(step, Duration.ofSeconds(10))).as("killed").isTrue();
    assertThat(Duration.between(closed, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void watchdog_stepEndingOnItsOwn_leavesTheWatcherNothingToDo() throws Exception {
    Process watchdog = watchdog("exit 3");

    assertThat(watchdog.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(watchdog.exitValue()).isEqualTo(3);
  }

  private Process watchdog(String stepScript) throws IOException {
    return new ProcessBuilder("/bin/sh", "-c", ProcessSupervisor.WATCHDOG, "multiarch-tekton-step", "sh", "-c",
        stepScript).directory(tmp.toFile()).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("watchdog.log").toFile()).start();
  }

  /** The step's shell and its child, once the step has written their process ids. */
  private static List<ProcessHandle> awaitPids(Path file, Process watchdog) throws Exception {
    Instant deadline = Instant.now().plusSeconds(10);
    while (!Files.exists(file)) {
      assertThat(watchdog.isAlive()).as("the watchdog runs").isTrue();
      assertThat(Instant.now()).as("the step started within 10 s").isBefore(deadline);
      Thread.sleep(20);
    }
    return java.util.Arrays.stream(Files.readString(file).trim().split(" "))
        .map(pid -> ProcessHandle.of(Long.parseLong(pid))).map(Optional::orElseThrow).toList();
  }

  private static boolean allEnd(List<ProcessHandle> processes, Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (processes.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    return processes.stream().noneMatch(ProcessHandle::isAlive);
  }
}
