package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.local.RunListener;
import dev.multiarch.tekton.local.TaskRunOutcome;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Prints a local run's progress, one line per event, with the TaskRun's duration when it ends. */
final class ProgressPrinter implements RunListener {

  private final PrintStream err;

  ProgressPrinter(PrintStream err) {
    this.err = err;
  }

  @Override
  public synchronized void note(String message) {
    err.println("  " + message);
  }

  @Override
  public synchronized void started(String displayName) {
    err.printf("  %-8s %s%n", "start", displayName);
  }

  @Override
  public synchronized void finished(TaskRunOutcome outcome) {
    switch (outcome.status()) {
      case SUCCEEDED -> err.printf("  %-8s %-28s %7s%n", "done", outcome.displayName(),
          seconds(outcome.duration()));
      case FAILED -> err.printf("  %-8s %-28s %7s  %s%n", "FAILED", outcome.displayName(),
          seconds(outcome.duration()), outcome.message());
      case SKIPPED -> err.printf("  %-8s %-28s %7s  %s%n", "skipped", outcome.displayName(), "",
          outcome.message());
    }
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
  }
}
