package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.local.LocalRun;
import dev.multiarch.tekton.local.LocalRunException;
import dev.multiarch.tekton.local.LocalRunResult;
import dev.multiarch.tekton.local.TaskRunOutcome;
import dev.multiarch.tekton.yaml.GoDuration;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code run-local}: generates the build as {@code generate} does, then runs it on this host
 * through {@link LocalRun}, printing one line per TaskRun start and end on stderr and the published
 * image on stdout.
 */
final class RunLocalCommand {

  private final PrintStream out;
  private final PrintStream err;
  private final Cli.Failure failure;

  RunLocalCommand(PrintStream out, PrintStream err, Cli.Failure failure) {
    this.out = out;
    this.err = err;
    this.failure = failure;
  }

  int run(String[] args) {
    Options options = options();
    CommandLine line = CommandLines.parse("run-local", options, args);
    if (line.hasOption("help")) {
      CommandLines.printHelp(
          out,
          "run-local [-f SPEC | --from DIR] [--source DIR] [--registry HOST:PORT] [flags]",
          "Generates the build as 'generate' does (or, with --from, reads a generated folder as it is, edited or not, "
              + "after checking it as validate does) and runs that Pipeline on this Linux host, as root: tasks in "
              + "dependency order, the matrix fanned out, each step's script run with bash, buildah and QEMU "
              + "(qemu-user-static), both registries mapped to a local one. Progress goes to stderr, the published "
              + "image (repository:tag@digest) to stdout.",
          options,
          "run-local -f examples/hello/multiarch.yaml --source examples/hello/src");
      return Cli.OK;
    }
    CommandLines.requireNoArguments("run-local", line);
    LocalRun run;
    if (line.hasOption("from")) {
      List<String> specFlags =
          Arrays.stream(line.getOptions())
              .map(Option::getLongOpt)
              .filter(
                  o ->
                      o.equals("file")
                          || Arrays.stream(Flag.values()).anyMatch(f -> f.longName.equals(o)))
              .toList();
      if (!specFlags.isEmpty()) {
        throw new CommandLines.UsageException(
            "run-local: --from runs the folder as it is; --"
                + specFlags.get(0)
                + " does not apply to it (edit the folder, or generate from a spec without --from)",
            null);
      }
      run = LocalRun.fromFolder(directory("--from", line.getOptionValue("from")));
    } else {
      BuildSpec spec = GenerateRequest.from(line).spec();
      GeneratedPipeline generated = MultiArchTekton.from(spec).generate();
      run = LocalRun.of(generated);
    }
    if (line.hasOption("source")) {
      run = run.withSource(Path.of(line.getOptionValue("source")));
    }
    for (String binding : values(line, "workspace")) {
      int eq = binding.indexOf('=');
      if (eq < 1 || eq == binding.length() - 1) {
        throw new InvalidValueException(
            "--workspace",
            binding,
            "NAME=DIR: a workspace of the Pipeline and the folder whose files it holds");
      }
      run = run.withWorkspace(binding.substring(0, eq), Path.of(binding.substring(eq + 1)));
    }
    if (line.hasOption("registry")) {
      run = run.withRegistry(registry(line.getOptionValue("registry")));
    }
    if (line.hasOption("log-dir")) {
      run = run.withLogDir(newOrEmpty("--log-dir", line.getOptionValue("log-dir")));
    }
    if (line.hasOption("parallel")) {
      run = run.withParallelism(parallel(line.getOptionValue("parallel")));
    }
    if (line.hasOption("default-task-timeout")) {
      run =
          run.withDefaultTaskTimeout(
              duration("--default-task-timeout", line.getOptionValue("default-task-timeout")));
    }
    // The first line comes with the run's first event, so that input the run refuses is one line,
    // nothing more.
    ProgressPrinter progress =
        new ProgressPrinter(
            err,
            "run-local "
                + run.name()
                + ": "
                + run.platforms().size()
                + " platforms ("
                + String.join(", ", run.platforms().stream().map(Object::toString).toList())
                + ")");
    LocalRunResult result;
    try {
      result = run.run(progress);
    } catch (InvalidValueException e) {
      throw switch (e.field()) {
        case LocalRun.SOURCE_FIELD -> new InvalidValueException("--source", e.value(), e.allowed());
        case LocalRun.WORKSPACE_FIELD ->
            new InvalidValueException("--workspace", e.value(), e.allowed());
        default -> e;
      };
    } catch (LocalRunException e) {
      throw inFlags(e);
    }
    progress.head();
    return report(result);
  }

  /**
   * The problem as the user gave the setting: the library names its own settings, the user typed
   * flags.
   */
  static LocalRunException inFlags(LocalRunException e) {
    return e.option()
        .map(
            option ->
                new LocalRunException(
                    switch (option) {
                          case SOURCE -> "--source";
                          case REGISTRY -> "--registry";
                          case LOG_DIR -> "--log-dir";
                        }
                        + (e.value().isEmpty() ? "" : " " + e.value())
                        + ": "
                        + e.problem(),
                    e))
        .orElse(e);
  }

