package dev.multiarch.tekton.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tree walking and {@code $(...)} expression helpers shared by the rule classes. */
final class Nodes {

  /** A {@code $(...)} expression; group 1 is its content. Tekton expressions hold no parentheses. */
  static final Pattern EXPRESSION = Pattern.compile("\\$\\(([^()]*)\\)");
  static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  static final Pattern TASK_RESULT = Pattern.compile(
      "(tasks|finally)\\.([^.\\[\\]]+)\\.results(?:\\.([^.\\[\\]]+)|\\[['\"]([^'\"]+)['\"]\\])(\\[\\*\\]|\\[\\d+\\])?(\\..+)?");
  static final Pattern PARAM_DOT = Pattern.compile("params\\.([_a-zA-Z][_a-zA-Z0-9.-]*?)(\\[\\*\\]|\\[\\d+\\])?");
  static final Pattern PARAM_BRACKET = Pattern.compile("params\\[['\"]([^'\"]+)['\"]\\](\\[\\*\\]|\\[\\d+\\])?");

  /** A string somewhere in a tree: its path, its text, and whether it is an element of an array. */
  record Str(String path, String text, boolean inArray) {
  }

  /** A {@code $(params...)} reference: the name as written and its suffix ({@code [*]}, {@code [0]} or empty). */
  record ParamRef(String name, String suffix, boolean bracket) {
  }

  /** A {@code $(tasks|finally.X.results.Y...)} reference. */
  record ResultRef(String section, String task, String result, String suffix) {
  }

  private Nodes() {
  }

  static List<Str> strings(JsonNode node, String path) {
    List<Str> out = new ArrayList<>();
    collect(node, path, false, out);
    return out;
  }

  private static void collect(JsonNode node, String path, boolean inArray, List<Str> out) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return;
    }
    if (node.isTextual()) {
      out.add(new Str(path, node.asText(), inArray));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), path + "[" + i + "]", true, out);
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), false, out);
      }
    }
  }

  /** The contents of every {@code $(...)} in the text. */
  static List<String> expressions(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = EXPRESSION.matcher(text);
    while (m.find()) {
      out.add(m.group(1).trim());
    }
    return out;
  }

  static ParamRef paramRef(String expression) {
    Matcher m = PARAM_BRACKET.matcher(expression);
    if (m.matches()) {
      return new ParamRef(m.group(1), m.group(2) == null ? "" : m.group(2), true);
    }
    m = PARAM_DOT.matcher(expression);
    if (m.matches()) {
      return new ParamRef(m.group(1), m.group(2) == null ? "" : m.group(2), false);
    }
    return null;
  }

  static ResultRef resultRef(String expression) {
    Matcher m = TASK_RESULT.matcher(expression);
    if (!m.matches()) {
      return null;
    }
    String result = m.group(3) != null ? m.group(3) : m.group(4);
    return new ResultRef(m.group(1), m.group(2), result, m.group(5) == null ? "" : m.group(5));
  }

  /** Elements of an array node, or nothing. */
  static List<JsonNode> list(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(out::add);
    }
    return out;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** The declared type of a param, inferred from its default as Tekton's SetDefaults does. */
  static String paramType(JsonNode param) {
    String type = text(param, "type");
    if (type != null) {
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
}
