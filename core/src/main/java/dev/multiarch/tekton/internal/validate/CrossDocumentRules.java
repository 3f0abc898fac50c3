package dev.multiarch.tekton.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Tekton's reconciler checks once it resolves a pipeline task's Task: params exist and required ones are
 * passed, result references name declared results, required workspaces are bound.
 */
final class CrossDocumentRules {

  private final Findings f;
  private final YamlDocs.Doc doc;
  private final Map<String, JsonNode> tasksInSet;
  private final Map<String, JsonNode> specs = new HashMap<>();

  private CrossDocumentRules(Findings f, YamlDocs.Doc doc, Map<String, JsonNode> tasksInSet) {
    this.f = f;
    this.doc = doc;
    this.tasksInSet = tasksInSet;
  }

  /** Checks a Pipeline document against the Tasks of the set, by name. */
  static void check(Findings f, YamlDocs.Doc pipeline, Map<String, JsonNode> tasksInSet) {
    new CrossDocumentRules(f, pipeline, tasksInSet).check(pipeline.root().path("spec"));
  }

  private void check(JsonNode spec) {
    for (String section : List.of("tasks", "finally")) {
      List<JsonNode> tasks = Nodes.list(spec.get(section));
      for (int i = 0; i < tasks.size(); i++) {
        JsonNode task = tasks.get(i);
        JsonNode taskSpec = resolve(task, "spec." + section + "[" + i + "]");
        if (taskSpec != null) {
          specs.put(Nodes.text(task, "name"), taskSpec);
          fits(task, taskSpec, "spec." + section + "[" + i + "]");
        }
      }
    }
    for (Nodes.Str s : Nodes.strings(spec, "spec")) {
      for (String expression : Nodes.expressions(s.text())) {
        Nodes.ResultRef ref = Nodes.resultRef(expression);
        if (ref != null && specs.containsKey(ref.task()) && !s.path().contains(".taskSpec.")) {
          resultDeclared(s, expression, ref, spec);
        }
      }
    }
  }

  private JsonNode resolve(JsonNode task, String at) {
    if (task.has("taskSpec")) {
      return task.get("taskSpec");
    }
    JsonNode ref = task.path("taskRef");
    boolean plainTask = !ref.has("resolver") && !ref.has("apiVersion") && "Task".equals(ref.path("kind").asText("Task"));
    if (!plainTask || !ref.hasNonNull("name")) {
      return null;
    }
    String name = ref.path("name").asText();
    JsonNode resolved = tasksInSet.get(name);
    if (resolved == null && !tasksInSet.isEmpty()) {
      f.add(doc, at + ".taskRef.name", "Task '" + name + "' is not in the set " + tasksInSet.keySet());
    }
    return resolved == null ? null : resolved.path("spec");
  }

  private void fits(JsonNode task, JsonNode taskSpec, String at) {
    String taskName = task.has("taskRef") ? "Task '" + task.path("taskRef").path("name").asText() + "'" : "taskSpec";
    Set<String> declared = new HashSet<>();
    Nodes.list(taskSpec.get("params")).forEach(p -> declared.add(Nodes.text(p, "name")));
    Set<String> passed = new LinkedHashSet<>();
    passed(task.get("params"), at + ".params", declared, taskName, passed);
    passed(task.path("matrix").get("params"), at + ".matrix.params", declared, taskName, passed);
    List<JsonNode> includes = Nodes.list(task.path("matrix").get("include"));
    for (int i = 0; i < includes.size(); i++) {
      passed(includes.get(i).get("params"), at + ".matrix.include[" + i + "].params", declared, taskName, passed);
    }
    for (JsonNode p : Nodes.list(taskSpec.get("params"))) {
      String name = Nodes.text(p, "name");
      if (name != null && !p.has("default") && !passed.contains(name) && !task.has("taskSpec")) {
        f.add(doc, at + ".params", "required param '" + name + "' of " + taskName + " is not passed");
      }
    }
    Set<String> bound = new HashSet<>();
    Nodes.list(task.get("workspaces")).forEach(w -> bound.add(Nodes.text(w, "name")));
    Set<String> taskWorkspaces = new HashSet<>();
    for (JsonNode ws : Nodes.list(taskSpec.get("workspaces"))) {
      String name = Nodes.text(ws, "name");
      taskWorkspaces.add(name);
      if (!ws.path("optional").asBoolean(false) && !bound.contains(name)) {
        f.add(doc, at + ".workspaces", "required workspace '" + name + "' of " + taskName + " is not bound");
      }
    }
    List<JsonNode> bindings = Nodes.list(task.get("workspaces"));
    for (int i = 0; i < bindings.size(); i++) {
      String name = Nodes.text(bindings.get(i), "name");
      if (!taskWorkspaces.contains(name)) {
        f.add(doc, at + ".workspaces[" + i + "].name", taskName + " declares no workspace '" + name + "'");
      }
    }
  }

  private void passed(JsonNode params, String at, Set<String> declared, String taskName, Set<String> passed) {
    List<JsonNode> list = Nodes.list(params);
    for (int i = 0; i < list.size(); i++) {
      String name = Nodes.text(list.get(i), "name");
      passed.add(name);
      if (!declared.contains(name)) {
        f.add(doc, at + "[" + i + "].name", taskName + " declares no param '" + name + "'");
      }
    }
  }

  private void resultDeclared(Nodes.Str s, String expression, Nodes.ResultRef ref, JsonNode pipelineSpec) {
    JsonNode result = null;
    for (JsonNode r : Nodes.list(specs.get(ref.task()).get("results"))) {
      if (ref.result().equals(Nodes.text(r, "name"))) {
        result = r;
      }
    }
    if (result == null) {
      f.add(doc, s.path(), "$(" + expression + "): task '" + ref.task() + "' declares no result '" + ref.result() + "'");
      return;
    }
    boolean matrixed = false;
    for (JsonNode t : Nodes.list(pipelineSpec.get(ref.section()))) {
      matrixed |= ref.task().equals(Nodes.text(t, "name")) && t.has("matrix");
    }
    if (matrixed && !"string".equals(result.path("type").asText("string"))) {
      f.add(doc, s.path(), "results of matrixed task '" + ref.task() + "' must be string-typed");
    }
  }
}
