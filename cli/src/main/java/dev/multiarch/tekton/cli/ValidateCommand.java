package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.input.BoundedInput;
import dev.multiarch.tekton.input.FileKinds;
import dev.multiarch.tekton.input.IoReasons;
import dev.multiarch.tekton.text.Printable;
import dev.multiarch.tekton.validate.FeatureFlagException;
import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.TektonValidator;
import dev.multiarch.tekton.validate.ValidationReport;
import dev.multiarch.tekton.validate.YamlInputException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code validate FILE|DIR...}: checks Tekton YAML with {@link TektonValidator}, one line per
 * problem on stdout ({@code file:line: kind/name: path: message}, this project's rules tagged), a
 * note per skipped document, then the summary; exit 1 when anything failed.
 */
final class ValidateCommand {

  private final PrintStream out;
  private final PrintStream err;

  ValidateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    Options options = options();
    CommandLine line = CommandLines.parse("validate", options, args);
    if (line.hasOption("help")) {
      CommandLines.printHelp(
          out,
          "validate FILE|DIR... [--feature-flags-file FILE] [--feature-flag KEY=VALUE]... "
              + "[--rules all|tekton]",
          "Checks Tekton YAML (tekton.dev/v1 Pipeline, Task, PipelineRun, TaskRun; StepAction; other Tekton kinds are "
              + "skipped with a note, other API groups passed over) for what the cluster would reject or only find at "
              + "run time: unknown fields and wrong types, Tekton's admission rules under the cluster's feature flags, "
              + "each reference against what the files define under that name, and this project's rules (tagged "
              + "[multiarch-tekton]). A folder stands for its *.yaml and *.yml files, recursively, without "
              + "kustomization.yaml. One line per problem, file:line: kind/name: path: message, then 'N passed, M "
              + "failed'. Exit 0 all passed, 1 any failed, 2 a file cannot be read or parsed.",
          options,
          "validate deploy/ --feature-flags-file feature-flags.yaml --rules tekton");
      return Cli.OK;
    }
    if (line.getArgList().isEmpty()) {
      throw new CommandLines.UsageException(
          "validate: no files given; give YAML files or folders of them", null);
    }
    String rules = line.getOptionValue("rules", "all");
    TektonValidator validator;
    if ("all".equalsIgnoreCase(rules)) {
      validator = MultiArchTekton.validator();
    } else if ("tekton".equalsIgnoreCase(rules)) {
      validator = TektonValidator.create();
    } else {
      throw new InvalidValueException("--rules", rules, "all or tekton");
    }
    validator = validator.withFeatureFlags(flags(line));
    ValidationReport report = validator.validateFiles(files(line.getArgList()));
    if (report.documents() == 0 && report.skipped().isEmpty()) {
      // A spec file or a kustomization alone: "0 passed, 0 failed" would read as a pass.
      throw new CommandLines.UsageException(
          "validate: no Tekton documents (Pipeline, Task, PipelineRun, TaskRun, "
              + "StepAction) in "
              + String.join(", ", line.getArgList()),
          null);
    }
    // Names and paths come from the files: printed escaped, so a document cannot drive the
    // terminal.
    report.problems().forEach(problem -> out.println(Printable.line(problem.toString())));
    report.skipped().forEach(note -> out.println(Printable.line(note)));
    out.println(report.summary());
    return report.passed() ? Cli.OK : Cli.FAILED;
  }

  /**
   * Tekton's defaults, then the ConfigMap file, then the shorthand, then each --feature-flag, in
   * that order.
   */
  private static FeatureFlags flags(CommandLine line) {
    FeatureFlags flags = FeatureFlags.defaults();
    if (line.hasOption("feature-flags-file")) {
      Path file = Path.of(line.getOptionValue("feature-flags-file"));
      // Only what is plainly no file is refused here; the reader refuses FIFOs, devices and links
      // into /proc as every file given to validate, and reads a pipe on /dev/stdin as -f does.
      if (!Files.exists(file) || Files.isDirectory(file)) {
        throw new InvalidValueException(
            "--feature-flags-file",
            file.toString(),
            "a feature-flags ConfigMap file, as "
                + "'kubectl get configmap feature-flags -o yaml' prints it");
      }
      try {
        flags = FeatureFlags.fromConfigMap(file);
      } catch (FeatureFlagException e) {
        throw new InvalidValueException(
            "--feature-flags-file " + file + ": " + e.key(), e.value(), e.allowed());
      }
    }
    if (line.hasOption("feature-flags")) {
      String value = line.getOptionValue("feature-flags");
      try {
        flags = flags.with(FeatureFlags.ENABLE_API_FIELDS, value);
      } catch (FeatureFlagException e) {
        throw new InvalidValueException(
            "--feature-flags", value, "stable, beta or alpha (Tekton's enable-api-fields)");
      }
    }
    for (Map.Entry<String, String> pair :
        CommandLines.entries(
                "--feature-flag",
                line.getOptionValues("feature-flag"),
                "KEY=VALUE, such as enable-param-enum=true")
            .entrySet()) {
      try {
        flags = flags.with(pair.getKey(), pair.getValue());
      } catch (FeatureFlagException e) {
        throw new InvalidValueException("--feature-flag " + pair.getKey(), e.value(), e.allowed());
      }
    }
    return flags;
  }

  /**
   * The files as given, a folder standing for its *.yaml and *.yml files, recursively, without
   * kustomizations; an entry so named that is no regular file (a broken link, a FIFO, a device) is
   * skipped with a line on stderr saying what it is. A file given by name is read as it is, and
   * refused if it is not a regular file.
   */
  private List<Path> files(List<String> args) {
    List<Path> files = new ArrayList<>();
    for (String arg : args) {
      if (arg.isEmpty()) {
        throw new InvalidValueException(
            "validate", arg, "a YAML file or a folder of them; an empty path names none");
      }
      Path path = Path.of(arg);
      if (!Files.isDirectory(path)) {
        files.add(path);
        continue;
      }
      try (Stream<Path> entries = Files.walk(path)) {
        for (Path entry :
            entries
                .filter(ValidateCommand::isYaml)
                .filter(p -> !p.getFileName().toString().matches("kustomization\\.ya?ml"))
                .sorted()
                .toList()) {
          Optional<String> kernelLink = BoundedInput.linkIntoKernelFiles(entry);
          if (kernelLink.isPresent()) {
            err.println(
                Cli.PROGRAM
                    + ": validate: skipped "
                    + Printable.line(entry + ": " + kernelLink.get()));
          } else if (Files.isRegularFile(entry)) {
            files.add(entry);
          } else if (!Files.isDirectory(entry)) {
            err.println(
                Cli.PROGRAM
                    + ": validate: skipped "
                    + Printable.line(
                        entry + ": " + FileKinds.describe(entry) + ", not a regular file"));
          }
        }
      } catch (IOException | UncheckedIOException e) {
        IOException failure =
            e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
        String where =
            failure instanceof java.nio.file.FileSystemException fs && fs.getFile() != null
                ? fs.getFile()
                : arg;
        throw new YamlInputException(
            where, 0, "cannot list the folder: " + IoReasons.of(failure), failure);
      }
    }
    return files;
  }

  private static boolean isYaml(Path path) {
    String name = path.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  static Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder()
            .longOpt("feature-flags-file")
            .hasArg()
            .argName("FILE")
            .desc(
                "the cluster's feature-flags ConfigMap, as 'kubectl get configmap feature-flags -n tekton-pipelines "
                    + "-o yaml' (or -n openshift-pipelines) prints it; default: Tekton's defaults")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("feature-flag")
            .hasArg()
            .argName("KEY=VALUE")
            .desc(
                "set one feature flag, e.g. enable-param-enum=true; repeatable, applied after the file")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("feature-flags")
            .hasArg()
            .argName("stable|beta|alpha")
            .desc("shorthand for --feature-flag enable-api-fields=VALUE (Tekton's default: beta)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("rules")
            .hasArg()
            .argName("all|tekton")
            .desc(
                "all (default): Tekton's rules and this project's, tagged [multiarch-tekton]; tekton: Tekton's only")
            .build());
    options.addOption(
        Option.builder().longOpt("debug").desc("show stack traces of errors").build());
    options.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
    return options;
  }
}
