package dev.multiarch.tekton.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the steps' processes and stops them all, with their children, when the run's deadline
 * passes or the run is cancelled (Ctrl-C): a build left running after run-local exits would hold
 * its storage and registry. Each step runs under the {@link Watchdog}, which stops it, with its
 * children, if this JVM dies without a word.
 */
final class ProcessSupervisor {

  /** Exit code reported for a process stopped at the deadline. */
  static final int TIMED_OUT = -1;

  /** Exit code reported for a process stopped by {@link #cancel()}. */
  static final int CANCELLED = -2;

  /** Exit code reported for a process stopped at its own deadline (its TaskRun's timeout). */
  static final int STOPPED_AT_DEADLINE = -3;

  private final Instant deadline;
  private final StepIsolation isolation;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  ProcessSupervisor(Instant deadline) {
    this(deadline, StepIsolation.host());
  }

  /** A supervisor that ends each step's processes with the step as {@code isolation} does. */
  ProcessSupervisor(Instant deadline, StepIsolation isolation) {
    this.deadline = deadline;
    this.isolation = isolation;
  }

  /**
   * Runs {@code command} with exactly {@code env}, output and errors to {@code log}; returns its
   * exit code.
   */
  int run(List<String> command, Map<String, String> env, Path workDir, Path log)
      throws IOException {
    return run(command, env, workDir, log, deadline);
  }

  /**
   * As {@link #run(List, Map, Path, Path)}, also stopping the process at {@code ownDeadline}, which
   * gives {@link #STOPPED_AT_DEADLINE} when it comes before the run's deadline.
   */
  int run(
      List<String> command, Map<String, String> env, Path workDir, Path log, Instant ownDeadline)
      throws IOException {
    if (cancelled) {
      return CANCELLED;
    }
    StepIsolation.Step step = isolation.step(command);
    ProcessBuilder builder =
        new ProcessBuilder(Watchdog.command("multiarch-tekton-step", step.command()))
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().putAll(step.env());
    Process process = builder.start();
    running.add(process);
    try {
      if (cancelled) {
        // cancel() ran between the check above and add(): it did not see this process, so stop it
        // here.
        stop(process);
        return CANCELLED;
      }
      boolean own = ownDeadline.isBefore(deadline);
      long millis =
          Math.max(0, Duration.between(Instant.now(), own ? ownDeadline : deadline).toMillis());
      if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
        stop(process);
        return cancelled ? CANCELLED : own ? STOPPED_AT_DEADLINE : TIMED_OUT;
      }
      return cancelled ? CANCELLED : process.exitValue();
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      return CANCELLED;
    } finally {
      running.remove(process);
      // What the step left running in the background ends with it, as a container's processes
      // end with it.
      step.end();
    }
  }

  /** Stops every running process and refuses to start more. */
  void cancel() {
    cancelled = true;
    running.forEach(ProcessSupervisor::stop);
  }

  /**
   * SIGTERM to the step and everything it started, then SIGKILL to whatever is left after five
   * seconds.
   */
  private static void stop(Process process) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    Instant deadline = Instant.now().plusSeconds(5);
    for (ProcessHandle handle : tree) {
      try {
        long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        handle.onExit().get(left, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        handle.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        handle.destroyForcibly();
      }
    }
  }
}
