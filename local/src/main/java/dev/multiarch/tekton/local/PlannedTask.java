package dev.multiarch.tekton.local;

import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.TaskSpec;
import java.util.List;

/**
 * One pipeline task with the Task it runs and the tasks it must wait for.
 *
 * @param task the pipeline task as the Pipeline declares it
 * @param taskName the referenced Task's name, or the pipeline task's name for an inline taskSpec
 * @param spec the Task's spec
 * @param isFinally whether it is in the Pipeline's {@code finally}
 * @param dependsOn the pipeline tasks it runs after: runAfter and the tasks whose results it uses
 */
record PlannedTask(
    PipelineTask task, String taskName, TaskSpec spec, boolean isFinally, List<String> dependsOn) {

  PlannedTask {
    dependsOn = List.copyOf(dependsOn);
  }

  String name() {
    return task.getName();
  }

  boolean matrixed() {
    return task.getMatrix() != null
        && task.getMatrix().getParams() != null
        && !task.getMatrix().getParams().isEmpty();
  }
}
