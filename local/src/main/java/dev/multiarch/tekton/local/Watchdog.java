package dev.multiarch.tekton.local;

import java.util.ArrayList;
import java.util.List;

/**
 * What this JVM starts and must not outlive it, a step or the throwaway registry, runs under a
 * small shell watchdog: {@code /bin/sh -c SCRIPT name command...}. The JVM holds the other end of
 * the watchdog's standard input, and the kernel closes it however the JVM ends, {@code kill -9} and
 * the OOM killer included, when no shutdown hook runs. Closing it on purpose is how a throwaway
 * registry is stopped.
 */
final class Watchdog {

  /**
   * Runs the command ({@code "$@"}, its input {@code /dev/null}) until it ends or the script's
   * standard input ends. Then the watcher sends SIGTERM to the command and every process under it
   * (read from {@code /proc}, as a step's buildah runs under its shell), and SIGKILL to what is
   * still there five seconds later, as the kubelet stops a container. The watcher ignores SIGTERM
   * from then on, since the shell that started it stops it when the command ends, which comes first
   * when only the command's children hold on. The exit status is the command's.
   */
  static final String SCRIPT =
      String.join(
          "\n",
          "exec 3<&0 </dev/null",
          "\"$@\" 3<&- &",
          "child=$!",
          "tree() { local next; for next in $(cat /proc/\"$1\"/task/*/children 2>/dev/null); do tree \"$next\"; done;"
              + " echo \"$1\"; }",
          "alive() { local pid; for pid in \"$@\"; do kill -0 \"$pid\" 2>/dev/null && return 0; done; return 1; }",
          "{ cat <&3 >/dev/null; trap '' TERM; pids=$(tree \"$child\"); kill -TERM $pids;"
              + " tries=0; while [ \"$tries\" -lt 50 ] && alive $pids; do sleep 0.1; tries=$((tries + 1)); done;"
              + " kill -KILL $pids; } 2>/dev/null &",
          "watcher=$!",
          "exec 3<&-",
          "wait \"$child\"",
          "status=$?",
          "kill \"$watcher\" 2>/dev/null",
          "exit \"$status\"");

  private Watchdog() {}

  /**
   * The command line that runs {@code command} under the watchdog; {@code name} is the shell's
   * {@code $0}.
   */
  static List<String> command(String name, List<String> command) {
    List<String> watched = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, name));
    watched.addAll(command);
    return watched;
  }
}
