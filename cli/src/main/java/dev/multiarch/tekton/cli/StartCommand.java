package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.cluster.Cluster;
import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.cluster.ClusterRun;
import dev.multiarch.tekton.cluster.RunStatus;
import dev.multiarch.tekton.cluster.TaskRunReport;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code start}: creates the generated PipelineRun and prints its name on stdout; with {@code
 * --follow}, prints the same progress lines as run-local on stderr and, last on stdout, the
 * published image as {@code repository:tag@digest}. Exit 1 when the run failed, timed out or was
 * cancelled.
 */
final class StartCommand {

  private final PrintStream outStream;
  private final TerminalLines out;
  private final PrintStream errStream;
  private final TerminalLines err;
  private final Cli.Failure failure;
  private final ClusterCommands.Connector connector;

  StartCommand(
      PrintStream out, PrintStream err, Cli.Failure failure, ClusterCommands.Connector connector) {
    this.outStream = out;
    this.out = new TerminalLines(out);
    this.errStream = err;
    this.err = new TerminalLines(err);
    this.failure = failure;
    this.connector = connector;
  }

  int run(String[] args) {
    Options options = ClusterCommands.options();
    options.addOption(
        Option.builder("p")
            .longOpt("param")
            .hasArg()
            .argName("NAME=VALUE")
            .desc(
                "a Pipeline param for this run (an array's elements separated by commas); repeatable")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("follow")
            .desc(
                "follow the run: a line per TaskRun as it starts and ends, then the published image")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("cancel-on-interrupt")
            .desc("with --follow, Ctrl-C cancels the run (by default it only stops following)")
            .build());
    CommandLine line = CommandLines.parse("start", options, args);
    if (line.hasOption("help")) {
      CommandLines.printHelp(
          outStream,
          "start [-f SPEC] [flags] [-p NAME=VALUE]... [--follow] [--cancel-on-interrupt]",
          "Checks first what the run needs (as doctor does: Tekton, feature flags, registry, StorageClass, "
              + "Secrets, access; exit 3 and nothing created on a problem), then creates the generated PipelineRun and "
              + "prints its name. With --follow, watches it: a line per TaskRun on "
              + "stderr as it starts and ends, with its platform and duration; a failed step's name, exit code and "
              + "last log lines; and the published image (repository:tag@digest) as the last line on stdout. Exit 0 "
              + "when the run succeeded, 1 when it failed, timed out or was cancelled.",
          options,
          "start -f examples/hello/multiarch.yaml --follow");
      return Cli.OK;
    }
    CommandLines.requireNoArguments("start", line);
    if (line.hasOption("cancel-on-interrupt") && !line.hasOption("follow")) {
      throw new CommandLines.UsageException("start: --cancel-on-interrupt needs --follow", null);
    }
    Map<String, String> params =
        CommandLines.entries("-p", line.getOptionValues("param"), "NAME=VALUE");
    GeneratedPipeline generated = ClusterCommands.generate(line);
    try (Cluster cluster = connector.connect(ClusterCommands.access(line))) {
      ClusterRun run;
      try {
        run = cluster.start(generated, params);
      } catch (InvalidValueException e) {
        throw new InvalidValueException("-p", e.value(), e.allowed());
      }
      out.println(run.name());
      out.flush();
      if (!line.hasOption("follow")) {
        return Cli.OK;
      }
      boolean cancel = line.hasOption("cancel-on-interrupt");
      err.println(
          "following PipelineRun "
              + run.name()
              + " in namespace "
              + run.namespace()
              + " ("
              + (cancel ? "Ctrl-C cancels it" : "Ctrl-C stops following; the run goes on")
              + ")");
      Thread hook = new Thread(interruptHandler(run, cancel), "multiarch-tekton-interrupt");
      Runtime.getRuntime().addShutdownHook(hook);
      RunStatus status;
      try {
        status = run.follow(new ProgressPrinter(errStream));
      } finally {
        removeHook(hook);
      }
      return report(status);
    }
  }

  /** What Ctrl-C does while following: cancel the run, or only say that it goes on. */
  Runnable interruptHandler(ClusterRun run, boolean cancel) {
    return () -> {
      if (cancel) {
        try {
          run.cancel();
          err.println("cancelled PipelineRun " + run.name());
        } catch (ClusterException e) {
          err.println(
              Cli.PROGRAM + ": could not cancel PipelineRun " + run.name() + ": " + e.getMessage());
        }
      } else {
        err.println(
            "stopped following; PipelineRun "
                + run.name()
                + " goes on (see it with: "
                + Cli.PROGRAM
                + " status "
                + run.name()
                + " -f <spec>)");
      }
      err.flush();
    };
  }

  private int report(RunStatus status) {
    if (status.succeeded()) {
      err.println(
          "done in " + ProgressPrinter.seconds(status.duration().orElse(java.time.Duration.ZERO)));
      if (status.image().isPresent()) {
        err.println("published:");
        out.println(status.image().get());
        return Cli.OK;
      }
      return failure.fail(
          Cli.FAILED,
          "PipelineRun "
              + status.name()
              + " succeeded but its Pipeline results give "
              + "no image (IMAGE_URL, IMAGE_DIGEST)",
          null);
    }
    if (!status.state().finished()) {
      // Interrupted: the run goes on, and its outcome is not known here.
      return Cli.FAILED;
    }
    String what =
        switch (status.state()) {
          case TIMED_OUT -> "timed out";
          case CANCELLED -> "was cancelled";
          default -> "failed";
        };
    Optional<TaskRunReport> failed = status.firstFailure();
    String detail =
        failed
            .filter(run -> run.state() == TaskRunReport.State.FAILED)
            .map(
                run ->
                    run.pipelineTask()
                        + (run.platform().isEmpty() ? "" : " (" + run.platform() + ")")
                        + ": "
                        + run.message())
            .orElse(status.message());
    return failure.fail(
        Cli.FAILED,
        "PipelineRun "
            + status.name()
            + " "
            + what
            + ": "
            + detail
            + "; no multi-arch image was published",
        null);
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down (Ctrl-C): the hook is running or has run.
    }
  }
}
