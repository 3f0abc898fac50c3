package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.OutputFolderException;
import dev.multiarch.tekton.SpecFileException;
import dev.multiarch.tekton.YamlInputException;
import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.local.LocalRunException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;

/**
 * Parses the command line, calls the public API and turns its typed errors into one line on stderr
 * with exit code 2. Stack traces only with {@code --debug}.
 */
final class Cli {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;
  /**
   * Cannot run here: run-local met an unsupported Tekton feature or a host problem, or the cluster cannot be reached,
   * refuses the credentials, lacks Tekton or forbids an action.
   */
  static final int CANNOT_RUN = 3;
  static final String PROGRAM = "multiarch-tekton";

  /** How a command reports an error: one line on stderr (a stack trace with --debug) and the exit code. */
  interface Failure {
    int fail(int code, String message, Throwable cause);
  }

  private final PrintStream out;
  private final PrintStream err;
  private final ClusterCommands.Connector connector;
  private boolean debug;

  Cli(PrintStream out, PrintStream err) {
    this(out, err, ClusterCommands.DEFAULT);
  }

  Cli(PrintStream out, PrintStream err, ClusterCommands.Connector connector) {
    this.out = out;
    this.err = err;
    this.connector = connector;
  }

  int run(String[] args) {
    debug = Arrays.asList(args).contains("--debug");
    try {
      if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
        printUsage();
        return args.length == 0 ? BAD_INPUT : OK;
      }
      if (args[0].equals("--version") || args[0].equals("-V")) {
        out.println(PROGRAM + " " + version());
        return OK;
      }
      if (args[0].equals("generate")) {
        return new GenerateCommand(out, err).run(Arrays.copyOfRange(args, 1, args.length));
      }
      if (args[0].equals("validate")) {
        return new ValidateCommand(out).run(Arrays.copyOfRange(args, 1, args.length));
      }
      if (args[0].equals("run-local")) {
        return new RunLocalCommand(out, err, this::fail).run(Arrays.copyOfRange(args, 1, args.length));
      }
      String[] rest = Arrays.copyOfRange(args, 1, args.length);
      switch (args[0]) {
        case "deploy" -> {
          return new DeployCommand(out, err, connector).run(rest);
        }
        case "start" -> {
          return new StartCommand(out, err, this::fail, connector).run(rest);
        }
        case "status" -> {
          return new StatusCommand(out, connector).run(rest);
        }
        case "logs" -> {
          return new LogsCommand(out, connector).run(rest);
        }
        case "graph" -> {
          return new GraphCommand(out).run(rest);
        }
        default -> {
          return fail(BAD_INPUT, "unknown command '" + args[0] + "'; expected one of: generate, validate, run-local, "
              + "deploy, start, status, logs, graph (see --help)", null);
        }
      }
    } catch (ClusterException e) {
      return fail(ClusterCommands.exitCode(e), e.getMessage(), e);
    } catch (LocalRunException e) {
      return fail(CANNOT_RUN, e.getMessage(), e);
    } catch (CommandLines.UsageException | SpecFileException | InvalidValueException | OutputFolderException
        | YamlInputException e) {
      return fail(BAD_INPUT, e.getMessage(), e);
    } catch (UncheckedIOException e) {
      return fail(FAILED, e.getMessage(), e);
    } catch (RuntimeException e) {
      return fail(FAILED, "internal error: " + e + " (run with --debug for details)", e);
    }
  }

  private void printUsage() {
    out.println("usage: " + PROGRAM + " <command> [options]");
    out.println();
    out.println("Generates a Tekton Pipeline that builds one image for several CPU architectures with QEMU");
    out.println("emulation and publishes it as one multi-arch image.");
    out.println();
    out.println("commands:");
    out.println("  generate    write the Pipeline, its Tasks, RBAC, ImageStream and a PipelineRun as YAML");
    out.println("  validate    check Tekton YAML (generated or edited) for what the cluster would reject");
    out.println("  run-local   run that Pipeline on this Linux host with buildah, QEMU and a local registry");
    out.println("  deploy      apply that YAML to the cluster (server-side apply; --dry-run=server)");
    out.println("  start       create a PipelineRun; --follow watches it to the published image");
    out.println("  status      a PipelineRun's state and its TaskRuns (task, platform, state, duration, node)");
    out.println("  logs        the step logs of a PipelineRun, each line prefixed by task, platform and step");
    out.println("  graph       the generated Pipeline as a Mermaid flowchart");
    out.println();
    out.println("options:");
    out.println("  -h, --help      show this help; '" + PROGRAM + " <command> --help' for a command's options");
    out.println("  -V, --version   show the version");
    out.println();
    out.println("exit codes: 0 done, 1 failed, 2 bad input (one line on stderr names the field and value),");
    out.println("            3 run-local cannot run on this host, or the cluster cannot be reached, refuses the");
    out.println("              credentials, lacks Tekton or forbids an action (the line says why)");
  }

  int fail(int code, String message, Throwable cause) {
    err.println(PROGRAM + ": " + message);
    if (debug && cause != null) {
      cause.printStackTrace(err);
    }
    return code;
  }

  static String version() {
    Properties properties = new Properties();
    try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }
}
