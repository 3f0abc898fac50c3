package dev.multiarch.tekton.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How a step's processes end with the step, as a container's end with it on a node: whatever the
 * step started in the background ({@code sleep &}, {@code setsid}, {@code nohup}, a daemon that
 * double-forks) must not outlive its TaskRun, nor run-local.
 *
 * <p>A process group does not hold them ({@code setsid} leaves it), nor does the tree of children
 * (a double fork leaves it for init). So each step is the first process of a PID namespace of its
 * own, as a container is: {@code unshare --pid --fork --kill-child} (util-linux), whose child the
 * kernel treats as that namespace's init; when it ends, the kernel kills every other process of the
 * namespace, and {@code --kill-child} kills it when unshare itself is killed. Where unshare is
 * missing or the kernel refuses a PID namespace, each step's processes are marked instead by a
 * variable of their environment, which children inherit whatever session they start, and whatever
 * still carries the step's mark when the step ends is killed (found through {@code /proc}); a
 * process that empties its own environment escapes that fallback.
 */
abstract class StepIsolation {

  /** The variable that marks a step's processes in the fallback. */
  static final String MARK = "MULTIARCH_TEKTON_STEP";

  private static final List<Path> UNSHARE =
      List.of(Path.of("/usr/bin/unshare"), Path.of("/bin/unshare"));

  private static volatile StepIsolation host;

  /** One step's command line, its extra environment, and what ends it. */
  interface Step {
    List<String> command();

    Map<String, String> env();

    /** Ends what the step left running; called when the step has ended. */
    void end();
  }

  abstract Step step(List<String> command);

  /** What this host can do: a PID namespace per step if unshare gives one, else the marks. */
  static StepIsolation host() {
    StepIsolation isolation = host;
    if (isolation == null) {
      Optional<Path> unshare = UNSHARE.stream().filter(Files::isExecutable).findFirst();
      isolation =
          unshare.isPresent() && works(unshare.get()) ? pidNamespace(unshare.get()) : marked();
      host = isolation;
    }
    return isolation;
  }

  /** Each step the init of a PID namespace of its own, through {@code unshare}. */
  static StepIsolation pidNamespace(Path unshare) {
    return new StepIsolation() {
      @Override
      Step step(List<String> command) {
        // sh execs the command as the namespace's init, and says "not found" as a shell does when
        // there is none.
        List<String> line =
            new ArrayList<>(
                List.of(
                    unshare.toString(),
                    "--pid",
                    "--fork",
                    "--kill-child",
                    "--",
                    "/bin/sh",
                    "-c",
                    "exec \"$@\"",
                    "multiarch-tekton-step"));
        line.addAll(command);
        return new Step() {
          @Override
          public List<String> command() {
            return line;
          }

          @Override
          public Map<String, String> env() {
            return Map.of();
          }

          @Override
          public void end() {
            // The kernel ended them with the namespace's init.
          }
        };
      }

      @Override
      public String toString() {
        return "a PID namespace per step (" + unshare + ")";
      }
    };
  }

  /** Each step's processes marked in their environment and killed by their mark. */
  static StepIsolation marked() {
    return new StepIsolation() {
      @Override
      Step step(List<String> command) {
        String mark = UUID.randomUUID().toString();
        return new Step() {
          @Override
          public List<String> command() {
            return command;
          }

          @Override
          public Map<String, String> env() {
            return Map.of(MARK, mark);
          }

          @Override
          public void end() {
            killMarked(MARK + "=" + mark);
          }
        };
      }

      @Override
      public String toString() {
        return "the step's processes marked in their environment";
      }
    };
  }

  /** Whether unshare gives a PID namespace here: root, and a kernel that allows it. */
  private static boolean works(Path unshare) {
    try {
      Process process =
          new ProcessBuilder(unshare.toString(), "--pid", "--fork", "--kill-child", "--", "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Kills every process whose environment holds {@code entry}, again while new ones appear (a
   * process may fork while the others die).
   */
  private static void killMarked(String entry) {
    byte[] needle = (entry + "\0").getBytes(StandardCharsets.UTF_8);
    long self = ProcessHandle.current().pid();
    for (int round = 0; round < 20; round++) {
      List<ProcessHandle> marked = new ArrayList<>();
      try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
        procs
            .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
            .forEach(
                p -> {
                  long pid = Long.parseLong(p.getFileName().toString());
                  if (pid != self && holds(p.resolve("environ"), needle)) {
                    ProcessHandle.of(pid).ifPresent(marked::add);
                  }
                });
      } catch (IOException | java.io.UncheckedIOException e) {
        return;
      }
      if (marked.isEmpty()) {
        return;
      }
      marked.forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle handle : marked) {
        try {
          handle.onExit().get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          // looked at again in the next round
        }
      }
    }
  }

  private static boolean holds(Path environ, byte[] needle) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(environ);
    } catch (IOException | SecurityException e) {
      return false;
    }
    outer:
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      if (i > 0 && bytes[i - 1] != 0) {
        continue;
      }
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
