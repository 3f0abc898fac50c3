package dev.multiarch.tekton.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The graph of a Pipeline's {@code tasks} (Tekton's {@code pkg/reconciler/pipeline/dag}): each task
 * depends on the tasks in its {@code runAfter} and on those whose results its params, matrix, when
 * expressions or inline steps read ({@code PipelineTask.Deps}). {@code finally} tasks are not in
 * it.
 */
public final class TaskGraph {

  private final Map<String, List<String>> dependencies;

  private TaskGraph(Map<String, List<String>> dependencies) {
    this.dependencies = dependencies;
  }

  /** A graph of tasks, each with the tasks it depends on, in the Pipeline's order. */
  public static TaskGraph of(Map<String, List<String>> dependencies) {
    return new TaskGraph(dependencies);
  }

  /**
   * The tasks a pipeline task depends on: its {@code runAfter}, then the tasks whose results {@code
   * texts} read.
   */
  public static List<String> dependencies(List<String> runAfter, Iterable<String> texts) {
    Set<String> deps = new LinkedHashSet<>(runAfter);
    for (String text : texts) {
      for (Reference reference : Reference.find(text)) {
        if ("tasks".equals(reference.root()) && reference.isResult()) {
          deps.add(reference.task().orElseThrow());
        }
      }
    }
    return List.copyOf(deps);
  }

  /**
   * The tasks a pipeline task (its YAML or JSON tree) depends on, by {@code PipelineTask.Deps}: its
   * {@code runAfter}, then the tasks whose results the strings of its params, when expressions,
   * matrix or inline steps read. The one copy of the rule for the validator, run-local and the
   * drawn graph.
   */
  public static List<String> dependencies(JsonNode pipelineTask) {
    List<String> runAfter =
        JsonNodes.list(pipelineTask.get("runAfter")).stream().map(JsonNode::asText).toList();
    List<String> texts = new ArrayList<>();
    for (String field : List.of("params", "when", "matrix")) {
      strings(pipelineTask.get(field), texts);
    }
    strings(pipelineTask.path("taskSpec").get("steps"), texts);
    return dependencies(runAfter, texts);
  }

  private static void strings(JsonNode node, List<String> out) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      if (node.asText().contains("$(")) {
        out.add(node.asText());
      }
    } else if (node.isContainerNode()) {
      node.forEach(child -> strings(child, out));
    }
  }

  /** A cycle, as the tasks on it with the first repeated at the end, if there is one. */
  public Optional<List<String>> cycle() {
    Map<String, Integer> state = new HashMap<>();
    for (String name : dependencies.keySet()) {
      List<String> trail = new ArrayList<>();
      if (visit(name, state, trail)) {
        return Optional.of(List.copyOf(trail));
      }
    }
    return Optional.empty();
  }

  /**
   * Every task, each after the tasks it depends on; among tasks that are ready together, the
   * Pipeline's order (Kahn's algorithm). Dependencies on names outside the graph are ignored:
   * {@link #cycle()} and the callers' own checks report them.
   *
   * @throws IllegalStateException when the tasks depend on each other in a cycle
   */
  public List<String> order() {
    List<String> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    List<String> waiting = new ArrayList<>(dependencies.keySet());
    while (!waiting.isEmpty()) {
      String ready =
          waiting.stream()
              .filter(
                  t ->
                      dependencies.get(t).stream()
                          .allMatch(d -> done.contains(d) || !dependencies.containsKey(d)))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "its tasks depend on each other in a cycle: "
                              + String.join(", ", waiting)));
      ordered.add(ready);
      done.add(ready);
      waiting.remove(ready);
    }
    return ordered;
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
    for (String dep : dependencies.get(name)) {
      if (dependencies.containsKey(dep) && visit(dep, state, trail)) {
        return true;
      }
    }
    state.put(name, 2);
    trail.remove(trail.size() - 1);
    return false;
  }
}
