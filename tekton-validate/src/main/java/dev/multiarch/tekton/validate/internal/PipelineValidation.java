package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.model.ContextVariables;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.model.KubernetesNames;
import dev.multiarch.tekton.model.Reference;
import dev.multiarch.tekton.model.TaskGraph;
import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.FieldErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PipelineSpec, after Tekton's {@code pipeline_validation.go}: {@code PipelineSpec.Validate} for
 * every Pipeline, inline in a PipelineRun or not, and what {@code Pipeline.Validate} adds for a
 * Pipeline on its own ({@code validatePipelineParameterUsage}, {@code
 * validatePipelineWorkspacesUsage}): only there must every param and workspace a task uses be
 * declared, since a PipelineRun may propagate its own into an inline spec. Paths relative to the
 * spec.
 */
final class PipelineValidation {

  /** {@code artifactref.TaskArtifactRegex}. */
  private static final List<String> SECTIONS = List.of("tasks", "finally");

  private PipelineValidation() {}

  /** {@code PipelineSpec.Validate}. */
  static FieldErrors spec(JsonNode spec, FeatureFlags flags) {
    FieldErrors errs = FieldErrors.NONE;
    if (!spec.isObject() || spec.isEmpty()) {
      return FieldErrors.of(
          "", "expected at least one of description, params, tasks, workspaces, got none");
    }
    Map<String, JsonNode> dag = tasks(spec, "tasks");
    Map<String, JsonNode> fin = tasks(spec, "finally");
    Map<String, JsonNode> params = ParamValidation.byName(spec.get("params"));
    errs = errs.also(ParamValidation.specs(spec.get("params"), flags, false).viaField("params"));
    errs = errs.also(pipelineTaskNames(spec));
    for (String section : SECTIONS) {
      List<JsonNode> list = JsonNodes.list(spec.get(section));
      for (int i = 0; i < list.size(); i++) {
        errs = errs.also(pipelineTask(list.get(i), params, flags).viaFieldIndex(section, i));
        errs =
            errs.also(
                expressions(list.get(i), section.equals("finally"), dag, fin)
                    .viaFieldIndex(section, i));
      }
    }
    errs = errs.also(graph(spec, dag, fin));
    errs = errs.also(workspaceDeclarations(spec.get("workspaces")).viaField("workspaces"));
    errs = errs.also(results(spec.get("results"), dag, fin).viaField("results"));
    if (!JsonNodes.list(spec.get("finally")).isEmpty()
        && JsonNodes.list(spec.get("tasks")).isEmpty()) {
      errs = errs.also(FieldErrors.of("finally", "finally tasks need at least one task in tasks"));
    }
    errs = errs.also(matrixedResults(spec, dag));
    if (!flags.enabled(FeatureFlags.ENABLE_ARTIFACTS)) {
      errs = errs.also(artifacts(spec));
    }
    return errs;
  }

  /**
   * What {@code Pipeline.Validate} adds for a Pipeline on its own: inline steps use only their
   * spec's and the Pipeline's params; task params, matrix and when use only declared Pipeline
   * params, whole arrays and objects only standing alone; task workspace bindings name declared
   * Pipeline workspaces, each once.
   */
  static FieldErrors standalone(JsonNode spec) {
    Map<String, JsonNode> params = ParamValidation.byName(spec.get("params"));
    Set<String> workspaces = TaskValidation.names(spec.get("workspaces"));
    FieldErrors errs = FieldErrors.NONE;
    for (String section : SECTIONS) {
      List<JsonNode> list = JsonNodes.list(spec.get(section));
      for (int i = 0; i < list.size(); i++) {
        JsonNode task = list.get(i);
        if (task.path("taskSpec").has("steps")) {
          errs =
              errs.also(
                  TaskValidation.declaredUsage(task.get("taskSpec"), params)
                      .viaField("taskSpec")
                      .viaFieldIndex(section, i));
        }
        errs = errs.also(taskParamUsage(task, params, true).viaFieldIndex(section, i));
        errs = errs.also(taskWorkspaces(task, workspaces).viaFieldIndex(section, i));
      }
    }
    return errs;
  }

