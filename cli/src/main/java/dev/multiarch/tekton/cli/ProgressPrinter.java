package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.cluster.FollowListener;
import dev.multiarch.tekton.cluster.TaskRunReport;
import dev.multiarch.tekton.local.RunListener;
import dev.multiarch.tekton.local.TaskRunOutcome;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints a run's progress, one line per event, with the TaskRun's duration when it ends: the same
 * lines for a local run ({@code run-local}) and for a run followed on a cluster ({@code start
 * --follow}). A heading, if given, goes before the first event, so that a run refused before it
 * starts prints only the refusal.
 */
final class ProgressPrinter implements RunListener, FollowListener {

  private final TerminalLines err;
  private String heading;

  ProgressPrinter(PrintStream err) {
    this(err, null);
  }

  ProgressPrinter(PrintStream err, String heading) {
    this.err = new TerminalLines(err);
    this.heading = heading;
  }

  @Override
  public synchronized void note(String message) {
    head();
    err.println("  " + message);
  }

  @Override
  public synchronized void started(String displayName) {
    head();
    err.printf("  %-8s %s", "start", displayName);
  }

  /**
   * Prints the heading, once, before anything else; a run that prints nothing before its end gets
   * it there.
   */
  synchronized void head() {
    if (heading != null) {
      err.println(heading);
      heading = null;
    }
  }

  @Override
  public synchronized void finished(TaskRunOutcome outcome) {
    head();
    switch (outcome.status()) {
      case SUCCEEDED -> ended("done", outcome.displayName(), seconds(outcome.duration()), "");
      case FAILED ->
          ended("FAILED", outcome.displayName(), seconds(outcome.duration()), outcome.message());
      case SKIPPED -> skipped(outcome.displayName(), outcome.message());
    }
  }

  @Override
  public synchronized void started(TaskRunReport run) {
    started(run.displayName());
  }

  @Override
  public synchronized void finished(TaskRunReport run) {
    // A TaskRun that ended without a duration has times the cluster gave unreadable.
    String duration = run.duration().map(ProgressPrinter::seconds).orElse("?");
    switch (run.state()) {
      case SUCCEEDED -> ended("done", run.displayName(), duration, "");
      case SKIPPED -> skipped(run.displayName(), run.message());
      case TIMED_OUT -> ended("TIMEOUT", run.displayName(), duration, run.message());
      case CANCELLED -> ended("CANCELLED", run.displayName(), duration, run.message());
      default -> ended("FAILED", run.displayName(), duration, run.message());
    }
    // The failed step's last lines say why at once, without a trip to the logs.
    run.failedStep()
        .ifPresent(step -> step.lastLogLines().forEach(line -> err.println("      | " + line)));
  }

  private void ended(String verb, String name, String duration, String message) {
    if (message.isEmpty()) {
      err.printf("  %-8s %-28s %7s", verb, name, duration);
    } else {
      err.printf("  %-8s %-28s %7s  %s", verb, name, duration, message);
    }
  }

  private void skipped(String name, String message) {
    err.printf("  %-8s %-28s %7s  %s", "skipped", name, "", message);
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
  }
}
