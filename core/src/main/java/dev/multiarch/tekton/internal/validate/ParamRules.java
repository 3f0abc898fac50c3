package dev.multiarch.tekton.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Param declarations (names, types, defaults) and {@code $(params.X)} usage, for Tasks and Pipelines alike. */
final class ParamRules {

  private static final Pattern TASK_PARAM_NAME = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9.-]*");
  private static final Pattern OBJECT_PARAM_NAME = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9-]*");
  private static final Set<String> TYPES = Set.of("string", "array", "object");

  private ParamRules() {
  }

  /** Checks a {@code params} declaration list and returns the params by name. */
  static Map<String, JsonNode> declarations(Findings f, YamlDocs.Doc doc, JsonNode params, String path) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode param : Nodes.list(params)) {
      String at = path + "[" + i++ + "]";
      String name = Nodes.text(param, "name");
      if (name == null || name.isEmpty()) {
        // A missing name is a structural problem, reported once by the structure check; an empty one is this rule's.
        if (name != null) {
          f.add(doc, at + ".name", "param name must not be empty");
        }
        continue;
      }
      if (byName.putIfAbsent(name, param) != null) {
        f.add(doc, at + ".name", "duplicate param name '" + name + "'");
      }
      String type = Nodes.paramType(param);
      Pattern format = "object".equals(type) ? OBJECT_PARAM_NAME : TASK_PARAM_NAME;
      if (!format.matcher(name).matches()) {
        f.add(doc, at + ".name", "param name '" + name + "' must match ^" + format.pattern() + "$");
      }
      if (!TYPES.contains(type)) {
        f.add(doc, at + ".type", "param type '" + type + "' must be string, array or object");
        continue;
      }
      JsonNode def = param.get("default");
      if (def != null && !def.isNull() && !typeOf(def).equals(type)) {
        f.add(doc, at + ".default", "default is " + typeOf(def) + " but param '" + name + "' is " + type);
      }
      if ("object".equals(type)) {
        checkObjectProperties(f, doc, param, at);
      }
    }
    return byName;
  }

  private static void checkObjectProperties(Findings f, YamlDocs.Doc doc, JsonNode param, String at) {
    JsonNode properties = param.get("properties");
    if (properties == null || !properties.isObject() || properties.isEmpty()) {
      f.add(doc, at + ".properties", "object param needs properties");
      return;
    }
    properties.fields().forEachRemaining(e -> {
      String type = e.getValue().path("type").asText("string");
      if (!"string".equals(type)) {
        f.add(doc, at + ".properties." + e.getKey(), "object properties must be string-typed, got " + type);
      }
    });
  }

  static String typeOf(JsonNode value) {
    return value.isArray() ? "array" : value.isObject() ? "object" : "string";
  }

  /**
   * Checks one {@code $(params...)} expression found in string {@code s}.
   *
   * @param arrayAllowed whether an isolated whole-array reference may stand where {@code s} is
   */
  static void usage(Findings f, YamlDocs.Doc doc, Nodes.Str s, String expression, Map<String, JsonNode> declared,
      Predicate<Nodes.Str> arrayAllowed) {
    Nodes.ParamRef ref = Nodes.paramRef(expression);
    if (ref == null) {
      f.add(doc, s.path(), "malformed param reference $(" + expression + ")");
      return;
    }
    JsonNode param = declared.get(ref.name());
    if (param == null && !ref.bracket() && ref.name().contains(".")) {
      String objectName = ref.name().substring(0, ref.name().indexOf('.'));
      String key = ref.name().substring(objectName.length() + 1);
      JsonNode object = declared.get(objectName);
      if (object != null && "object".equals(Nodes.paramType(object))) {
        if (object.has("properties") && !object.get("properties").has(key)) {
          f.add(doc, s.path(), "object param '" + objectName + "' has no key '" + key + "'");
        }
        return;
      }
    }
    if (param == null) {
      f.add(doc, s.path(), "$(" + expression + ") names undeclared param '" + ref.name() + "'");
      return;
    }
    String type = Nodes.paramType(param);
    boolean whole = "[*]".equals(ref.suffix());
    boolean isolated = s.text().trim().equals("$(" + expression + ")");
    if ("string".equals(type) && !ref.suffix().isEmpty()) {
      f.add(doc, s.path(), "string param '" + ref.name() + "' used as an array: $(" + expression + ")");
    } else if (!"string".equals(type) && ref.suffix().isEmpty()) {
      f.add(doc, s.path(), type + " param '" + ref.name() + "' must be used whole as $(params." + ref.name()
          + "[*])" + ("array".equals(type) ? " or by index" : " or by key"));
    } else if (whole && !(isolated && arrayAllowed.test(s))) {
      f.add(doc, s.path(), type + " param reference $(" + expression
          + ") must stand alone as a whole value where an array is allowed");
    }
  }
}
