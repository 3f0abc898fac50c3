package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Watchdog}: when the JVM that started a command dies without a shutdown hook (the
 * kernel then closes the watchdog's input), the command and every process under it are stopped,
 * with SIGKILL for one that ignores SIGTERM.
 */
class WatchdogTest {

  @TempDir Path tmp;

  @Test
  void watchdog_whenItsInputEnds_stopsTheStepAndEveryProcessUnderIt() throws Exception {
    // Given: a step whose shell started a grandchild, as a build step's shell starts buildah
    Path pids = tmp.resolve("pids");
    Process watchdog =
        watchdog(
            "sleep 300 & echo $$ $! > " + pids + ".tmp; mv " + pids + ".tmp " + pids + "; wait");
    List<ProcessHandle> step = awaitPids(pids, watchdog);
    assertThat(step).allMatch(ProcessHandle::isAlive);
    List<ProcessHandle> watchdogs =
        Stream.concat(Stream.of(watchdog.toHandle()), watchdog.descendants())
            .filter(p -> !step.contains(p))
            .toList();

    // When: the kernel closes the pipe, as it does when the JVM is killed
    watchdog.getOutputStream().close();

    // Then: stopped at SIGTERM, and the watcher (among the watchdog's processes) gone too, without
    // waiting out the
    // five seconds it gives before SIGKILL
    assertThat(allEnd(step, Duration.ofSeconds(10)))
        .as("the step and its child are stopped")
        .isTrue();
    assertThat(watchdog.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(allEnd(watchdogs, Duration.ofSeconds(3)))
        .as("the watchdog's processes end")
        .isTrue();
  }

  @Test
  void watchdog_processIgnoringSigterm_isKilledFiveSecondsLater_evenAfterTheStepItselfEnded()
      throws Exception {
    // Given: the step's shell ends at SIGTERM, but a child of it ignores SIGTERM
    Path pids = tmp.resolve("pids");
    Process watchdog =
        watchdog(
            "(trap '' TERM; while :; do sleep 0.2; done) & echo $$ $! > "
                + pids
                + ".tmp; mv "
                + pids
                + ".tmp "
                + pids
                + "; wait");
    List<ProcessHandle> step = awaitPids(pids, watchdog);
    Instant closed = Instant.now();

    // When
    watchdog.getOutputStream().close();

    // Then
    Thread.sleep(2_000);
    assertThat(step.get(0).isAlive()).as("the step's shell ended at SIGTERM").isFalse();
    assertThat(step.get(1).isAlive())
        .as("its child still runs between SIGTERM and SIGKILL")
        .isTrue();
    assertThat(allEnd(step, Duration.ofSeconds(10))).as("killed").isTrue();
    assertThat(Duration.between(closed, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void watchdog_stepEndingOnItsOwn_leavesTheWatcherNothingToDo() throws Exception {
    Process watchdog = watchdog("exit 3");

    assertThat(watchdog.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(watchdog.exitValue()).isEqualTo(3);
  }

  private Process watchdog(String stepScript) throws IOException {
    return new ProcessBuilder(
            Watchdog.command("multiarch-tekton-step", List.of("sh", "-c", stepScript)))
        .directory(tmp.toFile())
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("watchdog.log").toFile())
        .start();
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
        .map(pid -> ProcessHandle.of(Long.parseLong(pid)))
        .map(Optional::orElseThrow)
        .toList();
  }

  private static boolean allEnd(List<ProcessHandle> processes, Duration within)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (processes.stream().anyMatch(ProcessHandle::isAlive)
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    return processes.stream().noneMatch(ProcessHandle::isAlive);
  }
}
