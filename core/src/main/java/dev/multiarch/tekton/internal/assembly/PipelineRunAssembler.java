package dev.multiarch.tekton.internal.assembly;

import static dev.multiarch.tekton.internal.assembly.Names.BINFMT_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.BUILD_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.CLEANUP_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.DOCKERCONFIG_WORKSPACE;
import static dev.multiarch.tekton.internal.assembly.Names.SOURCE_WORKSPACE;

import dev.multiarch.tekton.BuildResources;
import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.BuildTimeouts;
import dev.multiarch.tekton.Placement;
import io.fabric8.kubernetes.api.model.Duration;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecretVolumeSourceBuilder;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunBuilder;
import io.fabric8.tekton.v1.PipelineTaskRunSpec;
import io.fabric8.tekton.v1.PipelineTaskRunSpecBuilder;
import io.fabric8.tekton.v1.TimeoutFields;
import io.fabric8.tekton.v1.TimeoutFieldsBuilder;
import io.fabric8.tekton.v1.WorkspaceBinding;
import io.fabric8.tekton.v1.WorkspaceBindingBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PipelineRun that starts one build: every workspace bound, the builder ServiceAccount for all
 * TaskRuns and the privileged one only for those that register emulators.
 */
public final class PipelineRunAssembler {

  /** Size of the shared source volume in same-node placement: a clone per platform plus slack. */
  public static final String SOURCE_VOLUME_SIZE = "1Gi";

  private final BuildSpec spec;
  private final Names names;

  public PipelineRunAssembler(BuildSpec spec) {
    this.spec = spec;
    this.names = Names.of(spec);
  }

  public PipelineRun assemble() {
    return new PipelineRunBuilder()
        .withNewMetadata()
          .withGenerateName(names.pipeline() + "-")
          .withNamespace(spec.namespace())
          .withLabels(Labels.of(spec))
        .endMetadata()
        .withNewSpec()
          .withNewPipelineRef().withName(names.pipeline()).endPipelineRef()
          .withNewTaskRunTemplate().withServiceAccountName(names.builderAccount()).endTaskRunTemplate()
          .withTaskRunSpecs(taskRunSpecs())
          .withTimeouts(timeouts(spec))
          .withWorkspaces(workspaces())
        .endSpec()
        .build();
  }

  /** The PVC template tkn's {@code volumeClaimTemplateFile} takes; the same one the PipelineRun binds. */
  public static PersistentVolumeClaim sourceVolumeClaim() {
    return new PersistentVolumeClaimBuilder()
        .withNewSpec()
          .withAccessModes("ReadWriteOnce")
          .withNewResources().addToRequests("storage", new Quantity(SOURCE_VOLUME_SIZE)).endResources()
        .endSpec()
        .build();
  }

  /** Pipeline task names whose TaskRuns run with the privileged ServiceAccount. */
  public static List<String> privilegedTasks(BuildSpec spec) {
    List<String> tasks = new ArrayList<>();
    if (spec.placement() == Placement.SAME_NODE) {
      tasks.add(BINFMT_TASK);
    } else {
      tasks.add(BUILD_TASK);
    }
    if (spec.cleanupEmulators()) {
      tasks.add(CLEANUP_TASK);
    }
    return tasks;
  }

  /**
   * The run's timeouts: the whole run's covers every task's own timeout; with a cleanup task the part after the
   * DAG is kept for it ({@code finally}), so a slow build cannot leave emulators registered.
   */
  public static TimeoutFields timeouts(BuildSpec spec) {
    TimeoutFieldsBuilder timeouts = new TimeoutFieldsBuilder().withPipeline(new Duration(spec.pipelineTimeout()));
    if (spec.cleanupEmulators()) {
      timeouts.withTasks(new Duration(spec.pipelineTimeout().minus(BuildTimeouts.SETUP)))
          .withFinally(new Duration(BuildTimeouts.SETUP));
    }
    return timeouts.build();
  }

  /** One entry per pipeline task that needs its own: the privileged ServiceAccount, the build's resources. */
  private List<PipelineTaskRunSpec> taskRunSpecs() {
    Map<String, PipelineTaskRunSpecBuilder> specs = new LinkedHashMap<>();
    for (String task : privilegedTasks(spec)) {
      specs.computeIfAbsent(task, t -> new PipelineTaskRunSpecBuilder().withPipelineTaskName(t))
          .withServiceAccountName(names.privilegedAccount());
    }
    specs.computeIfAbsent(BUILD_TASK, t -> new PipelineTaskRunSpecBuilder().withPipelineTaskName(t))
        .withComputeResources(buildResources());
    return specs.values().stream().map(PipelineTaskRunSpecBuilder::build).toList();
  }

  /** The spec's build resources as the TaskRun's: requests, and memory's limit equal to its request. */
  private ResourceRequirements buildResources() {
    BuildResources resources = spec.resources();
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(resources.cpu()))
        .addToRequests("memory", new Quantity(resources.memory()))
        .addToRequests("ephemeral-storage", new Quantity(resources.ephemeralStorage()))
        .addToLimits("memory", new Quantity(resources.memory()))
        .build();
  }

  private List<WorkspaceBinding> workspaces() {
    WorkspaceBindingBuilder source = new WorkspaceBindingBuilder().withName(SOURCE_WORKSPACE);
    if (spec.placement() == Placement.SAME_NODE) {
      source.withVolumeClaimTemplate(sourceVolumeClaim());
    } else {
      source.withEmptyDir(new EmptyDirVolumeSource());
    }
    WorkspaceBindingBuilder dockerconfig = new WorkspaceBindingBuilder().withName(DOCKERCONFIG_WORKSPACE);
    if (spec.destination().credentialsSecret().isEmpty()) {
      // Bound all the same, empty: the tasks then push with the ServiceAccount's own secrets.
      dockerconfig.withEmptyDir(new EmptyDirVolumeSource());
    } else {
      dockerconfig.withSecret(new SecretVolumeSourceBuilder()
          .withSecretName(spec.destination().credentialsSecret())
          .build());
    }
    return List.of(source.build(), dockerconfig.build());
  }
}
