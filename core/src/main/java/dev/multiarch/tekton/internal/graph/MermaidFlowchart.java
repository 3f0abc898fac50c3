package dev.multiarch.tekton.internal.graph;

import static dev.multiarch.tekton.model.JsonNodes.list;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multiarch.tekton.model.Reference;
import dev.multiarch.tekton.model.TaskGraph;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Pipeline as a Mermaid flowchart: one node per task, a matrixed task as a subgraph of one node
 * per combination (the per-platform fan-out, with the values its params default to), edges from
 * runAfter and result references (Tekton's own dependency rule, {@link
 * TaskGraph#dependencies(JsonNode)}), and the finally tasks in a subgraph reached from the tasks
 * nothing else waits for.
 */
public final class MermaidFlowchart {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Pipeline pipeline;
  private final StringBuilder out = new StringBuilder();

  private MermaidFlowchart(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** The flowchart's text, ending with a line break. */
  public static String render(Pipeline pipeline) {
    return new MermaidFlowchart(pipeline).render();
  }

  private String render() {
    List<PipelineTask> tasks = list(pipeline.getSpec().getTasks());
    List<PipelineTask> finallyTasks = list(pipeline.getSpec().getFinally());
    out.append("flowchart LR\n");
    Map<String, List<String>> nodes = new LinkedHashMap<>();
    for (PipelineTask task : tasks) {
      nodes.put(task.getName(), declare(task, "  "));
    }
    Set<String> waitedFor = new LinkedHashSet<>();
    // The edges come from the validator's one dependency rule (Tekton's PipelineTask.Deps), which
    // reads the JSON
    // tree because validate applies it to documents that need not bind to fabric8's model. Walking
    // fabric8's types
    // here instead would be a second copy of that rule to drift, so the tasks are converted once,
    // as one tree.
    JsonNode tree = JSON.valueToTree(tasks);
    for (int i = 0; i < tasks.size(); i++) {
      PipelineTask task = tasks.get(i);
      for (String dependency : TaskGraph.dependencies(tree.get(i))) {
        if (!nodes.containsKey(dependency)) {
          continue;
        }
        waitedFor.add(dependency);
        for (String from : nodes.get(dependency)) {
          for (String to : nodes.get(task.getName())) {
            out.append("  ").append(from).append(" --> ").append(to).append('\n');
          }
        }
      }
    }
    if (!finallyTasks.isEmpty()) {
      out.append("  subgraph finally_tasks[\"finally: whatever happened\"]\n");
      for (PipelineTask task : finallyTasks) {
        declare(task, "    ");
      }
      out.append("  end\n");
      for (PipelineTask task : tasks) {
        if (!waitedFor.contains(task.getName())) {
          for (String from : nodes.get(task.getName())) {
            out.append("  ").append(from).append(" -.-> finally_tasks\n");
          }
        }
      }
    }
    return out.toString();
  }

  /** Writes the task's node, or its matrix subgraph, and returns the ids of its nodes. */
  private List<String> declare(PipelineTask task, String indent) {
    String id = id(task.getName());
    String label =
        task.getName()
            + "<br/>"
            + (task.getTaskRef() != null ? "Task " + task.getTaskRef().getName() : "inline task");
    List<List<String>> combinations = combinations(task);
    if (combinations.isEmpty()) {
      out.append(indent).append(id).append("[\"").append(escape(label)).append("\"]\n");
      return List.of(id);
    }
    List<String> names = task.getMatrix().getParams().stream().map(Param::getName).toList();
    out.append(indent)
        .append("subgraph ")
        .append(id)
        .append("[\"")
        .append(escape(label + "<br/>matrix over " + String.join(", ", names)))
        .append("\"]\n");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < combinations.size(); i++) {
      String node = id + "_" + i;
      ids.add(node);
      out.append(indent)
          .append("  ")
          .append(node)
          .append("[\"")
          .append(escape(String.join(", ", combinations.get(i))))
          .append("\"]\n");
    }
    out.append(indent).append("end\n");
    return ids;
  }

  /**
   * The matrix's combinations as Tekton fans them out (the first param varies fastest); empty
   * without matrix.
   */
  private List<List<String>> combinations(PipelineTask task) {
    if (task.getMatrix() == null
        || task.getMatrix().getParams() == null
        || task.getMatrix().getParams().isEmpty()) {
      return List.of();
    }
    List<List<String>> combinations = new ArrayList<>(List.of(List.of()));
    for (Param param : task.getMatrix().getParams()) {
      List<List<String>> next = new ArrayList<>();
      for (String value : values(param)) {
        for (List<String> combination : combinations) {
          List<String> extended = new ArrayList<>(combination);
          extended.add(value);
          next.add(extended);
        }
      }
      combinations = next;
    }
    return combinations;
  }

  /** A matrix param's values: its array, or the default of the whole array param it names. */
  private List<String> values(Param param) {
    if (param.getValue().getArrayVal() != null) {
      return param.getValue().getArrayVal();
    }
    String text = param.getValue().getStringVal();
    Optional<String> whole =
        Reference.isolated(text)
            .filter(r -> "params".equals(r.root()) && r.whole())
            .map(Reference::paramName);
    for (ParamSpec spec : list(pipeline.getSpec().getParams())) {
      if (whole.equals(Optional.of(spec.getName()))
          && spec.getDefault() != null
          && spec.getDefault().getArrayVal() != null) {
        return spec.getDefault().getArrayVal();
      }
    }
    return List.of(text);
  }

  /** Node ids are prefixed so that no task name can be a Mermaid keyword ({@code end}). */
  private static String id(String name) {
    return "t_" + name.replaceAll("[^A-Za-z0-9]", "_");
  }

  private static String escape(String label) {
    return label.replace("\"", "#quot;");
  }
}
