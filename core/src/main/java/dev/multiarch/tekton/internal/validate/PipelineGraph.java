package dev.multiarch.tekton.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The dag of a Pipeline's tasks (runAfter plus result references); reports cycles (dag.go). */
public final class PipelineGraph {

  private final Findings f;
  private final YamlDocs.Doc doc;
  private final String path;
  private final Map<String, JsonNode> dag;

  PipelineGraph(Findings f, YamlDocs.Doc doc, String path, Map<String, JsonNode> dag) {
    this.f = f;
    this.doc = doc;
    this.path = path;
    this.dag = dag;
  }

  /** The tasks a pipeline task depends on: its runAfter plus the tasks whose results or status it reads. */
  public static Set<String> dependencies(JsonNode task) {
    Set<String> deps = new LinkedHashSet<>();
    Nodes.list(task.get("runAfter")).forEach(n -> deps.add(n.asText()));
    for (String field : List.of("params", "when", "matrix")) {
      for (Nodes.Str s : Nodes.strings(task.get(field), field)) {
        for (String expression : Nodes.expressions(s.text())) {
          Nodes.ResultRef ref = Nodes.resultRef(expression);
          if (ref != null && "tasks".equals(ref.section())) {
            deps.add(ref.task());
          }
        }
      }
    }
    return deps;
  }

  void checkCycles() {
    Map<String, Integer> state = new HashMap<>();
    for (String name : dag.keySet()) {
      List<String> trail = new ArrayList<>();
      if (visit(name, state, trail)) {
        f.add(doc, path + ".tasks", "cycle in the task graph: " + String.join(" -> ", trail));
        return;
      }
    }
  }

  /** Depth-first search; true when a cycle is found, with {@code trail} holding it. */
  private boolean visit(String name, Map<String, Integer> state, List<String> trail) {
    Integer s = state.get(name);
    if (s != null && s == 2) {
      return false;
    }
    trail.add(name);
    if (s != null && s == 1) {
      trail.subList(0, trail.indexOf(name)).clear();
      return true;
    }
    state.put(name, 1);
    for (String dep : dependencies(dag.get(name))) {
      if (dag.containsKey(dep) && visit(dep, state, trail)) {
        return true;
      }
    }
    state.put(name, 2);
    trail.remove(trail.size() - 1);
    return false;
  }
}
