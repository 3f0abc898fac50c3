package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.InvalidValueException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;

/**
 * What {@code generate} was asked for, parsed from the command line.
 *
 * @param specFile the spec file, if one was given
 * @param output the folder to write, or empty for YAML on standard output
 * @param flags the spec flags that were given, applied over the file's spec
 * @param pacDir the Pipelines-as-Code folder to write ({@code --pac-dir}), if any
 */
record GenerateRequest(
    Optional<Path> specFile, Optional<Path> output, SpecFlags flags, Optional<Path> pacDir) {

  static GenerateRequest from(CommandLine line) {
    return new GenerateRequest(
        path(line, "file", "a spec file"),
        path(line, "output", "a folder to write"),
        SpecFlags.from(line),
        path(line, "pac-dir", "a folder to write"));
  }

  /**
   * The spec of the file (if any) with the flags applied; errors name the flag or the file's line.
   */
  BuildSpec spec() {
    return flags.spec(specFile);
  }

  /**
   * The path given with {@code --name}, if any; an empty one names nothing (and would mean the
   * working folder).
   */
  private static Optional<Path> path(CommandLine line, String name, String allowed) {
    String value = line.getOptionValue(name);
    if (value != null && value.isEmpty()) {
      throw new InvalidValueException("--" + name, value, allowed + "; an empty path names none");
    }
    return Optional.ofNullable(value).map(Path::of);
  }
}
