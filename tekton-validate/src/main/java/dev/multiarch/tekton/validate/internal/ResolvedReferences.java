package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.model.ParamFit;
import dev.multiarch.tekton.model.Reference;
import dev.multiarch.tekton.text.Suggestions;
import dev.multiarch.tekton.validate.FieldErrors;
import dev.multiarch.tekton.validate.YamlDocs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Tekton's reconciler checks once it has resolved a reference, for the references this set can
 * resolve: a pipeline task's {@code taskRef}, a PipelineRun's {@code pipelineRef}, a TaskRun's
 * {@code taskRef}, a step's StepAction {@code ref} ({@code ValidateResolvedTask}, {@code
 * ValidateRequiredParametersProvided}, {@code ValidateParamTypesMatching}, {@code
 * ValidateWorkspaceBindings}, result references of declared results). A name the set does not
 * define is resolved on the cluster and is no problem; a name it defines twice, differently, is
 * reported as ambiguous instead of being checked against either. Paths relative to the spec.
 */
final class ResolvedReferences {

  /** The documents of the set by kind and name, each name with its distinct definitions. */
  static final class Catalog {

    private final Map<String, Map<String, List<YamlDocs.Doc>>> byKind = new LinkedHashMap<>();

    Catalog(List<YamlDocs.Doc> docs) {
      for (YamlDocs.Doc doc : docs) {
        List<YamlDocs.Doc> same =
            byKind
                .computeIfAbsent(doc.kind(), k -> new LinkedHashMap<>())
                .computeIfAbsent(doc.name(), n -> new ArrayList<>());
        if (same.stream().noneMatch(d -> d.root().path("spec").equals(doc.root().path("spec")))) {
          same.add(doc);
        }
      }
    }

    List<YamlDocs.Doc> find(String kind, String name) {
      return byKind.getOrDefault(kind, Map.of()).getOrDefault(name, List.of());
    }

    // Indexed once per kind: a reference asks for a suggestion each time it finds no name.
    private final Map<String, Suggestions.Index> names = new HashMap<>();

    Suggestions.Index names(String kind) {
      return names.computeIfAbsent(
          kind, k -> Suggestions.Index.of(List.copyOf(byKind.getOrDefault(k, Map.of()).keySet())));
    }
  }

  private ResolvedReferences() {}

  /**
   * Resolves {@code ref} ({@code {name: x}}) to a document of the set, or reports why it is not
   * checked: empty and no problem when the set does not define it, a project finding when the set
   * defines it twice differently or defines a name one typo away. Paths relative to the ref.
   */
  static Resolved resolve(JsonNode ref, String kind, Catalog catalog) {
    String name = Nodes.text(ref, "name");
    if (name == null
        || ref.hasNonNull("resolver")
        || ref.has("apiVersion")
        || !kind.equals(ref.path("kind").asText(kind))) {
      return new Resolved(null, FieldErrors.NONE);
    }
    List<YamlDocs.Doc> found = catalog.find(kind, name);
    if (found.size() == 1) {
      return new Resolved(found.get(0).root().path("spec"), FieldErrors.NONE);
    }
    if (found.size() > 1) {
      List<String> where = found.stream().map(d -> d.source() + ":" + d.line("")).toList();
      return new Resolved(
          null,
          FieldErrors.project(
              "name",
              kind
                  + " '"
                  + name
                  + "' is defined "
                  + found.size()
                  + " times in the set, differently ("
                  + String.join(", ", where)
                  + "); not checked against either"));
    }
    String hint = catalog.names(kind).didYouMean(name).strip();
    return new Resolved(
        null,
        hint.isEmpty()
            ? FieldErrors.NONE
            : FieldErrors.project(
                "name",
                kind
                    + " '"
                    + name
                    + "' is not in the set; "
                    + hint
                    + " (fine if the cluster has it)"));
  }

  /** A resolved spec (or null) and what resolving it found. */
  record Resolved(JsonNode spec, FieldErrors errs) {}

