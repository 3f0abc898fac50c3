package dev.multiarch.tekton.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Removes a run's work folder when this JVM dies before its {@link RunResources} are closed ({@code
 * kill -9}, the OOM killer: no shutdown hook runs), which would otherwise leave it, registry data
 * and buildah storage included, in the temporary folder. Like the {@link Watchdog}, it is a small
 * shell that waits for the end of its standard input, which the kernel closes with this JVM.
 */
final class Janitor implements AutoCloseable {

  /**
   * When its input ends: nothing to do if the run removed the folder itself; else it waits while a
   * process still works in the folder (the steps run there, and their watchdogs stop them, with
   * SIGKILL five seconds after SIGTERM), for ten seconds at most, then removes the folder without
   * crossing into a file system mounted in it.
   */
  static final String SCRIPT =
      String.join(
          "\n",
          "cat >/dev/null",
          "[ -e \"$1\" ] || exit 0",
          "busy() { for cwd in /proc/[0-9]*/cwd; do case \"$(readlink \"$cwd\" 2>/dev/null)\" in"
              + " \"$1\" | \"$1\"/*) return 0 ;; esac; done; return 1; }",
          "tries=0",
          "while [ \"$tries\" -lt 100 ] && busy \"$1\"; do sleep 0.1; tries=$((tries + 1)); done",
          "exec rm -rf --one-file-system -- \"$1\"");

  private final Process process;

  private Janitor(Process process) {
    this.process = process;
  }

  /**
   * The command line of the janitor of {@code folder}, named by its real path as {@code /proc}
   * names folders.
   */
  static List<String> command(Path folder) {
    Path real = folder.toAbsolutePath();
    try {
      real = folder.toRealPath();
    } catch (IOException e) {
      // gone already: nothing for the janitor to find
    }
    return List.of("/bin/sh", "-c", SCRIPT, "multiarch-tekton-cleanup", real.toString());
  }

  /** Starts the janitor of {@code folder}; best effort: a run does not fail for want of one. */
  static Janitor start(Path folder) {
    try {
      return new Janitor(
          new ProcessBuilder(command(folder))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start());
    } catch (IOException e) {
      return new Janitor(null);
    }
  }

  /** Ends the janitor's watch, after the run removed the folder itself: it then ends at once. */
  @Override
  public void close() {
    if (process == null) {
      return;
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already closed
    }
  }
}
