package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.cluster.Cluster;
import dev.multiarch.tekton.cluster.ClusterRun;
import dev.multiarch.tekton.cluster.RunStatus;
import dev.multiarch.tekton.cluster.TaskRunReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code status [RUN]}: a run's state and a table of its TaskRuns (task, platform, state, duration,
 * node).
 */
final class StatusCommand {

  /**
   * Rows of the table at most, the TaskRuns whose nodes are read: a run of thousands prints a
   * screenful and says how many more there are.
   */
  static final int SHOWN = ClusterRun.NODES_READ;

  private final PrintStream out;
  private final ClusterCommands.Connector connector;

  StatusCommand(PrintStream out, ClusterCommands.Connector connector) {
    this.out = out;
    this.connector = connector;
  }

  int run(String[] args) {
    Options options = ClusterCommands.options();
    CommandLine line = CommandLines.parse("status", options, args);
    if (line.hasOption("help")) {
      CommandLines.printHelp(
          out,
          "status [RUN] [-f SPEC] [flags]",
          "Shows a PipelineRun of the generated Pipeline "
              + "(its latest by default): its state and a table of its TaskRuns with their platform, state, duration "
              + "and node.",
          options,
          "status -f examples/hello/multiarch.yaml");
      return Cli.OK;
    }
    Optional<String> name = ClusterCommands.runArgument("status", line);
    GeneratedPipeline generated = ClusterCommands.generate(line);
    try (Cluster cluster = connector.connect(ClusterCommands.access(line))) {
      ClusterRun run =
          name.isPresent() ? cluster.run(generated, name.get()) : cluster.latestRun(generated);
      print(run.status());
    }
    return Cli.OK;
  }

  private void print(RunStatus status) {
    TerminalLines lines = new TerminalLines(out);
    lines.println(
        "PipelineRun "
            + status.name()
            + " in namespace "
            + status.namespace()
            + ": "
            + word(status.state().name())
            + status.duration().map(d -> " after " + ProgressPrinter.seconds(d)).orElse("")
            + (status.message().isEmpty() ? "" : " (" + status.message() + ")"));
    String format = "%-10s %-14s %-10s %9s  %s";
    lines.printf(format, "TASK", "PLATFORM", "STATE", "DURATION", "NODE");
    List<TaskRunReport> runs = status.taskRuns();
    for (TaskRunReport run : runs.subList(0, Math.min(SHOWN, runs.size()))) {
      lines.printf(
          format,
          run.pipelineTask(),
          run.platform().isEmpty() ? "-" : run.platform(),
          word(run.state().name()),
          run.duration().map(ProgressPrinter::seconds).orElse(noDuration(run.state())),
          run.node().orElse("-"));
    }
    if (runs.size() > SHOWN) {
      lines.println("(" + (runs.size() - SHOWN) + " more not shown)");
    }
    status.image().ifPresent(image -> lines.println("image: " + image));
    lines.flush();
  }

  /**
   * What stands for a TaskRun without a duration: {@code -} before it starts (or when skipped),
   * {@code ?} once it has started, when the cluster's times could not be read.
   */
  private static String noDuration(TaskRunReport.State state) {
    return state == TaskRunReport.State.PENDING || state == TaskRunReport.State.SKIPPED ? "-" : "?";
  }

  /** {@code TIMED_OUT} as {@code timed-out}. */
  private static String word(String state) {
    return state.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
