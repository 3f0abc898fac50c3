package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.InvalidValueException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;

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

  /** Turns parsed options into a request: each flag given becomes its spec field in the override map. */
  static GenerateRequest from(CommandLine line) {
    Map<String, Object> overrides = new LinkedHashMap<>();
    List<Flag> given = new ArrayList<>();
    for (Flag flag : Flag.values()) {
      if (!line.hasOption(flag.longName)) {
        continue;
      }
      given.add(flag);
      if (flag.kind == Flag.Kind.NATIVE) {
        continue;
      }
      Object value = switch (flag.kind) {
        case TEXT -> line.getOptionValue(flag.longName);
        case LIST -> List.of(line.getOptionValue(flag.longName).split(",", -1));
        case SWITCH -> true;
        case ENTRIES -> CommandLines.entries("--" + flag.longName, line.getOptionValues(flag.longName), "KEY=VALUE");
        case NATIVE -> throw new IllegalStateException("handled below");
      };
      put(overrides, flag.field, value);
    }
    if (given.stream().anyMatch(flag -> flag.kind == Flag.Kind.NATIVE)) {
      put(overrides, Flag.NATIVE.field, NativeFlags.entries(line));
    }
    return new GenerateRequest(
        path(line, "file", "a spec file"),
        path(line, "output", "a folder to write"),
        overrides,
        List.copyOf(given));
  }

  /** The path given with {@code --name}, if any; an empty one names nothing (and would mean the working folder). */
  private static Optional<Path> path(CommandLine line, String name, String allowed) {
    String value = line.getOptionValue(name);
    if (value != null && value.isEmpty()) {
      throw new InvalidValueException("--" + name, value, allowed + "; an empty path names none");
    }
    return Optional.ofNullable(value).map(Path::of);
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, String path, Object value) {
    String[] keys = path.split("\\.", -1);
    Map<String, Object> node = root;
    for (int i = 0; i < keys.length - 1; i++) {
      node = (Map<String, Object>) node.computeIfAbsent(keys[i], k -> new LinkedHashMap<String, Object>());
    }
    node.put(keys[keys.length - 1], value);
  }
}