  /** A Pipeline's tasks against the Tasks (and StepActions) of the set. */
  static FieldErrors pipeline(JsonNode spec, Catalog catalog) {
    FieldErrors errs = FieldErrors.NONE;
    Map<String, JsonNode> resolved = new LinkedHashMap<>();
    Map<String, JsonNode> matrixed = new LinkedHashMap<>();
    for (String section : List.of("tasks", "finally")) {
      List<JsonNode> tasks = JsonNodes.list(spec.get(section));
      for (int i = 0; i < tasks.size(); i++) {
        JsonNode task = tasks.get(i);
        JsonNode taskSpec = null;
        if (task.has("taskRef")) {
          Resolved r = resolve(task.get("taskRef"), "Task", catalog);
          errs = errs.also(r.errs().viaField("taskRef").viaFieldIndex(section, i));
          taskSpec = r.spec();
          if (taskSpec != null) {
            String what = "Task '" + task.path("taskRef").path("name").asText() + "'";
            errs = errs.also(fits(task, taskSpec, what).viaFieldIndex(section, i));
          }
        } else if (task.path("taskSpec").has("steps")) {
          taskSpec = task.get("taskSpec");
        }
        if (taskSpec != null) {
          errs =
              errs.also(
                  steps(taskSpec, catalog)
                      .viaField(task.has("taskSpec") ? "taskSpec" : "")
                      .viaFieldIndex(section, i));
          String name = Nodes.text(task, "name");
          if (name != null) {
            resolved.put(name, taskSpec);
            if (task.hasNonNull("matrix")) {
              matrixed.put(name, task);
            }
          }
        }
      }
    }
    for (String section : List.of("tasks", "finally")) {
      List<JsonNode> tasks = JsonNodes.list(spec.get(section));
      for (int i = 0; i < tasks.size(); i++) {
        for (String field : List.of("params", "when", "matrix")) {
          for (Nodes.Str s : Nodes.strings(tasks.get(i).get(field))) {
            String path =
                s.path().isEmpty() || s.path().startsWith("[")
                    ? field + s.path()
                    : field + "." + s.path();
            errs =
                errs.also(
                    results(s.text(), resolved, matrixed).viaField(path).viaFieldIndex(section, i));
          }
        }
      }
    }
    List<JsonNode> results = JsonNodes.list(spec.get("results"));
    for (int i = 0; i < results.size(); i++) {
      for (Nodes.Str s : Nodes.strings(results.get(i).get("value"))) {
        errs =
            errs.also(
                results(s.text(), resolved, Map.of())
                    .viaField("value" + s.path())
                    .viaFieldIndex("results", i));
      }
    }
    return errs;
  }

  /**
   * The fit of a pipeline task with its Task: params, their types, workspaces. Paths relative to
   * the task.
   */
  private static FieldErrors fits(JsonNode task, JsonNode taskSpec, String what) {
    FieldErrors errs = FieldErrors.NONE;
    List<ParamFit.Declared> declared = declared(taskSpec.get("params"));
    List<ParamFit.Passed> passed = new ArrayList<>(passed(task.get("params")));
    JsonNodes.list(task.path("matrix").get("params"))
        .forEach(p -> passed.add(new ParamFit.Passed(Nodes.text(p, "name"), "string")));
    for (JsonNode include : JsonNodes.list(task.path("matrix").get("include"))) {
      JsonNodes.list(include.get("params"))
          .forEach(p -> passed.add(new ParamFit.Passed(Nodes.text(p, "name"), "string")));
    }
    for (ParamFit.Misfit misfit : ParamFit.check(declared, passed)) {
      int at = indexOf(task.get("params"), misfit.name());
      errs =
          errs.also(
              FieldErrors.of(
                  at < 0 ? "params" : "params[" + at + "].value", misfit.describe(what)));
    }
    errs = errs.also(undeclared(task.get("params"), declared, what).viaField("params"));
    errs =
        errs.also(
            undeclared(task.path("matrix").get("params"), declared, what)
                .viaField("matrix.params"));
    errs = errs.also(workspaces(task.get("workspaces"), taskSpec.get("workspaces"), what));
    return errs;
  }

  private static FieldErrors undeclared(
      JsonNode params, List<ParamFit.Declared> declared, String what) {
    Set<String> names = new HashSet<>();
    declared.forEach(d -> names.add(d.name()));
    FieldErrors errs = FieldErrors.NONE;
    List<JsonNode> list = JsonNodes.list(params);
    for (int i = 0; i < list.size(); i++) {
      String name = Nodes.text(list.get(i), "name");
      if (name != null && !names.contains(name)) {
        errs =
            errs.also(
                FieldErrors.project(
                    "[" + i + "].name",
                    what + " declares no param '" + name + "' (Tekton ignores it; a typo?)"));
      }
    }
    return errs;
  }

  /**
   * Required workspaces bound, bindings naming declared workspaces. Paths relative to the run or
   * task.
   */
  private static FieldErrors workspaces(JsonNode bindings, JsonNode declared, String what) {
    FieldErrors errs = FieldErrors.NONE;
    Set<String> bound = TaskValidation.names(bindings);
    Set<String> names = new HashSet<>();
    for (JsonNode ws : JsonNodes.list(declared)) {
      String name = Nodes.text(ws, "name");
      names.add(name);
      if (!ws.path("optional").asBoolean(false) && !bound.contains(name)) {
        errs =
            errs.also(
                FieldErrors.of(
                    "workspaces",
                    "required workspace '" + name + "' of " + what + " is not bound"));
      }
    }
    List<JsonNode> list = JsonNodes.list(bindings);
    for (int i = 0; i < list.size(); i++) {
      String name = Nodes.text(list.get(i), "name");
      if (name != null && !names.contains(name)) {
        errs =
            errs.also(
                FieldErrors.of(
                    "workspaces[" + i + "].name", what + " declares no workspace '" + name + "'"));
      }
    }
    return errs;
  }

