package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.FieldErrors;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A TaskRun's spec, after Tekton's {@code taskrun_validation.go} ({@code TaskRunSpec.Validate}):
 * exactly one of taskRef and taskSpec (a taskRef is a reference, never a custom task), unique param
 * names, workspace bindings, a timeout of at least 0, the inline spec's steps using only params it
 * declares or the TaskRun passes ({@code validateInlineParameters}). Also {@code
 * ValidateParameters}, shared with PipelineRuns. Paths relative to the spec.
 */
final class TaskRunValidation {

  private static final Set<String> STATUSES = Set.of("TaskRunCancelled");

  private TaskRunValidation() {}

  static FieldErrors spec(JsonNode spec, FeatureFlags flags) {
    FieldErrors errs = FieldErrors.NONE;
    boolean ref = spec.hasNonNull("taskRef");
    boolean inline = spec.hasNonNull("taskSpec");
    if (ref == inline) {
      errs = errs.also(FieldErrors.of("", "expected exactly one of taskRef or taskSpec"));
    }
    if (ref) {
      errs =
          errs.also(
              ContainerValidation.validateRef(spec.get("taskRef"), flags).viaField("taskRef"));
    }
    if (inline) {
      if (flags.inlineSpecDisabled("taskrun")) {
        errs =
            errs.also(
                FieldErrors.of(
                    "taskSpec",
                    "taskSpec is not allowed: "
                        + FeatureFlags.flag(
                            FeatureFlags.DISABLE_INLINE_SPEC,
                            flags.values().get(FeatureFlags.DISABLE_INLINE_SPEC))
                        + " includes "
                        + "taskrun"));
      }
      errs = errs.also(TaskValidation.spec(spec.get("taskSpec"), flags).viaField("taskSpec"));
      errs =
          errs.also(
              TaskValidation.declaredUsage(spec.get("taskSpec"), propagated(spec.get("params")))
                  .viaField("taskSpec"));
    }
    errs = errs.also(parameters(spec.get("params")).viaField("params"));
    errs = errs.also(WorkspaceValidation.bindings(spec.get("workspaces")).viaField("workspaces"));
    String timeout = Nodes.text(spec, "timeout");
    if (timeout != null) {
      errs = errs.also(TaskValidation.nonNegative(timeout, "timeout"));
    }
    String status = Nodes.text(spec, "status");
    if (status != null && !STATUSES.contains(status)) {
      errs =
          errs.also(
              FieldErrors.of(
                  "status", "status must be one of " + STATUSES.stream().sorted().toList()));
    }
    return errs;
  }

  /** {@code ValidateParameters}: unique names. Paths relative to the list. */
  static FieldErrors parameters(JsonNode params) {
    FieldErrors errs = FieldErrors.NONE;
    Set<String> seen = new HashSet<>();
    List<JsonNode> list = JsonNodes.list(params);
    for (int i = 0; i < list.size(); i++) {
      String name = Nodes.text(list.get(i), "name");
      if (name != null && !seen.add(name)) {
        errs = errs.also(FieldErrors.of("[" + i + "].name", "duplicate param name '" + name + "'"));
      }
    }
    return errs;
  }

  /**
   * The params a run passes, as declarations of the type of their values ({@code
   * createParamSpecFromParam}).
   */
  static Map<String, JsonNode> propagated(JsonNode params) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode p : JsonNodes.list(params)) {
      String name = Nodes.text(p, "name");
      if (name == null) {
        continue;
      }
      out.putIfAbsent(name, specFromParam(p));
    }
    return out;
  }

  /**
   * {@code createParamSpecFromParam}: a passed param as a declaration of its value's type (and an
   * object's keys).
   */
  static ObjectNode specFromParam(JsonNode param) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    spec.put("name", Nodes.text(param, "name"));
    JsonNode value = param.get("value");
    spec.put("type", value == null ? "string" : Nodes.typeOf(value));
    if (value != null && value.isObject()) {
      ObjectNode properties = spec.putObject("properties");
      value.fieldNames().forEachRemaining(k -> properties.putObject(k).put("type", "string"));
    }
    return spec;
  }

  /**
   * {@code combineParamSpec}: {@code declarations} over what {@code pool} already holds from a run.
   * A param the pool lacks joins it as declared; one the pool has keeps the type of its passed
   * value, and an object takes the declaration's properties (the declared keys, which a passed
   * object may only partly fill).
   */
  static Map<String, JsonNode> combine(Map<String, JsonNode> pool, JsonNode declarations) {
    Map<String, JsonNode> out = new LinkedHashMap<>(pool);
    for (JsonNode declared : JsonNodes.list(declarations)) {
      String name = Nodes.text(declared, "name");
      if (name == null || name.isEmpty()) {
        continue;
      }
      JsonNode known = out.get(name);
      if (known == null) {
        out.put(name, declared);
      } else if ("object".equals(Nodes.paramType(known))
          && declared.path("properties").isObject()) {
        ObjectNode merged = known.deepCopy();
        merged.set("properties", declared.get("properties"));
        out.put(name, merged);
      }
    }
    return out;
  }
}