  /**
   * {@code validatePipelineParametersVariables}: the params a pipeline task's params, matrix and
   * when read. {@code checkDeclared}: whether each must be declared in {@code params}.
   */
  static FieldErrors taskParamUsage(
      JsonNode task, Map<String, JsonNode> params, boolean checkDeclared) {
    FieldErrors errs = FieldErrors.NONE;
    errs = errs.also(paramValues(task.get("params"), params, checkDeclared).viaField("params"));
    errs =
        errs.also(
            paramValues(task.path("matrix").get("params"), params, checkDeclared)
                .viaField("matrix.params"));
    List<JsonNode> includes = JsonNodes.list(task.path("matrix").get("include"));
    for (int i = 0; i < includes.size(); i++) {
      errs =
          errs.also(
              paramValues(includes.get(i).get("params"), params, checkDeclared)
                  .viaField("matrix.include[" + i + "].params"));
    }
    List<JsonNode> whens = JsonNodes.list(task.get("when"));
    for (int i = 0; i < whens.size(); i++) {
      JsonNode w = whens.get(i);
      if (w.has("input")) {
        errs =
            errs.also(
                ParamValidation.pipelineValue(w.get("input").asText(), false, params, checkDeclared)
                    .viaField("when[" + i + "].input"));
      }
      List<JsonNode> values = JsonNodes.list(w.get("values"));
      for (int j = 0; j < values.size(); j++) {
        errs =
            errs.also(
                ParamValidation.pipelineValue(values.get(j).asText(), true, params, checkDeclared)
                    .viaField("when[" + i + "].values[" + j + "]"));
      }
    }
    return errs;
  }

  private static FieldErrors paramValues(
      JsonNode list, Map<String, JsonNode> params, boolean checkDeclared) {
    FieldErrors errs = FieldErrors.NONE;
    List<JsonNode> items = JsonNodes.list(list);
    for (int i = 0; i < items.size(); i++) {
      JsonNode value = items.get(i).get("value");
      if (value == null || value.isNull()) {
        continue;
      }
      if (value.isArray()) {
        for (int j = 0; j < value.size(); j++) {
          errs =
              errs.also(
                  ParamValidation.pipelineValue(value.get(j).asText(), true, params, checkDeclared)
                      .viaFieldIndex("value", j)
                      .viaIndex(i));
        }
      } else if (value.isObject()) {
        for (var it = value.fields(); it.hasNext(); ) {
          var e = it.next();
          errs =
              errs.also(
                  ParamValidation.pipelineValue(e.getValue().asText(), false, params, checkDeclared)
                      .viaField("value." + e.getKey())
                      .viaIndex(i));
        }
      } else {
        errs =
            errs.also(
                ParamValidation.pipelineValue(value.asText(), false, params, checkDeclared)
                    .viaField("value")
                    .viaIndex(i));
      }
    }
    return errs;
  }

  /**
   * {@code PipelineTask.validateWorkspaces}: bindings name declared Pipeline workspaces, each once.
   */
  static FieldErrors taskWorkspaces(JsonNode task, Set<String> declared) {
    FieldErrors errs = FieldErrors.NONE;
    Set<String> bound = new HashSet<>();
    List<JsonNode> bindings = JsonNodes.list(task.get("workspaces"));
    for (int j = 0; j < bindings.size(); j++) {
      String name = Nodes.text(bindings.get(j), "name");
      String target =
          Nodes.has(bindings.get(j), "workspace") ? Nodes.text(bindings.get(j), "workspace") : name;
      if (name != null && !bound.add(name)) {
        errs =
            errs.also(
                FieldErrors.of(
                    "workspaces[" + j + "].name", "duplicate workspace binding '" + name + "'"));
      }
      if (target != null && !declared.contains(target)) {
        errs =
            errs.also(
                FieldErrors.of(
                    "workspaces["
                        + j
                        + "]."
                        + (Nodes.has(bindings.get(j), "workspace") ? "workspace" : "name"),
                    "binds pipeline workspace '"
                        + target
                        + "', which is not declared in spec.workspaces "
                        + declared.stream().sorted().toList()));
      }
    }
    return errs;
  }