  /**
   * Result references to resolved tasks name declared results; a matrixed task's are string-typed.
   */
  private static FieldErrors results(
      String text, Map<String, JsonNode> resolved, Map<String, JsonNode> matrixed) {
    FieldErrors errs = FieldErrors.NONE;
    for (Reference ref : Reference.find(text)) {
      if (!ref.isResult()) {
        continue;
      }
      JsonNode spec = resolved.get(ref.task().orElseThrow());
      if (spec == null) {
        continue;
      }
      JsonNode result = null;
      for (JsonNode r : JsonNodes.list(spec.get("results"))) {
        if (ref.result().equals(Nodes.text(r, "name"))) {
          result = r;
        }
      }
      if (result == null) {
        errs =
            errs.also(
                FieldErrors.of(
                    "",
                    ref.text()
                        + ": task '"
                        + ref.task().orElseThrow()
                        + "' declares no result '"
                        + ref.result()
                        + "'"));
      } else if (matrixed.containsKey(ref.task().orElseThrow())
          && !"string".equals(result.path("type").asText("string"))) {
        errs =
            errs.also(
                FieldErrors.of(
                    "",
                    "results of matrixed task '"
                        + ref.task().orElseThrow()
                        + "' must be string-typed"));
      }
    }
    return errs;
  }

  /**
   * A PipelineRun (or TaskRun) against the Pipeline (or Task) it references: params, their types,
   * workspaces.
   */
  static FieldErrors run(JsonNode spec, JsonNode referenced, String what) {
    FieldErrors errs = FieldErrors.NONE;
    for (ParamFit.Misfit misfit :
        ParamFit.check(declared(referenced.get("params")), passed(spec.get("params")))) {
      int at = indexOf(spec.get("params"), misfit.name());
      errs =
          errs.also(
              FieldErrors.of(
                  at < 0 ? "params" : "params[" + at + "].value",
                  misfit.missing()
                      ? "required "
                          + what.split(" ", -1)[0]
                          + " param '"
                          + misfit.name()
                          + "' is not passed"
                      : misfit.describe(what)));
    }
    for (JsonNode ws : JsonNodes.list(referenced.get("workspaces"))) {
      String name = Nodes.text(ws, "name");
      if (!ws.path("optional").asBoolean(false)
          && !TaskValidation.names(spec.get("workspaces")).contains(name)) {
        errs =
            errs.also(
                FieldErrors.of(
                    "workspaces",
                    what.split(" ", -1)[0] + " workspace '" + name + "' is not bound"));
      }
    }
    return errs;
  }

  /**
   * The steps of a Task that reference a StepAction of the set pass its required params, of its
   * types.
   */
  static FieldErrors steps(JsonNode taskSpec, Catalog catalog) {
    FieldErrors errs = FieldErrors.NONE;
    List<JsonNode> steps = JsonNodes.list(taskSpec.get("steps"));
    for (int i = 0; i < steps.size(); i++) {
      JsonNode ref = steps.get(i).get("ref");
      if (ref == null) {
        continue;
      }
      Resolved r = resolve(ref, "StepAction", catalog);
      errs = errs.also(r.errs().viaField("ref").viaFieldIndex("steps", i));
      if (r.spec() != null) {
        String what = "StepAction '" + ref.path("name").asText() + "'";
        for (ParamFit.Misfit misfit :
            ParamFit.check(declared(r.spec().get("params")), passed(steps.get(i).get("params")))) {
          errs = errs.also(FieldErrors.of("steps[" + i + "].params", misfit.describe(what)));
        }
      }
    }
    return errs;
  }

  static List<ParamFit.Declared> declared(JsonNode params) {
    List<ParamFit.Declared> out = new ArrayList<>();
    for (JsonNode p : JsonNodes.list(params)) {
      String name = Nodes.text(p, "name");
      if (name != null) {
        out.add(new ParamFit.Declared(name, Nodes.paramType(p), p.has("default")));
      }
    }
    return out;
  }

  /**
   * Passed params with the types of their values; a reference whose type is not known here has an
   * empty type.
   */
  static List<ParamFit.Passed> passed(JsonNode params) {
    List<ParamFit.Passed> out = new ArrayList<>();
    for (JsonNode p : JsonNodes.list(params)) {
      String name = Nodes.text(p, "name");
      JsonNode value = p.get("value");
      if (name == null) {
        continue;
      }
      String type = value == null || value.isNull() ? "string" : Nodes.typeOf(value);
      var isolated =
          "string".equals(type)
              ? Reference.isolated(value.asText())
              : java.util.Optional.<Reference>empty();
      if (isolated.isPresent() && (isolated.get().whole() || isolated.get().index().isEmpty())) {
        // $(params.x), $(tasks.t.results.r[*]): a string, an array or an object, as what it names
        // is.
        type = "";
      }
      out.add(new ParamFit.Passed(name, type));
    }
    return out;
  }

  private static int indexOf(JsonNode params, String name) {
    List<JsonNode> list = JsonNodes.list(params);
    for (int i = 0; i < list.size(); i++) {
      if (name.equals(Nodes.text(list.get(i), "name"))) {
        return i;
      }
    }
    return -1;
  }
}
