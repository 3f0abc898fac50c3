package dev.multiarch.tekton.internal.assembly;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.tasks.References;
import dev.multiarch.tekton.tasks.TaskCatalog;
import dev.multiarch.tekton.tasks.Workspaces;
import io.fabric8.kubernetes.api.model.Duration;
import io.fabric8.tekton.v1.EmbeddedTask;
import io.fabric8.tekton.v1.EmbeddedTaskBuilder;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamBuilder;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.ParamSpecBuilder;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.PipelineTaskBuilder;
import io.fabric8.tekton.v1.PipelineTaskMetadataBuilder;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskRefBuilder;
import io.fabric8.tekton.v1.TaskSpec;
import io.fabric8.tekton.v1.WorkspacePipelineTaskBinding;
import io.fabric8.tekton.v1.WorkspacePipelineTaskBindingBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a pipeline task reaches its Task, its params and workspaces: shared by the Pipeline assembler
 * and the placement modes, so that every pipeline task is wired the same way.
 */
final class TaskWiring {

  private final boolean inline;
  private final Map<String, Task> tasksByName;

  TaskWiring(BuildSpec spec, List<Task> tasks) {
    this.inline = spec.inlineTasks();
    this.tasksByName =
        tasks.stream().collect(Collectors.toMap(t -> t.getMetadata().getName(), t -> t));
  }

  /**
   * A pipeline task running the catalog Task {@code taskName}: referenced, or embedded when the
   * spec inlines.
   */
  PipelineTaskBuilder task(String name, String taskName, java.time.Duration timeout) {
    PipelineTaskBuilder task =
        new PipelineTaskBuilder().withName(name).withTimeout(new Duration(timeout));
    return inline
        ? task.withTaskSpec(embedded(taskName))
        : task.withTaskRef(new TaskRefBuilder().withName(taskName).build());
  }

  private EmbeddedTask embedded(String taskName) {
    Task resource = tasksByName.get(taskName);
    TaskSpec task = resource.getSpec();
    // The privileged-steps declaration travels with the steps it declares.
    String privileged = resource.getMetadata().getAnnotations().get(TaskCatalog.PRIVILEGED_STEPS);
    return new EmbeddedTaskBuilder()
        .withMetadata(
            privileged == null
                ? null
                : new PipelineTaskMetadataBuilder()
                    .addToAnnotations(TaskCatalog.PRIVILEGED_STEPS, privileged)
                    .build())
        .withDisplayName(task.getDisplayName())
        .withDescription(task.getDescription())
        .withParams(task.getParams())
        .withResults(task.getResults())
        .withWorkspaces(task.getWorkspaces())
        .withVolumes(task.getVolumes())
        .withStepTemplate(task.getStepTemplate())
        .withSteps(task.getSteps())
        .withSidecars(task.getSidecars())
        .build();
  }

  /**
   * Passes the Pipeline param of the same name on to a task; an array param whole, as Tekton
   * requires.
   */
  static Param pass(String name, boolean array) {
    ParamValue value =
        array
            ? new ParamValue(List.of(References.arrayParam(name)))
            : new ParamValue(References.param(name));
    return new ParamBuilder().withName(name).withValue(value).build();
  }

  /** A param with a value fixed when generating. */
  static Param literal(String name, String value) {
    return new ParamBuilder().withName(name).withValue(new ParamValue(value)).build();
  }

  /** A param of a task fed by another task's result, which also orders the two. */
  static Param resultParam(String name, String task, String result) {
    return new ParamBuilder()
        .withName(name)
        .withValue(new ParamValue(References.result(task, result)))
        .build();
  }

  /**
   * The git credential workspaces of a task that touches git, from the Pipeline's of the same
   * names; unbound in a run that binds neither, as both are optional.
   */
  static List<WorkspacePipelineTaskBinding> gitCredentials() {
    return List.of(
        bind(Workspaces.BASIC_AUTH, Names.BASIC_AUTH_WORKSPACE),
        bind(Workspaces.SSH_DIRECTORY, Names.SSH_DIRECTORY_WORKSPACE));
  }

  /** The CA workspace every task that talks to git or a registry gets. */
  static WorkspacePipelineTaskBinding trust() {
    return bind(Workspaces.SSL_CA_DIRECTORY, Names.SSL_CA_DIRECTORY_WORKSPACE);
  }

  static WorkspacePipelineTaskBinding bind(String taskWorkspace, String pipelineWorkspace) {
    return new WorkspacePipelineTaskBindingBuilder()
        .withName(taskWorkspace)
        .withWorkspace(pipelineWorkspace)
        .build();
  }

  static ParamSpec string(String name, String defaultValue, String description) {
    return new ParamSpecBuilder()
        .withName(name)
        .withType("string")
        .withDescription(description)
        .withDefault(new ParamValue(defaultValue))
        .build();
  }

  static ParamSpec array(String name, List<String> defaultValue, String description) {
    return new ParamSpecBuilder()
        .withName(name)
        .withType("array")
        .withDescription(description)
        .withDefault(new ParamValue(defaultValue))
        .build();
  }
}