  private int report(LocalRunResult result) {
    Optional<TaskRunOutcome> failed = result.firstFailure();
    if (failed.isPresent()) {
      TaskRunOutcome run = failed.get();
      return failure.fail(
          Cli.FAILED,
          "run-local failed: "
              + run.pipelineTask()
              + (run.label().isEmpty() ? "" : " (" + run.label() + ")")
              + ": "
              + run.message()
              + "; no multi-arch image was published",
          null);
    }
    if (result.problem().isPresent()) {
      return failure.fail(
          Cli.FAILED,
          "run-local: the published image does not check out: " + result.problem().get(),
          null);
    }
    TerminalLines errLines = new TerminalLines(err);
    errLines.printf(
        "done in %s; logs in %s", ProgressPrinter.seconds(result.duration()), result.logDir());
    if (result.destination().isPresent()) {
      errLines.println(
          "published an image index of " + String.join(", ", result.platforms()) + ":");
      new TerminalLines(out).println(result.destination().get());
    }
    return Cli.OK;
  }

  private static Path directory(String flag, String value) {
    if (value.isEmpty()) {
      // Path.of("") is the working directory to Java: a folder the user did not name.
      throw new InvalidValueException(
          flag, value, "an existing directory; an empty path names none");
    }
    Path dir = Path.of(value);
    if (!Files.isDirectory(dir)) {
      throw new InvalidValueException(flag, value, "an existing directory");
    }
    return dir;
  }

  private static Path newOrEmpty(String flag, String value) {
    Path dir = Path.of(value);
    if (Files.exists(dir)) {
      try (Stream<Path> entries = Files.isDirectory(dir) ? Files.list(dir) : Stream.of(dir)) {
        if (entries.findAny().isPresent()) {
          throw new InvalidValueException(
              flag,
              value,
              "a new or empty directory, so that no earlier logs are " + "overwritten");
        }
      } catch (IOException e) {
        throw new InvalidValueException(flag, value, "a directory this user can read");
      }
    }
    return dir;
  }

  private static String registry(String value) {
    if (!value.matches("[A-Za-z0-9.-]{1,253}:[0-9]{1,5}|\\[[0-9a-fA-F:]{2,39}\\]:[0-9]{1,5}")
        || Integer.parseInt(value.substring(value.lastIndexOf(':') + 1)) < 1
        || Integer.parseInt(value.substring(value.lastIndexOf(':') + 1)) > 65535) {
      throw new InvalidValueException(
          "--registry",
          value,
          "host:port of a running registry, such as 127.0.0.1:5000, "
              + "with a port from 1 to 65535");
    }
    return value;
  }

  private static int parallel(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= 64) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidValueException("--parallel", value, "a number of TaskRuns from 1 to 64");
  }

  private static Duration duration(String flag, String value) {
    return GoDuration.parse(value)
        .filter(d -> !d.isNegative())
        .orElseThrow(
            () ->
                new InvalidValueException(
                    flag,
                    value,
                    "a duration such as 60m or 2h, at most "
                        + GoDuration.LONGEST
                        + ", or 0 for none"));
  }

  static Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder("f")
            .longOpt("file")
            .hasArg()
            .argName("SPEC")
            .desc("spec file (multiarch.yaml); flags override its fields")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("from")
            .hasArg()
            .argName("DIR")
            .desc(
                "run the Pipeline, Tasks and PipelineRun of DIR (a generated folder, edited or not) instead of "
                    + "generating them from a spec")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("source")
            .hasArg()
            .argName("DIR")
            .desc("build a copy of DIR instead of cloning the spec's git repository")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("workspace")
            .hasArg()
            .argName("NAME=DIR")
            .desc(
                "bind the Pipeline's workspace NAME to a copy of DIR, as tkn binds one to a Secret (each file a"
                    + " key); repeatable")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("registry")
            .hasArg()
            .argName("HOST:PORT")
            .desc(
                "registry standing in for the ImageStream and the destination (no TLS on loopback); "
                    + "default: a throwaway docker-registry on a free 127.0.0.1 port, stopped at the end")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("log-dir")
            .hasArg()
            .argName("DIR")
            .desc(
                "write the step logs to DIR (new or empty); default: a new folder in the temporary folder, $TMPDIR with the multiarch-tekton launcher")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("parallel")
            .hasArg()
            .argName("N")
            .desc("run at most N TaskRuns at once; default: the number of processors")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("default-task-timeout")
            .hasArg()
            .argName("DURATION")
            .desc(
                "timeout of a TaskRun whose pipeline task sets none, as the cluster's default-timeout-minutes; "
                    + "default 60m as Tekton's, 0 for none")
            .build());
    GenerateCommand.addSpecFlags(options);
    return options;
  }

  private static List<String> values(CommandLine line, String option) {
    String[] values = line.getOptionValues(option);
    return values == null ? List.of() : List.of(values);
  }
}
