package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.FolderDifference;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.WriteOption;
import dev.multiarch.tekton.text.Printable;
import dev.multiarch.tekton.text.ShellWords;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
          "generate [-f SPEC] [-o DIR] [--pac-dir DIR] [--check] [flags]",
          "Generates the multi-arch build for a spec file and/or flags.",
          options,
          "generate -f examples/hello/multiarch.yaml -o deploy/");
      return Cli.OK;
    }
    CommandLines.requireNoArguments("generate", line);
    GenerateRequest request = GenerateRequest.from(line);
    BuildSpec spec = request.spec();
    GeneratedPipeline generated = MultiArchTekton.from(spec).generate();
    if (line.hasOption("check")) {
      return check(line, request, generated);
    }
    if (request.output().isEmpty() && request.pacDir().isEmpty()) {
      out.print(generated.toYaml());
      out.flush();
      return Cli.OK;
    }
    WriteOption[] writeOptions =
        line.hasOption("force")
            ? new WriteOption[] {WriteOption.OVERWRITE_EDITED_FILES}
            : new WriteOption[0];
    // Everything that can be refused is refused before either folder is written.
    Map<String, String> pacFiles = request.pacDir().isPresent() ? generated.pacFiles() : Map.of();
    if (request.output().isPresent() && request.pacDir().isPresent()) {
      requireTwoFolders(request.output().get(), request.pacDir().get());
    }
    request.output().ifPresent(dir -> GeneratedPipeline.checkWritable(dir, writeOptions));
    request.pacDir().ifPresent(dir -> GeneratedPipeline.checkWritable(dir, writeOptions));
    if (request.output().isPresent()) {
      Path dir = request.output().get();
      generated.writeTo(dir, writeOptions);
      err.println(
          "wrote "
              + generated.files().size()
              + " files to "
              + ShellWords.path(dir.toString())
              + "; deploy and start with:");
      generated.startCommands(dir).forEach(command -> err.println("  " + command));
    }
    if (request.pacDir().isPresent()) {
      Path dir = request.pacDir().get();
      generated.writePacTo(dir, writeOptions);
      err.println(
          "wrote "
              + pacFiles.size()
              + " files to "
              + ShellWords.path(dir.toString())
              + " for Pipelines-as-Code: commit them; the ImageStream, ServiceAccounts and"
              + " RoleBindings are not there, apply them once from generate -o DIR");
    }
    return Cli.OK;
  }

  /**
   * {@code --check}: one line per file that differs, is missing or is extra in each folder asked
   * for, on standard output; exit 0 when every folder is current, 1 otherwise. Writes nothing.
   */
  private int check(CommandLine line, GenerateRequest request, GeneratedPipeline generated) {
    if (request.output().isEmpty() && request.pacDir().isEmpty()) {
      throw new CommandLines.UsageException(
          "generate: --check compares folders: give -o DIR and/or --pac-dir DIR", null);
    }
    if (line.hasOption("force")) {
      throw new CommandLines.UsageException(
          "generate: --check writes nothing: --force does not go with it", null);
    }
    List<String> lines = new ArrayList<>();
    if (request.pacDir().isPresent()) {
      // First, so that a spec PaC cannot build is refused before anything is printed.
      generated.pacFiles();
    }
    request.output().ifPresent(dir -> lines.addAll(differences(dir, generated.compareTo(dir))));
    request.pacDir().ifPresent(dir -> lines.addAll(differences(dir, generated.comparePacTo(dir))));
    lines.forEach(out::println);
    out.flush();
    if (lines.isEmpty()) {
      err.println("generated files are current");
      return Cli.OK;
    }
    err.println(
        lines.size()
            + (lines.size() == 1 ? " file differs" : " files differ")
            + " from what the spec generates; regenerate without --check and commit the result");
    return Cli.FAILED;
  }

  private static List<String> differences(Path dir, List<FolderDifference> differences) {
    return differences.stream()
        .map(d -> d.kind().word() + ": " + Printable.line(dir.resolve(d.file()).toString()))
        .toList();
  }

  private static void requireTwoFolders(Path output, Path pacDir) {
    if (output.toAbsolutePath().normalize().equals(pacDir.toAbsolutePath().normalize())
        || (Files.exists(output) && Files.exists(pacDir) && isSameFile(output, pacDir))) {
      throw new InvalidValueException(
          "--pac-dir",
          pacDir.toString(),
          "a folder other than -o's: the Pipelines-as-Code folder holds other files");
    }
  }

  private static boolean isSameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
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
            .longOpt("pac-dir")
            .hasArg()
            .argName("DIR")
            .desc(
                "write the Pipelines-as-Code folder (.tekton/) to DIR: a push and a pull-request"
                    + " PipelineRun, the Pipeline and its Tasks; with -o too, both are written")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("check")
            .desc(
                "with -o DIR and/or --pac-dir DIR: write nothing, print each file that differs, is"
                    + " missing or is extra, exit 1 if any")
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
