package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.model.Reference;
import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.FieldErrors;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Param declarations and the use of params in values, after Tekton's {@code param_types.go} and the
 * param parts of {@code task_validation.go}. Paths are relative to the list or object that holds
 * what is checked.
 */
final class ParamValidation {

  private static final Pattern STRING_OR_ARRAY_NAME = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9.-]*");
  private static final Pattern OBJECT_NAME = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9-]*");
  private static final Set<String> TYPES = Set.of("string", "array", "object");

  /** Step fields where a whole array or object may not stand ({@code validateStepArrayUsage}). */
  private static final Set<String> SCALAR_FIELDS = Set.of("name", "image", "workingDir", "script");

  private static final Pattern ENV_VALUE = Pattern.compile("env\\[\\d+\\]\\.value");
  private static final Pattern MOUNT =
      Pattern.compile("volumeMounts\\[\\d+\\]\\.(name|mountPath|subPath)");

  private ParamValidation() {}

  /** The declared params by name (the first of each name). */
  static Map<String, JsonNode> byName(JsonNode params) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode param : JsonNodes.list(params)) {
      String name = Nodes.text(param, "name");
      if (name != null && !name.isEmpty()) {
        byName.putIfAbsent(name, param);
      }
    }
    return byName;
  }

  /**
   * A {@code params} declaration list: types and defaults ({@code ValidateParameterTypes}), unique
   * names ({@code ValidateNoDuplicateNames}), enums ({@code validateParamEnums}) and, for Tasks and
   * StepActions, the name format ({@code validateNameFormat}). Paths are relative to the list.
   */
  static FieldErrors specs(JsonNode params, FeatureFlags flags, boolean nameFormat) {
    FieldErrors errs = FieldErrors.NONE;
    Set<String> seen = new HashSet<>();
    List<JsonNode> list = JsonNodes.list(params);
    for (int i = 0; i < list.size(); i++) {
      JsonNode param = list.get(i);
      String name = Nodes.text(param, "name");
      if (name == null) {
        continue; // a missing name is the structure check's
      }
      if (name.isEmpty()) {
        errs = errs.also(FieldErrors.of("[" + i + "].name", "param name must not be empty"));
        continue;
      }
      if (!seen.add(name)) {
        errs = errs.also(FieldErrors.of("[" + i + "].name", "duplicate param name '" + name + "'"));
      }
      errs = errs.also(type(param, name, nameFormat).viaIndex(i));
      errs = errs.also(enumeration(param, name, flags).viaIndex(i));
    }
    return errs;
  }

  /**
   * {@code ParamSpec.ValidateType}, {@code ValidateObjectType} and the name format of one param.
   */
  private static FieldErrors type(JsonNode param, String name, boolean nameFormat) {
    FieldErrors errs = FieldErrors.NONE;
    String type = Nodes.paramType(param);
    if (nameFormat) {
      Pattern format = "object".equals(type) ? OBJECT_NAME : STRING_OR_ARRAY_NAME;
      if (!format.matcher(name).matches()) {
        errs =
            errs.also(
                FieldErrors.of(
                    "name", "param name '" + name + "' must match ^" + format.pattern() + "$"));
      }
    }
    if (!TYPES.contains(type)) {
      return errs.also(
          FieldErrors.of("type", "param type '" + type + "' must be string, array or object"));
    }
    JsonNode def = param.get("default");
    if (def != null && !def.isNull() && !Nodes.typeOf(def).equals(type)) {
      errs =
          errs.also(
              FieldErrors.of(
                  "default",
                  "default is " + Nodes.typeOf(def) + " but param '" + name + "' is " + type));
    }
    JsonNode properties = param.get("properties");
    if (properties != null && properties.isObject()) {
      for (var it = properties.fields(); it.hasNext(); ) {
        var property = it.next();
        String propertyType = property.getValue().path("type").asText("string");
        if (!"string".equals(propertyType)) {
          errs =
              errs.also(
                  FieldErrors.of(
                      "properties." + property.getKey(),
                      "object properties must be string-typed, got " + propertyType));
        }
        if (nameFormat && !OBJECT_NAME.matcher(property.getKey()).matches()) {
          errs =
              errs.also(
                  FieldErrors.of(
                      "properties." + property.getKey(),
                      "object key '"
                          + property.getKey()
                          + "' must match ^"
                          + OBJECT_NAME.pattern()
                          + "$"));
        }
      }
    }
    return errs;
  }

  /**
   * {@code validateParamEnums}: the flag, string params only, no duplicates, the default among the
   * values.
   */
  private static FieldErrors enumeration(JsonNode param, String name, FeatureFlags flags) {
    List<JsonNode> values = JsonNodes.list(param.get("enum"));
    if (values.isEmpty()) {
      return FieldErrors.NONE;
    }
    FieldErrors errs = FieldErrors.NONE;
    if (!flags.enabled(FeatureFlags.ENABLE_PARAM_ENUM)) {
      errs =
          errs.also(
              FieldErrors.of(
                  "enum",
                  "enum needs " + FeatureFlags.flag(FeatureFlags.ENABLE_PARAM_ENUM, "true")));
    }
    if (!"string".equals(Nodes.paramType(param))) {
      errs = errs.also(FieldErrors.of("enum", "enum can only be set on a string param"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      if (!seen.add(values.get(i).asText())) {
        errs =
            errs.also(
                FieldErrors.of(
                    "enum[" + i + "]",
                    "enum value '" + values.get(i).asText() + "' appears twice"));
      }
    }
    JsonNode def = param.get("default");
    if (def != null
        && def.isValueNode()
        && !def.asText().isEmpty()
        && !seen.contains(def.asText())) {
      errs =
          errs.also(
              FieldErrors.of(
                  "default",
                  "default '"
                      + def.asText()
                      + "' of param '"
                      + name
                      + "' is not one of its enum values "
                      + seen.stream().sorted().toList()));
    }
    return errs;
  }

  /**
   * {@code validateArrayUsage} and {@code validateObjectUsageAsWhole}: in a step, a whole array
   * param may only be an element of {@code command} or {@code args} standing alone, and a whole
   * object param nowhere. Indexes and object keys are fine anywhere. Paths are relative to the
   * step.
   */
  static FieldErrors stepTypeUsage(JsonNode step, Map<String, JsonNode> declared) {
    if (declared.values().stream().allMatch(p -> "string".equals(Nodes.paramType(p)))) {
      return FieldErrors.NONE; // only whole arrays and objects are restricted here
    }
    FieldErrors errs = FieldErrors.NONE;
    for (Nodes.Str s : stepStrings(step)) {
      String field = Nodes.head(s.path());
      for (Reference ref : Reference.find(s.text())) {
        if (!"params".equals(ref.root())
            || ref.paramKey().isPresent()
            || !(ref.whole() || ref.index().isEmpty())) {
          continue;
        }
        JsonNode param = declared.get(ref.paramName());
        String type = param == null ? "string" : Nodes.paramType(param);
        boolean list = "command".equals(field) || "args".equals(field);
        if ("array".equals(type) && (!list || !s.text().equals(ref.text()))) {
          errs =
              errs.also(
                  FieldErrors.of(
                      s.path(),
                      "array param reference "
                          + ref.text()
                          + " must stand alone as an element "
                          + "of command or args (elsewhere use an index, $(params."
                          + ref.paramName()
                          + "[0]))"));
        } else if ("object".equals(type)) {
          errs =
              errs.also(
                  FieldErrors.of(
                      s.path(),
                      "object param reference "
                          + ref.text()
                          + " cannot be used whole in a "
                          + "step; use a key, $(params."
                          + ref.paramName()
                          + ".<key>)"));
        }
      }
    }
    return errs;
  }

  /**
   * {@code ValidateUsageOfDeclaredParameters}: every {@code $(params...)} in the step names a
   * declared param, and an object key one of its properties. Paths are relative to the step.
   */
  static FieldErrors declaredUsage(JsonNode step, Map<String, JsonNode> declared) {
    FieldErrors errs = FieldErrors.NONE;
    for (Nodes.Str s : stepStrings(step)) {
      errs = errs.also(declared(s, declared));
    }
    return errs;
  }

  /** Every {@code $(params...)} of {@code s} names a declared param (and key). */
  static FieldErrors declared(Nodes.Str s, Map<String, JsonNode> declared) {
    FieldErrors errs = FieldErrors.NONE;
    for (String expression : Reference.expressions(s.text())) {
      if (expression.startsWith("params.")
          && Reference.parse("$(" + expression + ")", 0).isEmpty()) {
        errs =
            errs.also(
                FieldErrors.of(
                    s.path(),
                    "$("
                        + expression
                        + ") is not a param reference Tekton reads: "
                        + "at most two dot-separated parts after params (use params[\"a.b\"] for a name with dots)"));
      }
    }
    for (Reference ref : Reference.find(s.text())) {
      if (!"params".equals(ref.root())) {
        continue;
      }
      JsonNode param = declared.get(ref.paramName());
      if (param == null) {
        errs =
            errs.also(
                FieldErrors.of(
                    s.path(), ref.text() + " names undeclared param '" + ref.paramName() + "'"));
      } else if (ref.paramKey().isPresent()
          && "object".equals(Nodes.paramType(param))
          && param.path("properties").isObject()
          && !param.path("properties").has(ref.paramKey().get())) {
        errs =
            errs.also(
                FieldErrors.of(
                    s.path(),
                    "object param '"
                        + ref.paramName()
                        + "' has no key '"
                        + ref.paramKey().get()
                        + "'"));
      }
    }
    return errs;
  }

  /** {@code validateObjectParamsHaveProperties}; paths relative to the params list. */
  static FieldErrors objectsHaveProperties(JsonNode params) {
    FieldErrors errs = FieldErrors.NONE;
    List<JsonNode> list = JsonNodes.list(params);
    for (int i = 0; i < list.size(); i++) {
      JsonNode param = list.get(i);
      if ("object".equals(Nodes.text(param, "type")) && !param.path("properties").isObject()) {
        errs = errs.also(FieldErrors.of("[" + i + "].properties", "object param needs properties"));
      }
    }
    return errs;
  }

  /**
   * {@code validatePipelineParametersVariablesInTaskParameters}: a param value in a pipeline task
   * (params, matrix, when) may use a whole array or object param only standing alone: as the whole
   * string value, or as a whole element of an array value. {@code arrayValue} says whether the
   * value is an array element. Paths are relative to the value.
   */
  static FieldErrors pipelineValue(
      String text, boolean arrayValue, Map<String, JsonNode> declared, boolean checkDeclared) {
    FieldErrors errs = FieldErrors.NONE;
    for (Reference ref : Reference.find(text)) {
      if (!"params".equals(ref.root())) {
        continue;
      }
      JsonNode param = declared.get(ref.paramName());
      if (param == null) {
        if (checkDeclared) {
          errs =
              errs.also(
                  FieldErrors.of(
                      "", ref.text() + " names undeclared param '" + ref.paramName() + "'"));
        }
        continue;
      }
      String type = Nodes.paramType(param);
      boolean alone = text.equals(ref.text());
      if (ref.paramKey().isPresent()) {
        if ("object".equals(type)
            && param.path("properties").isObject()
            && !param.path("properties").has(ref.paramKey().get())) {
          errs =
              errs.also(
                  FieldErrors.of(
                      "",
                      "object param '"
                          + ref.paramName()
                          + "' has no key '"
                          + ref.paramKey().get()
                          + "'"));
        }
        continue;
      }
      if ("string".equals(type) || (!ref.index().isEmpty() && !ref.whole())) {
        continue;
      }
      // A whole array or object: alone as an array element, or alone as [*] in a string value.
      boolean fine = alone && (arrayValue || ref.whole());
      if (!fine) {
        errs =
            errs.also(
                FieldErrors.of(
                    "",
                    alone
                        ? type
                            + " param '"
                            + ref.paramName()
                            + "' must be used whole as $(params."
                            + ref.paramName()
                            + "[*]) here"
                        : type
                            + " param reference "
                            + ref.text()
                            + " must stand alone as the whole value"));
      }
    }
    return errs;
  }

  /** The strings of a step where params are substituted, by path relative to the step. */
  static List<Nodes.Str> stepStrings(JsonNode step) {
    List<Nodes.Str> out = new java.util.ArrayList<>();
    for (Nodes.Str s : Nodes.strings(step)) {
      String field = Nodes.head(s.path());
      if (SCALAR_FIELDS.contains(field)
          || "command".equals(field)
          || "args".equals(field)
          || "onError".equals(field)
          || ENV_VALUE.matcher(s.path()).matches()
          || MOUNT.matcher(s.path()).matches()) {
        out.add(s);
      }
    }
    return out;
  }
}
