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
      Object value = switch (flag.kind) {
        case TEXT -> line.getOptionValue(flag.longName);
        case LIST -> List.of(line.getOptionValue(flag.longName).split(",", -1));
        case SWITCH -> Boolean.TRUE;
        case ENTRIES -> entries(flag, line.getOptionValues(flag.longName));
      };
      put(overrides, flag.field, value);
    }
    return new GenerateRequest(
        Optional.ofNullable(line.getOptionValue("file")).map(Path::of),
        Optional.ofNullable(line.getOptionValue("output")).map(Path::of),
        overrides,
        List.copyOf(given));
  }

  private static Map<String, String> entries(Flag flag, String[] values) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String value : values) {
      int eq = value.indexOf('=');
      if (eq <= 0) {
        throw new InvalidValueException("--" + flag.longName, value, "KEY=VALUE");
      }
      entries.put(value.substring(0, eq), value.substring(eq + 1));
    }
    return entries;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, String path, Object value) {
    String[] keys = path.split("\\.");
    Map<String, Object> node = root;
    for (int i = 0; i < keys.length - 1; i++) {
      node = (Map<String, Object>) node.computeIfAbsent(keys[i], k -> new LinkedHashMap<String, Object>());
    }
    node.put(keys[keys.length - 1], value);
  }
}
