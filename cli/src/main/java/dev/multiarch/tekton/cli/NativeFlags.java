package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.InvalidValueException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;

/**
 * The spec's {@code native} list from {@code --native} (the platforms, repeatable or comma-separated) refined by
 * {@code --native-node-selector PLATFORM:KEY=VALUE} and {@code --native-toleration PLATFORM:KEY[=VALUE][:EFFECT]}: the
 * list replaces the spec file's, as every flag overrides the file.
 */
final class NativeFlags {

  private NativeFlags() {
  }

  /** The entries, shaped like the spec file's: {@code {platform, nodeSelector?, tolerations?}}. */
  static List<Map<String, Object>> entries(CommandLine line) {
    Map<String, Map<String, Object>> byPlatform = new LinkedHashMap<>();
    for (String value : values(line, Flag.NATIVE)) {
      for (String platform : value.split(",", -1)) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("platform", platform);
        // A repeated platform stays repeated, so that the spec's own check names it.
        byPlatform.put(byPlatform.containsKey(platform) ? platform + "#" + byPlatform.size() : platform, entry);
      }
    }
    for (String value : values(line, Flag.NATIVE_NODE_SELECTOR)) {
      String[] parts = split(Flag.NATIVE_NODE_SELECTOR, value, "PLATFORM:KEY=VALUE, such as"
          + " linux/arm64:node-role.kubernetes.io/arm-builder=");
      int eq = parts[1].indexOf('=');
      if (eq <= 0) {
        throw new InvalidValueException("--" + Flag.NATIVE_NODE_SELECTOR.longName, value, "PLATFORM:KEY=VALUE");
      }
      @SuppressWarnings("unchecked")
      Map<String, String> selector = (Map<String, String>) entry(byPlatform, Flag.NATIVE_NODE_SELECTOR, value,
          parts[0]).computeIfAbsent("nodeSelector", k -> new LinkedHashMap<String, String>());
      String key = parts[1].substring(0, eq);
      if (selector.putIfAbsent(key, parts[1].substring(eq + 1)) != null) {
        throw new InvalidValueException("--" + Flag.NATIVE_NODE_SELECTOR.longName, value, "each KEY once per"
            + " platform; " + parts[0] + " already has " + key + "=" + selector.get(key));
      }
    }
    for (String value : values(line, Flag.NATIVE_TOLERATION)) {
      String[] parts = split(Flag.NATIVE_TOLERATION, value, "PLATFORM:KEY[=VALUE][:EFFECT], such as"
          + " linux/arm64:arch=arm64:NoSchedule");
      String rest = parts[1];
      Map<String, Object> toleration = new LinkedHashMap<>();
      int colon = rest.lastIndexOf(':');
      if (colon >= 0) {
        toleration.put("effect", rest.substring(colon + 1));
        rest = rest.substring(0, colon);
      }
      int eq = rest.indexOf('=');
      toleration.put("key", eq < 0 ? rest : rest.substring(0, eq));
      if (eq < 0) {
        toleration.put("operator", "Exists");
      } else {
        toleration.put("value", rest.substring(eq + 1));
      }
      @SuppressWarnings("unchecked")
      List<Object> tolerations = (List<Object>) entry(byPlatform, Flag.NATIVE_TOLERATION, value, parts[0])
          .computeIfAbsent("tolerations", k -> new ArrayList<>());
      tolerations.add(toleration);
    }
    return List.copyOf(byPlatform.values());
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

  private static Map<String, Object> entry(Map<String, Map<String, Object>> byPlatform, Flag flag, String value,
      String platform) {
    Map<String, Object> entry = byPlatform.get(platform);
    if (entry == null) {
      throw new InvalidValueException("--" + flag.longName, value, "a platform given with --native first"
          + (byPlatform.isEmpty() ? "" : " (" + String.join(", ", byPlatform.keySet()) + ")"));
    }
    return entry;
  }
}
