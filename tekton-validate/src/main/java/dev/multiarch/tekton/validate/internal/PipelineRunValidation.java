package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.model.Reference;
import dev.multiarch.tekton.model.TektonDefaults;
import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.FieldErrors;
import dev.multiarch.tekton.yaml.GoDuration;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PipelineRun's spec, after Tekton's {@code pipelinerun_validation.go} ({@code
 * PipelineRunSpec.Validate}): exactly one of pipelineRef and pipelineSpec, the inline spec's rules
 * with what the run propagates into it ({@code validateInlineParameters}, the inline workspaces
 * rule), params without result references, the status, workspace bindings, timeouts and
 * taskRunSpecs. Paths relative to the spec.
 */
final class PipelineRunValidation {

  private static final Set<String> STATUSES =
      Set.of("Cancelled", "CancelledRunFinally", "StoppedRunFinally", "PipelineRunPending");

  private PipelineRunValidation() {}

  /**
   * {@code pipelineSpec} is the inline spec, or the spec of the Pipeline of the set the run
   * references, or null.
   */
  static FieldErrors spec(JsonNode spec, JsonNode referenced, FeatureFlags flags) {
    FieldErrors errs = FieldErrors.NONE;
    boolean ref = spec.hasNonNull("pipelineRef");
    boolean inline = spec.hasNonNull("pipelineSpec");
    JsonNode pipelineSpec = inline ? spec.get("pipelineSpec") : referenced;
    if (ref == inline) {
      errs = errs.also(FieldErrors.of("", "expected exactly one of pipelineRef or pipelineSpec"));
    }
    if (ref) {
      errs =
          errs.also(
              ContainerValidation.validateRef(spec.get("pipelineRef"), flags)
                  .viaField("pipelineRef"));
    }
    if (inline) {
      if (flags.inlineSpecDisabled("pipelinerun")) {
        errs =
            errs.also(
                FieldErrors.of(
                    "pipelineSpec",
                    "pipelineSpec is not allowed: "
                        + FeatureFlags.flag(
                            FeatureFlags.DISABLE_INLINE_SPEC,
                            flags.values().get(FeatureFlags.DISABLE_INLINE_SPEC))
                        + " includes pipelinerun"));
      }
      errs = errs.also(PipelineValidation.spec(pipelineSpec, flags).viaField("pipelineSpec"));
      errs = errs.also(inlineParameters(spec).viaField("pipelineSpec"));
      errs = errs.also(inlineWorkspaces(spec).viaField("pipelineSpec"));
    }
    errs = errs.also(TaskRunValidation.parameters(spec.get("params")).viaField("params"));
    for (Nodes.Str s : Nodes.strings(spec.get("params"))) {
      for (Reference r : Reference.find(s.text())) {
        if (r.isResult()) {
          errs =
              errs.also(
                  FieldErrors.of(
                      "params" + s.path(),
                      "result references are not allowed in PipelineRun params"));
        }
      }
    }
    String status = Nodes.text(spec, "status");
    if (status != null && !STATUSES.contains(status)) {
      errs =
          errs.also(
              FieldErrors.of(
                  "status", "status must be one of " + STATUSES.stream().sorted().toList()));
    }
    errs = errs.also(WorkspaceValidation.bindings(spec.get("workspaces")).viaField("workspaces"));
    Timeouts timeouts = timeouts(spec.path("timeouts"));
    errs = errs.also(timeouts.errs().viaField("timeouts"));
    errs =
        errs.also(
            taskRunSpecs(spec.get("taskRunSpecs"), pipelineSpec, timeouts.tasks())
                .viaField("taskRunSpecs"));
    return errs;
  }

  /**
   * {@code validateInlineParameters}: the steps of the inline tasks, and the params of every
   * pipeline task, use params declared somewhere the run propagates from: the run's params, the
   * spec's, any pipeline task's, any inline task's.
   */
  private static FieldErrors inlineParameters(JsonNode spec) {
    JsonNode pipelineSpec = spec.get("pipelineSpec");
    Map<String, JsonNode> pool =
        TaskRunValidation.combine(
            TaskRunValidation.propagated(spec.get("params")), pipelineSpec.get("params"));
    List<JsonNode> tasks = JsonNodes.list(pipelineSpec.get("tasks"));
    for (JsonNode task : tasks) {
      pool =
          TaskRunValidation.combine(
              taskParams(pool, task.get("params")), task.path("taskSpec").get("params"));
    }
    FieldErrors errs = FieldErrors.NONE;
    for (int i = 0; i < tasks.size(); i++) {
      JsonNode task = tasks.get(i);
      if (task.path("taskSpec").has("steps")) {
        errs =
            errs.also(
                TaskValidation.declaredUsage(task.get("taskSpec"), pool)
                    .viaField("taskSpec")
                    .viaFieldIndex("tasks", i));
      }
      errs =
          errs.also(PipelineValidation.taskParamUsage(task, pool, true).viaFieldIndex("tasks", i));
    }
    return errs;
  }

  /**
   * {@code appendPipelineTaskParams}: a pipeline task's params join the pool; the keys of an object
   * it passes join the properties of an object param the pool already holds (so a propagated object
   * may gain keys on its way).
   */
  private static Map<String, JsonNode> taskParams(Map<String, JsonNode> pool, JsonNode params) {
    Map<String, JsonNode> out = new LinkedHashMap<>(pool);
    for (JsonNode param : JsonNodes.list(params)) {
      String name = Nodes.text(param, "name");
      if (name == null) {
        continue;
      }
      JsonNode known = out.get(name);
      JsonNode value = param.get("value");
      if (known == null) {
        out.put(name, TaskRunValidation.specFromParam(param));
      } else if (value != null && value.isObject() && "object".equals(Nodes.paramType(known))) {
        ObjectNode merged = known.deepCopy();
        ObjectNode properties =
            merged.path("properties").isObject()
                ? (ObjectNode) merged.get("properties")
                : merged.putObject("properties");
        value.fieldNames().forEachRemaining(k -> properties.putObject(k).put("type", "string"));
        out.put(name, merged);
      }
    }
    return out;
  }

