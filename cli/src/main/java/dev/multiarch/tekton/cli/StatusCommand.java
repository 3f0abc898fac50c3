package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.cluster.Cluster;
import dev.multiarch.tekton.cluster.ClusterRun;
import dev.multiarch.tekton.cluster.RunStatus;
import dev.multiarch.tekton.cluster.TaskRunReport;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code status [RUN]}: a run's state and a table of its TaskRuns (task, platform, state, duration,
 * node).
 */
final class StatusCommand {

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
    for (TaskRunReport run : status.taskRuns()) {
      lines.printf(
          format,
          run.pipelineTask(),
          run.platform().isEmpty() ? "-" : run.platform(),
          word(run.state().name()),
          run.duration().map(ProgressPrinter::seconds).orElse("-"),
          run.node().orElse("-"));
    }
    status.image().ifPresent(image -> lines.println("image: " + image));
    lines.flush();
  }

  /** {@code TIMED_OUT} as {@code timed-out}. */
  private static String word(String state) {
    return state.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
