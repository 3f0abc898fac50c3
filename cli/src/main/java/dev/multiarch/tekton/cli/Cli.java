package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.OutputFolderException;
import dev.multiarch.tekton.SpecFileException;
import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.input.IoReasons;
import dev.multiarch.tekton.local.LocalRunException;
import dev.multiarch.tekton.text.Printable;
import dev.multiarch.tekton.validate.FeatureFlagException;
import dev.multiarch.tekton.validate.YamlInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Properties;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Parses the command line, calls the public API and turns its typed errors into one line on stderr
 * with exit code 2. Stack traces only with {@code --debug}; whatever happens, even an {@link
 * Error}, ends as one printable line and a documented exit code.
 */
final class Cli {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;

  /**
   * Cannot run here: run-local met an unsupported Tekton feature or a host problem, or the cluster
   * cannot be reached, refuses the credentials, lacks Tekton or forbids an action.
   */
  static final int CANNOT_RUN = 3;

  static final String PROGRAM = "multiarch-tekton";

  /**
   * How a command reports an error: one line on stderr (a stack trace with --debug) and the exit
   * code.
   */
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
    return guarded(() -> dispatch(args));
  }

  private int dispatch(String[] args) {
    if (args.length == 0) {
      printUsage(err);
      return BAD_INPUT;
    }
    if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      printUsage(out);
      return OK;
    }
    if (args[0].equals("--version") || args[0].equals("-V")) {
      out.println(PROGRAM + " " + version());
      return OK;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (args[0]) {
      case "generate" -> new GenerateCommand(out, err).run(rest);
      case "validate" -> new ValidateCommand(out, err).run(rest);
      case "run-local" -> new RunLocalCommand(out, err, this::fail).run(rest);
      case "doctor" -> new DoctorCommand(out, connector).run(rest);
      case "deploy" -> new DeployCommand(out, err, connector).run(rest);
      case "start" -> new StartCommand(out, err, this::fail, connector).run(rest);
      case "status" -> new StatusCommand(out, connector).run(rest);
      case "logs" -> new LogsCommand(out, err, connector).run(rest);
      case "graph" -> new GraphCommand(out).run(rest);
      default ->
          fail(
              BAD_INPUT,
              "unknown command "
                  + Printable.quoted(args[0])
                  + "; expected one of: generate, "
                  + "validate, run-local, doctor, deploy, start, status, logs, graph (see --help)",
              null);
    };
  }

  /**
   * Runs {@code command}, mapping what it throws to a line and an exit code: bad input 2, unable to
   * run 3 (run-local on this host, or the cluster), anything else 1 (an {@link Error} such as
   * {@link OutOfMemoryError} too, without a stack trace unless --debug).
   */
  /**
   * Java decodes the command line and file names in the charset of the locale it starts in, {@code
   * sun.jnu.encoding}; in the POSIX locale of a bare container that is ASCII, and every other
   * letter of a path turns into '?'. The remedy is the user's, so the message names it.
   */
  static String localeHint(String reason, String fileNameCharset) {
    boolean unmappable =
        reason != null && reason.startsWith("Malformed input or input contains unmappable");
    boolean utf8 =
        fileNameCharset != null && fileNameCharset.replace("-", "").equalsIgnoreCase("UTF8");
    return unmappable && !utf8
        ? "; Java reads file names here as "
            + fileNameCharset
            + ", so run it in a UTF-8 locale, e.g. LANG=C.UTF-8"
        : "";
  }

  int guarded(IntSupplier command) {
    try {
      return command.getAsInt();
    } catch (ClusterException e) {
      return fail(ClusterCommands.exitCode(e), e.getMessage(), e);
    } catch (LocalRunException e) {
      return fail(CANNOT_RUN, e.getMessage(), e);
    } catch (OutputFolderException e) {
      return fail(
          BAD_INPUT, e.getMessage() + (e.editedFiles().isEmpty() ? "" : " with --force"), e);
    } catch (CommandLines.UsageException
        | SpecFileException
        | InvalidValueException
        | FeatureFlagException
        | YamlInputException e) {
      return fail(BAD_INPUT, e.getMessage(), e);
    } catch (InvalidPathException e) {
      return fail(
          BAD_INPUT,
          Printable.quoted(e.getInput())
              + " is not a path this system can use ("
              + e.getReason()
              + ")"
              + localeHint(e.getReason(), System.getProperty("sun.jnu.encoding")),
          e);
    } catch (UncheckedIOException e) {
      // Wrapped without words of its own, the message is the cause's class and text: say the reason
      // instead.
      boolean bare = e.getMessage() == null || e.getMessage().equals(String.valueOf(e.getCause()));
      return fail(FAILED, bare ? IoReasons.withFile(e.getCause()) : e.getMessage(), e);
    } catch (RuntimeException e) {
      return fail(
          FAILED,
          "internal error"
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + " (a bug; run with --debug for details)",
          e);
    } catch (OutOfMemoryError e) {
      return fail(
          FAILED,
          "out of memory; give Java more with JAVA_TOOL_OPTIONS=-Xmx4g, or report what you ran",
          e);
    } catch (StackOverflowError e) {
      return fail(
          FAILED,
          "internal error: the input nests too deeply for this tool (a bug; run with --debug for "
              + "details)",
          e);
    } catch (Error e) {
      return fail(
          FAILED,
          "internal error: the Java runtime failed"
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + " (run with --debug for details)",
          e);
    }
  }

  private static void printUsage(PrintStream to) {
    to.println("usage: " + PROGRAM + " <command> [options]");
    to.println();
    to.println(
        "Generates a Tekton Pipeline that builds one image for several CPU architectures with QEMU");
    to.println("emulation and publishes it as one multi-arch image.");
    to.println();
    to.println("commands:");
    to.println(
        "  generate    write the Pipeline, its Tasks, RBAC, ImageStream and a PipelineRun as YAML");
    to.println(
        "  validate    check Tekton YAML (generated or edited) for what the cluster would reject");
    to.println(
        "  run-local   run that Pipeline on this Linux host with buildah, QEMU and a local registry");
    to.println(
        "  doctor      check the cluster for what would stop the build (exit 3), creating nothing");
    to.println(
        "  deploy      apply that YAML to the cluster (server-side apply; --dry-run=server)");
    to.println("  start       create a PipelineRun; --follow watches it to the published image");
    to.println(
        "  status      a PipelineRun's state and its TaskRuns (task, platform, state, duration, node)");
    to.println(
        "  logs        the step logs of a PipelineRun, each line prefixed by task, platform and step");
    to.println("  graph       the generated Pipeline as a Mermaid flowchart");
    to.println();
    to.println("options:");
    to.println(
        "  -h, --help      show this help; '"
            + PROGRAM
            + " <command> --help' for a command's options");
    to.println("  -V, --version   show the version");
    to.println();
    to.println(
        "exit codes: 0 done, 1 failed, 2 bad input (one line on stderr names the field and value),");
    to.println(
        "            3 run-local cannot run on this host, or the cluster cannot be reached, refuses the");
    to.println("              credentials, lacks Tekton or forbids an action (the line says why)");
  }

  /**
   * Prints {@code message} as one printable line (control characters escaped, cut if very long).
   */
  int fail(int code, String message, Throwable cause) {
    err.println(PROGRAM + ": " + Printable.line(message));
    if (debug && cause != null) {
      printTrace(cause);
    }
    return code;
  }

  /**
   * The stack trace {@code --debug} shows, each exception's text escaped as the message above it
   * is: messages quote servers, files and builds, and a line break or a CR inside one must not
   * start a line of its own.
   */
  private void printTrace(Throwable thrown) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    String prefix = "";
    for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
      err.println(Printable.line(prefix + t));
      for (StackTraceElement frame : t.getStackTrace()) {
        err.println("\tat " + Printable.line(frame.toString()));
      }
      prefix = "Caused by: ";
    }
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
