package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.TektonValidator;
import dev.multiarch.tekton.ValidationReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code validate FILE|DIR...}: checks Tekton YAML with {@link TektonValidator}, one line per problem on stdout
 * ({@code file:line: kind/name: path: message}), then {@code N passed, M failed}; exit 1 when anything failed.
 */
final class ValidateCommand {

  private final PrintStream out;

  ValidateCommand(PrintStream out) {
    this.out = out;
  }

  int run(String[] args) {
    Options options = options();
    CommandLine line = CommandLines.parse("validate", options, args);
    if (line.hasOption("help")) {
      CommandLines.printHelp(out, "validate FILE|DIR... [--feature-flags beta|alpha]",
          "Checks Tekton v1 YAML (Pipeline, Task, PipelineRun, TaskRun; other kinds are skipped) for what the "
              + "cluster would reject or only find at run time: unknown fields and wrong types, Tekton's admission "
              + "rules, Pipelines against the Tasks given with them, and this project's rules. One line per problem, "
              + "file:line: kind/name: path: message, then 'N passed, M failed'. Exit 0 all passed, 1 any failed, "
              + "2 a file cannot be read or parsed.", options, "validate deploy/*.yaml");
      return Cli.OK;
    }
    if (line.getArgList().isEmpty()) {
      throw new CommandLines.UsageException("validate: no files given; give YAML files or folders of them", null);
    }
    TektonValidator validator = TektonValidator.create();
    if (line.hasOption("feature-flags")) {
      validator = validator.withApiFields(TektonValidator.ApiFields.parse(line.getOptionValue("feature-flags")));
    }
    ValidationReport report = validator.validateFiles(files(line.getArgList()));
    if (report.documents() == 0) {
      // A spec file or a kustomization alone: "0 passed, 0 failed" would read as a pass.
      throw new CommandLines.UsageException("validate: no Tekton documents (Pipeline, Task, PipelineRun, TaskRun) "
          + "in " + String.join(", ", line.getArgList()), null);
    }
    report.problems().forEach(out::println);
    out.println(report.summary());
    return report.passed() ? Cli.OK : Cli.FAILED;
  }

  /** The files as given, a folder standing for its *.yaml and *.yml files (sorted, not recursive). */
  private static List<Path> files(List<String> args) {
    List<Path> files = new ArrayList<>();
    for (String arg : args) {
      Path path = Path.of(arg);
      if (Files.isDirectory(path)) {
        try (Stream<Path> entries = Files.list(path)) {
          entries.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .filter(Files::isRegularFile).sorted().forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new InvalidValueException("validate", arg, "a YAML file or a folder of them");
      }
    }
    return files;
  }

  static Options options() {
    Options options = new Options();
    options.addOption(Option.builder().longOpt("feature-flags").hasArg().argName("beta|alpha")
        .desc("Tekton's enable-api-fields to check against (default beta, Tekton's default)").build());
    options.addOption(Option.builder().longOpt("debug").desc("show stack traces of errors").build());
    options.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
    return options;
  }
}
