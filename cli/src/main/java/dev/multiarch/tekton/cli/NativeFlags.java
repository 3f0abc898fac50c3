package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.NodeToleration;
import dev.multiarch.tekton.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;

/**
 * The spec's {@code native} list from {@code --native} (the platforms, repeatable or
 * comma-separated) refined by {@code --native-node-selector PLATFORM:KEY=VALUE} and {@code
 * --native-toleration PLATFORM:KEY[=VALUE][:EFFECT]}: the list replaces the spec file's, as every
 * flag overrides the file.
 */
final class NativeFlags {

  private NativeFlags() {}

  /**
   * The native platforms, in the order given; a problem of a platform's selector or tolerations
   * names its place in the list ({@code spec.native[1].nodeSelector}), which {@link SpecFlags}
   * reports as the flag's.
   */
  static List<NativePlatform> platforms(CommandLine line) {
    Map<String, Map<String, Object>> byPlatform = new LinkedHashMap<>();
    List<Platform> platforms = new ArrayList<>();
    for (String value : values(line, Flag.NATIVE)) {
      for (String platform : value.split(",", -1)) {
        platforms.add(SpecFlags.parsed(Flag.NATIVE, platform, Platform::parse));
        Map<String, Object> entry = new LinkedHashMap<>();
        // A repeated platform stays repeated, so that the spec's own check names it.
        byPlatform.put(
            byPlatform.containsKey(platform) ? platform + "#" + byPlatform.size() : platform,
            entry);
      }
    }
    for (String value : values(line, Flag.NATIVE_NODE_SELECTOR)) {
      String[] parts =
          split(
              Flag.NATIVE_NODE_SELECTOR,
              value,
              "PLATFORM:KEY=VALUE, such as" + " linux/arm64:node-role.kubernetes.io/arm-builder=");
      int eq = parts[1].indexOf('=');
      if (eq <= 0) {
        throw new InvalidValueException(
            "--" + Flag.NATIVE_NODE_SELECTOR.longName, value, "PLATFORM:KEY=VALUE");
      }
      @SuppressWarnings("unchecked")
      Map<String, String> selector =
          (Map<String, String>)
              entry(byPlatform, Flag.NATIVE_NODE_SELECTOR, value, parts[0])
                  .computeIfAbsent("nodeSelector", k -> new LinkedHashMap<String, String>());
      String key = parts[1].substring(0, eq);
      if (selector.putIfAbsent(key, parts[1].substring(eq + 1)) != null) {
        throw new InvalidValueException(
            "--" + Flag.NATIVE_NODE_SELECTOR.longName,
            value,
            "each KEY once per"
                + " platform; "
                + parts[0]
                + " already has "
                + key
                + "="
                + selector.get(key));
      }
    }
    for (String value : values(line, Flag.NATIVE_TOLERATION)) {
      String[] parts =
          split(
              Flag.NATIVE_TOLERATION,
              value,
              "PLATFORM:KEY[=VALUE][:EFFECT], such as" + " linux/arm64:arch=arm64:NoSchedule");
      @SuppressWarnings("unchecked")
      List<String> tolerations =
          (List<String>)
              entry(byPlatform, Flag.NATIVE_TOLERATION, value, parts[0])
                  .computeIfAbsent("tolerations", k -> new ArrayList<>());
      tolerations.add(parts[1]);
    }
    List<NativePlatform> natives = new ArrayList<>();
    for (Map<String, Object> entry : byPlatform.values()) {
      String at = "spec.native[" + natives.size() + "]";
      @SuppressWarnings("unchecked")
      List<String> given = (List<String>) entry.getOrDefault("tolerations", List.of());
      List<NodeToleration> tolerations = new ArrayList<>();
      for (String toleration : given) {
        try {
          tolerations.add(toleration(toleration));
        } catch (InvalidValueException e) {
          throw e.atField(at + ".tolerations[" + tolerations.size() + "]");
        }
      }
      @SuppressWarnings("unchecked")
      Map<String, String> selector = (Map<String, String>) entry.get("nodeSelector");
      try {
        natives.add(new NativePlatform(platforms.get(natives.size()), selector, tolerations));
      } catch (InvalidValueException e) {
        throw e.atField(at);
      }
    }
    return natives;
  }

  /**
   * {@code KEY[=VALUE][:EFFECT]}: without a value, the toleration matches the key whatever its
   * value (Exists).
   */
  private static NodeToleration toleration(String text) {
    String rest = text;
    String effect = null;
    int colon = rest.lastIndexOf(':');
    if (colon >= 0) {
      effect = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    int eq = rest.indexOf('=');
    return eq < 0
        ? new NodeToleration(rest, NodeToleration.EXISTS, null, effect)
        : new NodeToleration(rest.substring(0, eq), null, rest.substring(eq + 1), effect);
  }

  private static List<String> values(CommandLine line, Flag flag) {
    String[] values = line.getOptionValues(flag.longName);
    return values == null ? List.of() : List.of(values);
  }

  /** PLATFORM and the rest, at the first ':' (platforms and label keys hold none). */
  private static String[] split(Flag flag, String value, String allowed) {
    int colon = value.indexOf(':');
    if (colon <= 0) {
      throw new InvalidValueException("--" + flag.longName, value, allowed);
    }
    return new String[] {value.substring(0, colon), value.substring(colon + 1)};
  }

  private static Map<String, Object> entry(
      Map<String, Map<String, Object>> byPlatform, Flag flag, String value, String platform) {
    Map<String, Object> entry = byPlatform.get(platform);
    if (entry == null) {
      throw new InvalidValueException(
          "--" + flag.longName,
          value,
          "a platform given with --native first"
              + (byPlatform.isEmpty() ? "" : " (" + String.join(", ", byPlatform.keySet()) + ")"));
    }
    return entry;
  }
}
