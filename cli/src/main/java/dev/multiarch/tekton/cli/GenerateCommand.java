package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.WriteOption;
import dev.multiarch.tekton.text.ShellWords;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code generate [-f SPEC] [-o DIR] [flags]}: the build spec from a file and/or flags, generated
 * as one YAML stream on stdout or as a folder; also where every command that builds a spec reads it
 * and gets its flags.
 */
final class GenerateCommand {

  private final PrintStream out;
  private final PrintStream err;

  GenerateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    Options options = generateOptions();
    CommandLine line = CommandLines.parse("generate", options, args);
    if (line.hasOption("help")) {
      CommandLines.printHelp(
          out,
          "generate [-f SPEC] [-o DIR] [flags]",
          "Generates the multi-arch build for a spec file and/or flags.",
          options,
          "generate -f examples/hello/multiarch.yaml -o deploy/");
      return Cli.OK;
    }
    CommandLines.requireNoArguments("generate", line);
    GenerateRequest request = GenerateRequest.from(line);
    BuildSpec spec = request.spec();
    GeneratedPipeline generated = MultiArchTekton.from(spec).generate();
    if (request.output().isPresent()) {
      Path dir = request.output().get();
      if (line.hasOption("force")) {
        generated.writeTo(dir, WriteOption.OVERWRITE_EDITED_FILES);
      } else {
        generated.writeTo(dir);
      }
      err.println(
          "wrote "
              + generated.files().size()
              + " files to "
              + ShellWords.path(dir.toString())
              + "; deploy and start with:");
      generated.startCommands(dir).forEach(command -> err.println("  " + command));
    } else {
      out.print(generated.toYaml());
      out.flush();
    }
    return Cli.OK;
  }

  private static Options generateOptions() {
    Options options = new Options();
    options.addOption(
        Option.builder("f")
            .longOpt("file")
            .hasArg()
            .argName("SPEC")
            .desc("spec file (multiarch.yaml); flags override its fields")
            .build());
    options.addOption(
        Option.builder("o")
            .longOpt("output")
            .hasArg()
            .argName("DIR")
            .desc(
                "write one file per resource and a kustomization.yaml to DIR (crash-safe, in place); "
                    + "default: all YAML on standard output")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("force")
            .desc(
                "with -o: overwrite files multiarch-tekton wrote that were edited since (they are refused otherwise)")
            .build());
    addSpecFlags(options);
    return options;
  }

  /**
   * The spec-field flags, {@code --debug} and {@code --help}, which every command that builds a
   * spec takes.
   */
  static void addSpecFlags(Options options) {
    for (Flag flag : Flag.values()) {
      options.addOption(flag.option());
    }
    options.addOption(
        Option.builder().longOpt("debug").desc("show stack traces of errors").build());
    options.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
  }
}
