package dev.multiarch.tekton.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tekton's Pipeline admission rules (pipeline_validation.go and friends) applied to one PipelineSpec. */
final class PipelineRules {

  static final Set<String> PIPELINE_CONTEXT = Set.of("context.pipelineRun.name", "context.pipelineRun.namespace",
      "context.pipelineRun.uid", "context.pipeline.name", "context.pipelineTask.retries");
  private static final Set<String> ROOTS = Set.of("params", "tasks", "finally", "context", "workspaces", "results");

  private final Findings f;
  private final YamlDocs.Doc doc;
  private final JsonNode spec;
  private final String path;
  private final Map<String, JsonNode> dag = new LinkedHashMap<>();
  private final Map<String, JsonNode> fin = new LinkedHashMap<>();
  private Map<String, JsonNode> params = Map.of();
  private Set<String> workspaces = Set.of();

  private PipelineRules(Findings f, YamlDocs.Doc doc, JsonNode spec, String path) {
    this.f = f;
    this.doc = doc;
    this.spec = spec;
    this.path = path;
  }

  static void checkSpec(Findings f, YamlDocs.Doc doc, JsonNode spec, String path) {
    new PipelineRules(f, doc, spec, path).check();
  }

  private void check() {
    if (Nodes.list(spec.get("tasks")).isEmpty()) {
      f.add(doc, path + ".tasks", "expected at least one task, got none");
    }
    params = ParamRules.declarations(f, doc, spec.get("params"), path + ".params");
    workspaces = declaredWorkspaces();
    names("tasks", dag, new HashSet<>());
    names("finally", fin, new HashSet<>(dag.keySet()));
    section("tasks", false);
    section("finally", true);
    new PipelineGraph(f, doc, path, dag).checkCycles();
    results();
  }

  private Set<String> declaredWorkspaces() {
    Set<String> seen = new HashSet<>();
    int i = 0;
    for (JsonNode ws : Nodes.list(spec.get("workspaces"))) {
      String name = Nodes.text(ws, "name");
      String at = path + ".workspaces[" + i++ + "].name";
      if (name == null) {
        continue; // reported by the structure check
      }
      if (name.isEmpty()) {
        f.add(doc, at, "workspace name must not be empty");
      } else if (!seen.add(name)) {
        f.add(doc, at, "duplicate workspace name '" + name + "'");
      }
    }
    return seen;
  }

  private void names(String section, Map<String, JsonNode> into, Set<String> taken) {
    int i = 0;
    for (JsonNode task : Nodes.list(spec.get(section))) {
      String at = path + "." + section + "[" + i++ + "].name";
      String name = Nodes.text(task, "name");
      if (name == null || !Nodes.DNS_LABEL.matcher(name).matches() || name.length() > 63) {
        f.add(doc, at, "pipeline task name '" + name + "' must be a DNS-1123 label (lower case, digits, '-', <= 63)");
      }
      if (name != null && (taken.contains(name) || into.containsKey(name))) {
        f.add(doc, at, "duplicate pipeline task name '" + name + "' across tasks and finally");
      }
      if (name != null) {
        into.putIfAbsent(name, task);
      }
    }
  }

  private void section(String section, boolean isFinally) {
    List<JsonNode> tasks = Nodes.list(spec.get(section));
    for (int i = 0; i < tasks.size(); i++) {
      JsonNode task = tasks.get(i);
      String at = path + "." + section + "[" + i + "]";
      refOrSpec(task, at);
      runAfter(task, at, isFinally);
      taskWorkspaces(task, at);
      TaskRules.unique(f, doc, task.get("params"), at + ".params", "name", "param name");
      new PipelineTaskExpressions(f, doc, task, at, params, dag, isFinally).check();
      when(task, at);
      new MatrixRules(f, doc, task, at, params).check();
      onError(task, at);
      if (task.has("taskSpec") && task.get("taskSpec").has("steps")) {
        TaskRules.checkSpec(f, doc, task.get("taskSpec"), at + ".taskSpec", params, PIPELINE_CONTEXT);
        ProjectRules.privileged(f, doc, task.get("taskSpec"), at + ".taskSpec", task.get("taskSpec").path("metadata"));
      }
    }
  }

  private void refOrSpec(JsonNode task, String at) {
    boolean ref = task.has("taskRef");
    boolean inline = task.has("taskSpec");
    if (task.has("pipelineRef") || task.has("pipelineSpec")) {
      if (!f.alpha()) {
        f.add(doc, at, "pipelineRef/pipelineSpec in a pipeline task need enable-api-fields=alpha");
      } else if (ref || inline || (task.has("pipelineRef") && task.has("pipelineSpec"))) {
        f.add(doc, at, "expected exactly one of taskRef, taskSpec, pipelineRef or pipelineSpec");
      }
    } else if (ref == inline) {
      f.add(doc, at, "expected exactly one of taskRef or taskSpec");
    }
    if (ref) {
      RefRules.check(f, doc, task.get("taskRef"), at + ".taskRef");
    }
    if (inline && task.get("taskSpec").has("steps")
        && (task.get("taskSpec").has("apiVersion") || task.get("taskSpec").has("kind"))) {
      f.add(doc, at + ".taskSpec", "a taskSpec with steps must not set apiVersion or kind");
    }
  }