  /**
   * The inline workspaces rule: a task binds a workspace the run, the spec or some pipeline task
   * provides.
   */
  private static FieldErrors inlineWorkspaces(JsonNode spec) {
    JsonNode pipelineSpec = spec.get("pipelineSpec");
    Set<String> names = new HashSet<>(TaskValidation.names(spec.get("workspaces")));
    names.addAll(TaskValidation.names(pipelineSpec.get("workspaces")));
    FieldErrors errs = FieldErrors.NONE;
    for (String section : List.of("tasks", "finally")) {
      List<JsonNode> tasks = JsonNodes.list(pipelineSpec.get(section));
      for (int i = 0; i < tasks.size(); i++) {
        names.addAll(TaskValidation.names(tasks.get(i).get("workspaces")));
        errs =
            errs.also(
                PipelineValidation.taskWorkspaces(tasks.get(i), names).viaFieldIndex(section, i));
      }
    }
    return errs;
  }

  /** What {@link #timeouts} found: the problems and the effective tasks timeout (null: none). */
  private record Timeouts(FieldErrors errs, Duration tasks) {}

  /**
   * {@code validatePipelineTimeout}: each at least 0; tasks, finally and both together within
   * pipeline.
   */
  private static Timeouts timeouts(JsonNode timeouts) {
    FieldErrors errs = FieldErrors.NONE;
    Duration pipeline = duration(timeouts, "pipeline");
    Duration tasks = duration(timeouts, "tasks");
    Duration fin = duration(timeouts, "finally");
    for (String field : List.of("pipeline", "tasks", "finally")) {
      String text = Nodes.text(timeouts, field);
      if (text != null) {
        errs = errs.also(TaskValidation.nonNegative(text, field));
      }
    }
    Duration limit = pipeline == null ? TektonDefaults.TIMEOUT : pipeline;
    if (!limit.isZero()) {
      if (tasks != null && tasks.compareTo(limit) > 0) {
        errs = errs.also(FieldErrors.of("tasks", "tasks timeout exceeds the pipeline timeout"));
      }
      if (fin != null && fin.compareTo(limit) > 0) {
        errs = errs.also(FieldErrors.of("finally", "finally timeout exceeds the pipeline timeout"));
      }
      if (tasks != null && fin != null && tasks.plus(fin).compareTo(limit) > 0) {
        errs =
            errs.also(FieldErrors.of("", "tasks + finally timeouts exceed the pipeline timeout"));
      }
    }
    Duration effective = tasks != null ? tasks : limit;
    return new Timeouts(errs, effective.isZero() ? null : effective);
  }

  private static Duration duration(JsonNode parent, String field) {
    String text = Nodes.text(parent, field);
    if (text == null) {
      return null;
    }
    return GoDuration.parse(text).filter(d -> !d.isNegative()).orElse(null);
  }

  /**
   * {@code validateTaskRunSpec}: a known pipeline task, a timeout within the tasks timeout, unique
   * stepSpecs.
   */
  private static FieldErrors taskRunSpecs(
      JsonNode specs, JsonNode pipelineSpec, Duration tasksTimeout) {
    Set<String> tasks = new HashSet<>();
    if (pipelineSpec != null) {
      for (String section : List.of("tasks", "finally")) {
        tasks.addAll(TaskValidation.names(pipelineSpec.get(section)));
      }
    }
    FieldErrors errs = FieldErrors.NONE;
    List<JsonNode> list = JsonNodes.list(specs);
    for (int i = 0; i < list.size(); i++) {
      String at = "[" + i + "]";
      String name = Nodes.text(list.get(i), "pipelineTaskName");
      if (pipelineSpec != null && name != null && !tasks.contains(name)) {
        errs =
            errs.also(
                FieldErrors.of(
                    at + ".pipelineTaskName",
                    "'"
                        + name
                        + "' is not a task of the Pipeline "
                        + tasks.stream().sorted().toList()));
      }
      String timeout = Nodes.text(list.get(i), "timeout");
      if (timeout != null) {
        FieldErrors bad = TaskValidation.nonNegative(timeout, "timeout");
        errs = errs.also(bad.viaIndex(i));
        Duration d = duration(list.get(i), "timeout");
        if (bad.isEmpty() && d != null && tasksTimeout != null && d.compareTo(tasksTimeout) > 0) {
          errs =
              errs.also(
                  FieldErrors.of(
                      at + ".timeout", "taskRunSpec timeout exceeds the pipeline's tasks timeout"));
        }
      }
      Set<String> steps = new HashSet<>();
      List<JsonNode> stepSpecs = JsonNodes.list(list.get(i).get("stepSpecs"));
      for (int j = 0; j < stepSpecs.size(); j++) {
        String step = Nodes.text(stepSpecs.get(j), "name");
        if (step != null && !steps.add(step)) {
          errs =
              errs.also(
                  FieldErrors.of(
                      at + ".stepSpecs[" + j + "].name", "duplicate stepSpec name '" + step + "'"));
        }
      }
    }
    return errs;
  }
}
