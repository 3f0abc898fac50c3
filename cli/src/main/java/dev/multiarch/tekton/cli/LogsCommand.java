package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.cluster.Cluster;
import dev.multiarch.tekton.cluster.ClusterRun;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code logs [RUN] [--platform P] [--follow]}: step logs on stdout, each line prefixed by task,
 * platform and step.
 */
final class LogsCommand {

  private final PrintStream out;
  private final PrintStream err;
  private final ClusterCommands.Connector connector;

  LogsCommand(PrintStream out, PrintStream err, ClusterCommands.Connector connector) {
    this.out = out;
    this.err = err;
    this.connector = connector;
  }

  int run(String[] args) {
    Options options = ClusterCommands.options();
    options.addOption(
        Option.builder()
            .longOpt("platform")
            .hasArg()
            .argName("PLATFORM")
            .desc("only the TaskRuns of this platform, e.g. linux/arm64")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("follow")
            .desc("stream the logs as the steps run, until the run ends")
            .build());
    CommandLine line = CommandLines.parse("logs", options, args);
    if (line.hasOption("help")) {
      CommandLines.printHelp(
          out,
          "logs [RUN] [-f SPEC] [flags] [--platform P] [--follow]",
          "Prints the step logs of "
              + "a PipelineRun of the generated Pipeline (its latest by default), each line prefixed by "
              + "[task platform step].",
          options,
          "logs -f examples/hello/multiarch.yaml --platform linux/arm64");
      return Cli.OK;
    }
    Optional<String> name = ClusterCommands.runArgument("logs", line);
    GeneratedPipeline generated = ClusterCommands.generate(line);
    Optional<String> platform = Optional.ofNullable(line.getOptionValue("platform"));
    List<String> platforms = generated.spec().platforms().stream().map(Object::toString).toList();
    if (platform.isPresent() && !platforms.contains(platform.get())) {
      throw new InvalidValueException(
          "--platform",
          platform.get(),
          "one of the build's platforms: " + String.join(", ", platforms));
    }
    TerminalLines lines = new TerminalLines(out);
    try (Cluster cluster = connector.connect(ClusterCommands.access(line))) {
      ClusterRun run =
          name.isPresent() ? cluster.run(generated, name.get()) : cluster.latestRun(generated);
      if (line.hasOption("follow")) {
        // A followed log waits for as long as its steps run: say so, and how to stop.
        new TerminalLines(err)
            .println(
                "following the logs of PipelineRun "
                    + run.name()
                    + " in namespace "
                    + run.namespace()
                    + " until it ends (Ctrl-C stops following; the run goes on)");
      }
      run.logs(
          platform,
          line.hasOption("follow"),
          logLine -> {
            // A log is the build's text: its control characters (a carriage return that would
            // overwrite the prefix, ESC sequences) are shown escaped, its words kept.
            synchronized (lines) {
              lines.println(logLine.toString());
              lines.flush();
            }
          });
    }
    return Cli.OK;
  }
}