  private void runAfter(JsonNode task, String at, boolean isFinally) {
    List<JsonNode> after = Nodes.list(task.get("runAfter"));
    if (isFinally && !after.isEmpty()) {
      f.add(doc, at + ".runAfter", "finally tasks cannot have runAfter");
      return;
    }
    for (int j = 0; j < after.size(); j++) {
      String name = after.get(j).asText();
      if (!dag.containsKey(name)) {
        f.add(doc, at + ".runAfter[" + j + "]", "runAfter names '" + name + "', which is not a task in tasks"
            + (fin.containsKey(name) ? " (it is a finally task)" : ""));
      }
    }
  }

  private void taskWorkspaces(JsonNode task, String at) {
    Set<String> bound = new HashSet<>();
    int j = 0;
    for (JsonNode binding : Nodes.list(task.get("workspaces"))) {
      String where = at + ".workspaces[" + j++ + "]";
      String name = Nodes.text(binding, "name");
      String target = binding.hasNonNull("workspace") ? binding.get("workspace").asText() : name;
      if (name != null && !bound.add(name)) {
        f.add(doc, where + ".name", "duplicate workspace binding '" + name + "'");
      }
      if (target != null && !workspaces.contains(target)) {
        f.add(doc, where + ".workspace", "binds pipeline workspace '" + target + "', which is not declared in"
            + " spec.workspaces " + workspaces);
      }
    }
  }

  private void when(JsonNode task, String at) {
    List<JsonNode> whens = Nodes.list(task.get("when"));
    for (int j = 0; j < whens.size(); j++) {
      JsonNode w = whens.get(j);
      String where = at + ".when[" + j + "]";
      if (w.has("cel")) {
        if (w.has("input") || w.has("operator") || w.has("values")) {
          f.add(doc, where, "cel excludes input, operator and values");
        }
        continue;
      }
      if (w.path("input").asText("").isEmpty()) {
        f.add(doc, where + ".input", "when input must not be empty");
      }
      if (!Set.of("in", "notin").contains(w.path("operator").asText())) {
        f.add(doc, where + ".operator", "when operator must be in or notin");
      }
      if (Nodes.list(w.get("values")).isEmpty()) {
        f.add(doc, where + ".values", "when values must not be empty");
      }
    }
  }

  private void onError(JsonNode task, String at) {
    String onError = Nodes.text(task, "onError");
    if (onError == null) {
      return;
    }
    if (!Set.of("continue", "stopAndFail").contains(onError)) {
      f.add(doc, at + ".onError", "onError must be continue or stopAndFail, got '" + onError + "'");
    } else if ("continue".equals(onError) && task.path("retries").asInt(0) > 0) {
      f.add(doc, at + ".onError", "onError continue cannot be combined with retries");
    }
  }

  private void results() {
    List<JsonNode> results = Nodes.list(spec.get("results"));
    for (int i = 0; i < results.size(); i++) {
      String at = path + ".results[" + i + "].value";
      List<Nodes.Str> values = Nodes.strings(results.get(i).get("value"), at);
      List<Nodes.ResultRef> refs = new ArrayList<>();
      for (Nodes.Str s : values) {
        for (String expression : Nodes.expressions(s.text())) {
          Nodes.ResultRef ref = Nodes.resultRef(expression);
          if (ref == null) {
            f.add(doc, s.path(), "pipeline result may only reference task results, not $(" + expression + ")");
            continue;
          }
          refs.add(ref);
          Map<String, JsonNode> tasks = "tasks".equals(ref.section()) ? dag : fin;
          if (!tasks.containsKey(ref.task())) {
            f.add(doc, s.path(), "$(" + expression + ") names '" + ref.task() + "', which is not in "
                + ref.section());
          }
        }
      }
      if (refs.isEmpty()) {
        f.add(doc, at, "pipeline result value must reference a task result");
      }
    }
  }

  /** Every {@code $(...)} in params, when and matrix starts with one of Tekton's known roots. */
  static void roots(Findings f, YamlDocs.Doc doc, Nodes.Str s, String expression) {
    String root = expression.split("[.\\[]", 2)[0];
    if (!ROOTS.contains(root)) {
      f.add(doc, s.path(), "$(" + expression + ") must start with one of " + new LinkedHashSet<>(List.of(
          "params", "tasks", "finally", "context", "workspaces", "results")));
    }
  }
}
