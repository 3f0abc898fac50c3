package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Tree walking helpers and Kubernetes name patterns shared by the rule classes. */
final class Nodes {

  /** A string somewhere in a tree: its path relative to where the walk started, and its text. */
  record Str(String path, String text) {}

  private Nodes() {}

  /**
   * Every string under {@code node} that holds a {@code $(}, with its path: the strings every
   * reference rule reads. Paths are built only for those, since most strings hold none.
   */
  static List<Str> strings(JsonNode node) {
    List<Str> out = new ArrayList<>();
    collect(node, new ArrayList<>(), out);
    return out;
  }

  private static void collect(JsonNode node, List<String> segments, List<Str> out) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return;
    }
    if (node.isTextual()) {
      String text = node.asText();
      if (text.contains("$(")) {
        out.add(new Str(join(segments), text));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        segments.add("[" + i + "]");
        collect(node.get(i), segments, out);
        segments.remove(segments.size() - 1);
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        segments.add(e.getKey());
        collect(e.getValue(), segments, out);
        segments.remove(segments.size() - 1);
      }
    }
  }

  private static String join(List<String> segments) {
    StringBuilder path = new StringBuilder();
    for (String segment : segments) {
      if (path.length() > 0 && !segment.startsWith("[")) {
        path.append('.');
      }
      path.append(segment);
    }
    return path.toString();
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
  }

  static boolean has(JsonNode node, String field) {
    return node != null && node.hasNonNull(field);
  }

  /**
   * The declared type of a param, inferred from its default or properties as Tekton's SetDefaults
   * does.
   */
  static String paramType(JsonNode param) {
    String type = text(param, "type");
    if (type != null && !type.isEmpty()) {
      return type;
    }
    JsonNode def = param.get("default");
    if (def != null && def.isArray()) {
      return "array";
    }
    if (def != null && def.isObject()) {
      return "object";
    }
    return param.has("properties") ? "object" : "string";
  }

  /**
   * The type of a param value as Tekton's ParamValue reads it: YAML booleans and numbers are
   * strings.
   */
  static String typeOf(JsonNode value) {
    return value.isArray() ? "array" : value.isObject() ? "object" : "string";
  }

  /** The texts of a param value: the string, the elements or the object's values. */
  static List<String> values(JsonNode value) {
    List<String> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (value.isContainerNode()) {
      value.forEach(v -> out.add(v.asText()));
    } else {
      out.add(value.asText());
    }
    return out;
  }

  /**
   * The first field of a path: {@code env} of {@code env[0].value}, {@code params} of {@code
   * params.x}.
   */
  static String head(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '.' || c == '[') {
        return path.substring(0, i);
      }
    }
    return path;
  }

  /** Whether a text starts like a param reference ({@code isParamRefs}: onError may be one). */
  static boolean isParamRef(String text) {
    return text.startsWith("$(params");
  }
}
