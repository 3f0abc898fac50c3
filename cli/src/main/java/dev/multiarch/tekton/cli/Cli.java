package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.OutputFolderException;
import dev.multiarch.tekton.SpecFile;
import dev.multiarch.tekton.SpecFileException;
import dev.multiarch.tekton.YamlInputException;
import dev.multiarch.tekton.local.LocalRunException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * Parses the command line, calls the public API and turns its typed errors into one line on stderr
 * with exit code 2. Stack traces only with {@code --debug}.
 */
final class Cli {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;
  /** run-local could not run here: an unsupported Tekton feature or a host problem; nothing ran. */
  static final int CANNOT_RUN = 3;
  static final String PROGRAM = "multiarch-tekton";

  /** How a command reports an error: one line on stderr (a stack trace with --debug) and the exit code. */
  interface Failure {
    int fail(int code, String message, Throwable cause);
  }

  private final PrintStream out;
  private final PrintStream err;
  private boolean debug;

  Cli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
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
        return generate(Arrays.copyOfRange(args, 1, args.length));
      }
      if (args[0].equals("validate")) {
        return new ValidateCommand(out).run(Arrays.copyOfRange(args, 1, args.length));
      }
      if (args[0].equals("run-local")) {
        return new RunLocalCommand(out, err, this::fail).run(Arrays.copyOfRange(args, 1, args.length));
      }
      return fail(BAD_INPUT, "unknown command '" + args[0] + "'; expected one of: generate, validate, run-local "
          + "(see --help)", null);
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

  private int generate(String[] args) {
    Options options = generateOptions();
    CommandLine line = CommandLines.parse("generate", options, args);
    if (line.hasOption("help")) {
      CommandLines.printHelp(out, "generate [-f SPEC] [-o DIR] [flags]",
          "Generates the multi-arch build for a spec file and/or flags.", options,
          "generate -f examples/hello/multiarch.yaml -o deploy/");
      return OK;
    }
    CommandLines.requireNoArguments("generate", line);
    GenerateRequest request = GenerateRequest.from(line);
    BuildSpec spec = readSpec(request);
    GeneratedPipeline generated = MultiArchTekton.from(spec).generate();
    if (request.output().isPresent()) {
      Path dir = request.output().get();
      generated.writeTo(dir);
      err.println("wrote " + generated.files().size() + " files to " + dir + "; deploy and start with:");
      generated.startCommands(dir).forEach(command -> err.println("  " + command));
    } else {
      out.print(generated.toYaml());
      out.flush();
    }
    return OK;
  }

  static BuildSpec readSpec(GenerateRequest request) {
    try {
      return request.specFile().isPresent()
          ? SpecFile.read(request.specFile().get(), request.overrides())
          : SpecFile.fromOverrides(request.overrides());
    } catch (SpecFileException e) {
      Optional<Flag> flag = Flag.owning(e.field(), request.flags());
      if (flag.isPresent() && !e.allowed().isEmpty()) {
        // The bad value came from a flag, not the file: name the flag the user typed.
        throw new InvalidValueException("--" + flag.get().longName, e.value(), e.allowed());
      }
      Optional<Flag> missing = Flag.owning(e.field(), List.of(Flag.values()));
      if (request.specFile().isEmpty() && missing.isPresent()) {
        throw new SpecFileException(SpecFile.OVERRIDES_SOURCE, 0, "--" + missing.get().longName,
            e.problem() + " (or give a spec file with -f that sets " + e.field() + ")", e);
      }
      throw e;
    }
  }

  static Options generateOptions() {
    Options options = new Options();
    options.addOption(Option.builder("f").longOpt("file").hasArg().argName("SPEC")
        .desc("spec file (multiarch.yaml); flags override its fields").build());
    options.addOption(Option.builder("o").longOpt("output").hasArg().argName("DIR")
        .desc("write one file per resource and a kustomization.yaml to DIR (atomically); "
            + "default: all YAML on standard output").build());
    addSpecFlags(options);
    return options;
  }

  /** The spec-field flags, {@code --debug} and {@code --help}, which every command that builds a spec takes. */
  static void addSpecFlags(Options options) {
    for (Flag flag : Flag.values()) {
      options.addOption(flag.option());
    }
    options.addOption(Option.builder().longOpt("debug").desc("show stack traces of errors").build());
    options.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
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
    out.println();
    out.println("options:");
    out.println("  -h, --help      show this help; '" + PROGRAM + " <command> --help' for a command's options");
    out.println("  -V, --version   show the version");
    out.println();
    out.println("exit codes: 0 done, 1 failed, 2 bad input (one line on stderr names the field and value),");
    out.println("            3 run-local cannot run on this host (the line says why; nothing ran)");
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
