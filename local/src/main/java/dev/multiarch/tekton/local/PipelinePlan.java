package dev.multiarch.tekton.local;

import static dev.multiarch.tekton.model.JsonNodes.list;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multiarch.tekton.model.TaskGraph;
import io.fabric8.tekton.v1.EmbeddedTask;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Pipeline's tasks resolved to their Task specs, in an order that respects every dependency,
 * with the {@code finally} tasks last. Building a plan rejects what run-local cannot run, before
 * anything runs.
 */
final class PipelinePlan {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Pipeline pipeline;
  private final List<PlannedTask> tasks;

  private PipelinePlan(Pipeline pipeline, List<PlannedTask> tasks) {
    this.pipeline = pipeline;
    this.tasks = List.copyOf(tasks);
  }

  /**
   * Resolves every pipeline task of {@code pipeline} against {@code catalog} (the Tasks given with
   * it).
   */
  static PipelinePlan of(Pipeline pipeline, List<Task> catalog) {
    Map<String, Task> byName = new LinkedHashMap<>();
    catalog.forEach(task -> byName.put(task.getMetadata().getName(), task));
    List<String> problems = new ArrayList<>(FeatureCheck.pipeline(pipeline));
    List<PlannedTask> planned = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (PipelineTask task : list(pipeline.getSpec().getTasks())) {
      names.add(task.getName());
    }
    for (boolean isFinally : new boolean[] {false, true}) {
      List<PipelineTask> group =
          isFinally ? list(pipeline.getSpec().getFinally()) : list(pipeline.getSpec().getTasks());
      for (PipelineTask task : group) {
        String where = (isFinally ? "finally task " : "pipeline task ") + task.getName();
        TaskSpec spec = resolve(task, byName, where, problems);
        if (spec == null) {
          continue;
        }
        problems.addAll(FeatureCheck.task(spec, where));
        planned.add(
            new PlannedTask(
                task, taskName(task), spec, isFinally, dependencies(task, names, where, problems)));
      }
    }
    if (!problems.isEmpty()) {
      throw new LocalRunException(
          "run-local cannot run Pipeline "
              + pipeline.getMetadata().getName()
              + ": "
              + String.join("; ", problems));
    }
    return new PipelinePlan(pipeline, order(planned, pipeline.getMetadata().getName()));
  }

  Pipeline pipeline() {
    return pipeline;
  }

  /** Every task, each after the tasks it depends on, the finally tasks last. */
  List<PlannedTask> tasks() {
    return tasks;
  }

  private static TaskSpec resolve(
      PipelineTask task, Map<String, Task> byName, String where, List<String> problems) {
    if (task.getTaskRef() != null) {
      String name = task.getTaskRef().getName();
      Task found = name == null ? null : byName.get(name);
      if (found == null) {
        problems.add(
            where
                + ": taskRef '"
                + name
                + "' names no Task given with the Pipeline "
                + "(run-local resolves Tasks only from the generated set, not from a cluster or resolver)");
        return null;
      }
      return found.getSpec();
    }
    EmbeddedTask embedded = task.getTaskSpec();
    if (embedded == null) {
      problems.add(where + ": neither taskRef nor taskSpec is set");
      return null;
    }
    if (embedded.getApiVersion() != null
        || embedded.getKind() != null
        || embedded.getSpec() != null) {
      problems.add(where + ": custom tasks (taskSpec.apiVersion/kind/spec) are not supported");
      return null;
    }
    return MAPPER.convertValue(embedded, TaskSpec.class);
  }

  private static String taskName(PipelineTask task) {
    return task.getTaskRef() != null ? task.getTaskRef().getName() : task.getName();
  }

  private static List<String> dependencies(
      PipelineTask task, Set<String> names, String where, List<String> problems) {
    List<Param> params = new ArrayList<>(list(task.getParams()));
    if (task.getMatrix() != null) {
      params.addAll(list(task.getMatrix().getParams()));
    }
    List<String> texts = new ArrayList<>();
    params.forEach(param -> texts.addAll(texts(param.getValue())));
    List<String> dependsOn = TaskGraph.dependencies(list(task.getRunAfter()), texts);
    for (String name : dependsOn) {
      if (!names.contains(name)) {
        problems.add(where + ": depends on '" + name + "', which is not a task of the Pipeline");
      }
    }
    return dependsOn;
  }

  static List<String> texts(ParamValue value) {
    if (value == null) {
      return List.of();
    }
    if (value.getArrayVal() != null) {
      return value.getArrayVal();
    }
    return value.getStringVal() == null ? List.of() : List.of(value.getStringVal());
  }

  /**
   * The shared task graph's order (Kahn's algorithm, the Pipeline's order among tasks ready
   * together).
   */
  private static List<PlannedTask> order(List<PlannedTask> planned, String pipelineName) {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    Map<String, PlannedTask> byName = new LinkedHashMap<>();
    planned.stream()
        .filter(t -> !t.isFinally())
        .forEach(
            t -> {
              deps.put(t.name(), t.dependsOn());
              byName.put(t.name(), t);
            });
    List<PlannedTask> ordered = new ArrayList<>();
    try {
      TaskGraph.of(deps).order().forEach(name -> ordered.add(byName.get(name)));
    } catch (IllegalStateException e) {
      throw new LocalRunException(
          "run-local cannot run Pipeline " + pipelineName + ": " + e.getMessage(), e);
    }
    ordered.addAll(planned.stream().filter(PlannedTask::isFinally).toList());
    return ordered;
  }
}
