package dev.multiarch.tekton.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code generate} was asked for, parsed from the command line.
 *
 * @param specFile the spec file, if one was given
 * @param output the folder to write, or empty for YAML on standard output
 * @param overrides spec fields set by flags, as a nested map shaped like the spec file
 * @param flags the flags that were given, to name them in errors
 */
record GenerateRequest(Optional<Path> specFile, Optional<Path> output, Map<String, Object> overrides,
    List<Flag> flags) {
}
