package dev.multiarch.tekton.local;

import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamBuilder;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineBuilder;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.PipelineTaskBuilder;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.StepBuilder;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskBuilder;
import io.fabric8.tekton.v1.TaskSpec;
import io.fabric8.tekton.v1.TaskSpecBuilder;
import java.util.List;

/**
 * Small Tekton objects the engine tests build their Pipelines from, as the generator does: fabric8
 * builders.
 */
final class Fixtures {

  /** An image the steps name but never run: run-local runs scripts on the host. */
  static final String IMAGE = "registry.access.redhat.com/ubi9/ubi-minimal";

  private Fixtures() {}

  static Step script(String name, String script) {
    return new StepBuilder().withName(name).withImage(IMAGE).withScript(script).build();
  }

  /**
   * A Task of one step named {@code main} running {@code script}, declaring the string {@code
   * results}.
   */
  static Task task(String name, String script, String... results) {
    TaskSpecBuilder spec = new TaskSpecBuilder().addToSteps(script("main", script));
    for (String result : results) {
      spec.addNewResult().withName(result).endResult();
    }
    return task(name, spec.build());
  }

  static Task task(String name, TaskSpec spec) {
    return new TaskBuilder().withNewMetadata().withName(name).endMetadata().withSpec(spec).build();
  }

  /** A pipeline task running Task {@code taskName} after {@code runAfter}. */
  static PipelineTask ref(String name, String taskName, String... runAfter) {
    return new PipelineTaskBuilder()
        .withName(name)
        .withNewTaskRef()
        .withName(taskName)
        .endTaskRef()
        .withRunAfter(runAfter)
        .build();
  }

  static Param param(String name, String value) {
    return new ParamBuilder().withName(name).withValue(new ParamValue(value)).build();
  }

  static Param arrayParam(String name, String... values) {
    return new ParamBuilder().withName(name).withValue(new ParamValue(List.of(values))).build();
  }

  static Pipeline pipeline(List<PipelineTask> tasks, List<PipelineTask> finallyTasks) {
    return new PipelineBuilder()
        .withNewMetadata()
        .withName("hello")
        .endMetadata()
        .withNewSpec()
        .withTasks(tasks)
        .withFinally(finallyTasks)
        .endSpec()
        .build();
  }

  static Pipeline pipeline(PipelineTask... tasks) {
    return pipeline(List.of(tasks), List.of());
  }
}