  private static Map<String, JsonNode> tasks(JsonNode spec, String section) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode task : JsonNodes.list(spec.get(section))) {
      String name = Nodes.text(task, "name");
      if (name != null) {
        byName.putIfAbsent(name, task);
      }
    }
    return byName;
  }

  /** {@code PipelineTaskList.Validate}: DNS-1123 label names, unique across tasks and finally. */
  private static FieldErrors pipelineTaskNames(JsonNode spec) {
    FieldErrors errs = FieldErrors.NONE;
    Set<String> taken = new HashSet<>();
    for (String section : SECTIONS) {
      List<JsonNode> list = JsonNodes.list(spec.get(section));
      for (int i = 0; i < list.size(); i++) {
        String name = Nodes.text(list.get(i), "name");
        if (name == null) {
          continue; // the structure check's
        }
        String at = section + "[" + i + "].name";
        if (!KubernetesNames.isDnsLabelShape(name) || name.length() > 63) {
          errs =
              errs.also(
                  FieldErrors.of(
                      at,
                      "pipeline task name '"
                          + name
                          + "' must be a DNS-1123 label (lower case, "
                          + "digits, '-', <= 63)"));
        }
        if (!taken.add(name)) {
          errs =
              errs.also(
                  FieldErrors.of(
                      at, "duplicate pipeline task name '" + name + "' across tasks and finally"));
        }
      }
    }
    return errs;
  }

  /**
   * {@code PipelineTask.Validate}, its params' unique names, its when expressions and its matrix.
   */
  private static FieldErrors pipelineTask(
      JsonNode task, Map<String, JsonNode> pipelineParams, FeatureFlags flags) {
    FieldErrors errs = refOrSpec(task, flags);
    if (flags.inlineSpecDisabled("pipeline")) {
      for (String field : List.of("taskSpec", "pipelineSpec")) {
        if (task.has(field)) {
          errs =
              errs.also(
                  FieldErrors.of(
                      field,
                      field
                          + " is not allowed: "
                          + FeatureFlags.flag(
                              FeatureFlags.DISABLE_INLINE_SPEC,
                              flags.values().get(FeatureFlags.DISABLE_INLINE_SPEC))
                          + " includes pipeline"));
        }
      }
    }
    JsonNode taskSpec = task.get("taskSpec");
    if (taskSpec != null && taskSpec.has("steps")) {
      for (String field : List.of("apiVersion", "kind")) {
        if (taskSpec.has(field)) {
          errs =
              errs.also(
                  FieldErrors.of(
                      "taskSpec." + field,
                      "taskSpec." + field + " cannot be set with taskSpec.steps"));
        }
      }
    }
    errs = errs.also(onError(task, flags));
    // PipelineTask.Timeout is a *metav1.Duration (pipeline_types.go): a value time.ParseDuration
    // cannot read fails the webhook's decoding of the whole Pipeline. pipeline_validation.go checks
    // nothing more; a negative one is refused only later, when the TaskRun is created.
    String timeout = Nodes.text(task, "timeout");
    if (timeout != null) {
      errs = errs.also(TaskValidation.parsable(timeout, "timeout"));
    }
    JsonNode ref = task.get("taskRef");
    String refKind = ref == null ? "" : ref.path("kind").asText("");
    String specKind = taskSpec == null ? "" : taskSpec.path("kind").asText("");
    boolean custom =
        (ref != null && (!(refKind.isEmpty() || "Task".equals(refKind)) || ref.has("apiVersion")))
            || (taskSpec != null
                && (!(specKind.isEmpty() || "Task".equals(specKind))
                    || taskSpec.has("apiVersion")));
    if (custom) {
      errs = errs.also(customTask(task));
    } else {
      if (taskSpec != null) {
        errs = errs.also(TaskValidation.spec(taskSpec, flags).viaField("taskSpec"));
      }
      if (ref != null) {
        errs = errs.also(ContainerValidation.validateRef(ref, flags).viaField("taskRef"));
      }
      if (task.has("pipelineRef")) {
        errs =
            errs.also(
                ContainerValidation.validateRef(task.get("pipelineRef"), flags)
                    .viaField("pipelineRef"));
      }
      if (task.has("pipelineSpec")) {
        errs = errs.also(spec(task.get("pipelineSpec"), flags).viaField("pipelineSpec"));
      }
    }
    Set<String> names = new HashSet<>();
    List<JsonNode> params = JsonNodes.list(task.get("params"));
    for (int i = 0; i < params.size(); i++) {
      String name = Nodes.text(params.get(i), "name");
      if (name != null && !names.add(name)) {
        errs =
            errs.also(
                FieldErrors.of("params[" + i + "].name", "duplicate param name '" + name + "'"));
      }
    }
    errs = errs.also(WhenValidation.validate(task.get("when"), flags).viaField("when"));
    errs = errs.also(MatrixValidation.validate(task, pipelineParams, flags));
    return errs;
  }

  /**
   * {@code validateRefOrSpec}: exactly one of taskRef, taskSpec (or, under alpha, pipelineRef,
   * pipelineSpec).
   */
  private static FieldErrors refOrSpec(JsonNode task, FeatureFlags flags) {
    FieldErrors errs = FieldErrors.NONE;
    List<String> given = new ArrayList<>();
    for (String field : List.of("taskRef", "taskSpec", "pipelineRef", "pipelineSpec")) {
      if (task.hasNonNull(field)) {
        given.add(field);
        if (field.startsWith("pipeline") && !flags.allows("alpha")) {
          errs =
              errs.also(
                  FieldErrors.of(
                      field,
                      field
                          + " in a pipeline task needs "
                          + FeatureFlags.flag(FeatureFlags.ENABLE_API_FIELDS, "alpha")));
        }
      }
    }
    if (given.size() > 1 && given.stream().anyMatch(f -> f.startsWith("pipeline"))) {
      errs =
          errs.also(
              FieldErrors.of(
                  "",
                  "expected exactly one of taskRef, taskSpec, pipelineRef or pipelineSpec, got "
                      + given));
    } else if (given.size() != 1) {
      errs = errs.also(FieldErrors.of("", "expected exactly one of taskRef or taskSpec"));
    }
    return errs;
  }

  /** {@code PipelineTask.ValidateOnError}; a param reference is checked at run time. */
  private static FieldErrors onError(JsonNode task, FeatureFlags flags) {
    String onError = Nodes.text(task, "onError");
    if (onError == null || onError.isEmpty() || Nodes.isParamRef(onError)) {
      return FieldErrors.NONE;
    }
    FieldErrors errs = FieldErrors.NONE;
    if (!flags.allows("beta")) {
      errs =
          errs.also(
              FieldErrors.of(
                  "onError",
                  "onError needs " + FeatureFlags.flag(FeatureFlags.ENABLE_API_FIELDS, "beta")));
    }
    if (!onError.equals("continue") && !onError.equals("stopAndFail")) {
      errs =
          errs.also(
              FieldErrors.of(
                  "onError", "onError must be continue or stopAndFail, got '" + onError + "'"));
    } else if (onError.equals("continue") && task.path("retries").asInt(0) > 0) {
      errs =
          errs.also(FieldErrors.of("onError", "onError continue cannot be combined with retries"));
    }
    return errs;
  }

  /** {@code validateCustomTask}: kind, and apiVersion as group/version. */
  private static FieldErrors customTask(JsonNode task) {
    FieldErrors errs = FieldErrors.NONE;
    for (String field : List.of("taskRef", "taskSpec")) {
      JsonNode node = task.get(field);
      if (node == null) {
        continue;
      }
      if (node.path("kind").asText("").isEmpty()) {
        errs = errs.also(FieldErrors.of(field + ".kind", "a custom task needs kind"));
      }
      if (!node.path("apiVersion").asText("").matches("[^/]+/[^/]+")) {
        errs =
            errs.also(
                FieldErrors.of(
                    field + ".apiVersion", "a custom task needs apiVersion as group/version"));
      }
    }
    return errs;
  }

  /**
   * The {@code $(...)} of a pipeline task's params, when and matrix: known roots, context variables
   * ({@code validatePipelineContextVariables}), execution status ({@code
   * validateExecutionStatusVariables}), result references to existing tasks ({@code
   * validateFinalTasks}, {@code dag.Build}).
   */
  private static FieldErrors expressions(
      JsonNode task, boolean isFinally, Map<String, JsonNode> dag, Map<String, JsonNode> fin) {
    FieldErrors errs = FieldErrors.NONE;
    for (String field : List.of("params", "when", "matrix")) {
      for (Nodes.Str s : Nodes.strings(task.get(field))) {
        String path =
            s.path().isEmpty() || s.path().startsWith("[")
                ? field + s.path()
                : field + "." + s.path();
        errs = errs.also(expression(s.text(), isFinally, dag, fin).viaField(path));
      }
    }
    return errs;
  }

  private static FieldErrors expression(
      String text, boolean isFinally, Map<String, JsonNode> dag, Map<String, JsonNode> fin) {
    FieldErrors errs = FieldErrors.NONE;
    for (String expression : Reference.expressions(text)) {
      if (Reference.looksLikeVariable(expression)
          && !List.of("params", "tasks", "finally", "context", "workspaces", "results")
              .contains(Nodes.head(expression))) {
        errs =
            errs.also(
                FieldErrors.of(
                    "",
                    "$("
                        + expression
                        + ") must start with one of [params, tasks, finally, context, "
                        + "workspaces, results]"));
      }
    }
    for (Reference ref : Reference.find(text)) {
      if ("context".equals(ref.root())) {
        if (!ContextVariables.allowed(ContextVariables.PIPELINE, ref.key())) {
          errs =
              errs.also(
                  FieldErrors.of(
                      "",
                      "context variable "
                          + ref.text()
                          + " is not one Tekton allows in a Pipeline: "
                          + ContextVariables.describe(ContextVariables.PIPELINE)));
        }
      } else if (ref.isStatus()) {
        if (!isFinally) {
          errs = errs.also(FieldErrors.of("", ref.text() + " is only allowed in finally tasks"));
        } else if (!ref.key().equals("tasks.status")
            && !dag.containsKey(ref.task().orElseThrow())) {
          errs =
              errs.also(
                  FieldErrors.of(
                      "",
                      ref.text()
                          + " names '"
                          + ref.task().orElseThrow()
                          + "', which is not a task in tasks"));
        }
      } else if (ref.isResult()) {
        String task = ref.task().orElseThrow();
        if ("finally".equals(ref.root())) {
          errs = errs.also(FieldErrors.of("", ref.text() + " is only allowed in pipeline results"));
        } else if (!dag.containsKey(task)) {
          errs =
              errs.also(
                  FieldErrors.of(
                      "",
                      ref.text()
                          + " names '"
                          + task
                          + "', which is not a task in tasks"
                          + (fin.containsKey(task) ? " (it is a finally task)" : "")));
        }
      }
    }
    return errs;
  }

  /** {@code validateGraph} ({@code dag.Build}) and {@code validateFinalTasks}' runAfter rule. */
  private static FieldErrors graph(
      JsonNode spec, Map<String, JsonNode> dag, Map<String, JsonNode> fin) {
    FieldErrors errs = FieldErrors.NONE;
    List<JsonNode> tasks = JsonNodes.list(spec.get("tasks"));
    for (int i = 0; i < tasks.size(); i++) {
      List<JsonNode> after = JsonNodes.list(tasks.get(i).get("runAfter"));
      for (int j = 0; j < after.size(); j++) {
        String name = after.get(j).asText();
        if (!dag.containsKey(name)) {
          errs =
              errs.also(
                  FieldErrors.of(
                      "tasks[" + i + "].runAfter[" + j + "]",
                      "runAfter names '"
                          + name
                          + "', which is not a task in tasks"
                          + (fin.containsKey(name) ? " (it is a finally task)" : "")));
        }
      }
    }
    List<JsonNode> finallyTasks = JsonNodes.list(spec.get("finally"));
    for (int i = 0; i < finallyTasks.size(); i++) {
      if (!JsonNodes.list(finallyTasks.get(i).get("runAfter")).isEmpty()) {
        errs =
            errs.also(
                FieldErrors.of(
                    "finally[" + i + "].runAfter", "finally tasks cannot have runAfter"));
      }
    }
    Map<String, List<String>> deps = new LinkedHashMap<>();
    dag.forEach((name, task) -> deps.put(name, TaskGraph.dependencies(task)));
    var cycle = TaskGraph.of(deps).cycle();
    if (cycle.isPresent()) {
      errs =
          errs.also(
              FieldErrors.of(
                  "tasks", "cycle in the task graph: " + String.join(" -> ", cycle.get())));
    }
    return errs;
  }

  /** {@code validatePipelineWorkspacesDeclarations}: non-empty, unique names. */
  private static FieldErrors workspaceDeclarations(JsonNode workspaces) {
    FieldErrors errs = FieldErrors.NONE;
    Set<String> seen = new HashSet<>();
    List<JsonNode> list = JsonNodes.list(workspaces);
    for (int i = 0; i < list.size(); i++) {
      String name = Nodes.text(list.get(i), "name");
      if (name == null) {
        continue;
      }
      if (name.isEmpty()) {
        errs = errs.also(FieldErrors.of("[" + i + "].name", "workspace name must not be empty"));
      } else if (!seen.add(name)) {
        errs =
            errs.also(
                FieldErrors.of("[" + i + "].name", "duplicate workspace name '" + name + "'"));
      }
    }
    return errs;
  }

  /** {@code validatePipelineResults}: each value reads task results, of tasks that exist. */
  private static FieldErrors results(
      JsonNode results, Map<String, JsonNode> dag, Map<String, JsonNode> fin) {
    FieldErrors errs = FieldErrors.NONE;
    List<JsonNode> list = JsonNodes.list(results);
    for (int i = 0; i < list.size(); i++) {
      String at = "[" + i + "].value";
      int refs = 0;
      for (Nodes.Str s : Nodes.strings(list.get(i).get("value"))) {
        String path = at + s.path();
        for (String expression : Reference.expressions(s.text())) {
          var ref = Reference.parse("$(" + expression + ")", 0);
          if (ref.isEmpty() || !ref.get().isResult()) {
            errs =
                errs.also(
                    FieldErrors.of(
                        path,
                        "pipeline result may only reference task results, not $("
                            + expression
                            + ")"));
            continue;
          }
          refs++;
          String task = ref.get().task().orElseThrow();
          Map<String, JsonNode> section = "tasks".equals(ref.get().root()) ? dag : fin;
          if (!section.containsKey(task)) {
            errs =
                errs.also(
                    FieldErrors.of(
                        path,
                        "$("
                            + expression
                            + ") names '"
                            + task
                            + "', which is not in "
                            + ref.get().root()));
          }
        }
      }
      if (refs == 0) {
        errs = errs.also(FieldErrors.of(at, "pipeline result value must reference a task result"));
      }
    }
    return errs;
  }

  /**
   * {@code validateMatrixedPipelineTaskConsumed}: a matrixed task's results only as {@code [*]}.
   */
  private static FieldErrors matrixedResults(JsonNode spec, Map<String, JsonNode> dag) {
    FieldErrors errs = FieldErrors.NONE;
    for (String section : SECTIONS) {
      List<JsonNode> list = JsonNodes.list(spec.get(section));
      for (int i = 0; i < list.size(); i++) {
        List<JsonNode> params = JsonNodes.list(list.get(i).get("params"));
        for (int j = 0; j < params.size(); j++) {
          for (Nodes.Str s : Nodes.strings(params.get(j).get("value"))) {
            for (Reference ref : Reference.find(s.text())) {
              JsonNode producer =
                  ref.isResult() && "tasks".equals(ref.root())
                      ? dag.get(ref.task().orElseThrow())
                      : null;
              if (producer != null && producer.hasNonNull("matrix") && !ref.whole()) {
                errs =
                    errs.also(
                        FieldErrors.of(
                            section + "[" + i + "].params[" + j + "].value" + s.path(),
                            "'"
                                + ref.task().orElseThrow()
                                + "' is matrixed: consume its result as $(tasks."
                                + ref.task().orElseThrow()
                                + ".results."
                                + ref.result()
                                + "[*])"));
              }
            }
          }
        }
      }
    }
    return errs;
  }

  /**
   * {@code validateArtifactReference}: {@code $(tasks.X.inputs|outputs.Y)} needs {@code
   * enable-artifacts}.
   */
  private static FieldErrors artifacts(JsonNode spec) {
    for (String section : SECTIONS) {
      List<JsonNode> list = JsonNodes.list(spec.get(section));
      for (int i = 0; i < list.size(); i++) {
        for (Nodes.Str s : Nodes.strings(list.get(i).get("params"))) {
          if (Reference.readsTaskArtifact(s.text())) {
            return FieldErrors.of(
                section + "[" + i + "].params" + s.path(),
                "artifacts need " + FeatureFlags.flag(FeatureFlags.ENABLE_ARTIFACTS, "true"));
          }
        }
      }
    }
    return FieldErrors.NONE;
  }
}
