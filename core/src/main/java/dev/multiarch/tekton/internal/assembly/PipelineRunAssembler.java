package dev.multiarch.tekton.internal.assembly;

import static dev.multiarch.tekton.internal.assembly.Names.BINFMT_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.BUILD_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.CLEANUP_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.DOCKERCONFIG_WORKSPACE;
import static dev.multiarch.tekton.internal.assembly.Names.SOURCE_WORKSPACE;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.Placement;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretVolumeSourceBuilder;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunBuilder;
import io.fabric8.tekton.v1.PipelineTaskRunSpec;
import io.fabric8.tekton.v1.PipelineTaskRunSpecBuilder;
import io.fabric8.tekton.v1.WorkspaceBinding;
import io.fabric8.tekton.v1.WorkspaceBindingBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The PipelineRun that starts one build: every workspace bound, the builder ServiceAccount for all
 * TaskRuns and the privileged one only for those that register emulators.
 */
public final class PipelineRunAssembler {

  /** Size of the shared source volume in same-node placement: a clone per platform plus slack. */
  public static final String SOURCE_VOLUME_SIZE = "1Gi";
  /** Emulated builds are slow: a pipeline gets two hours instead of Tekton's default of one. */
  static final String PIPELINE_TIMEOUT = "2h";

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
          .withTaskRunSpecs(privilegedTaskRuns())
          // fabric8's Duration writes nanoseconds (7200000000000ns); Tekton reads Go durations, so write "2h".
          .withNewTimeouts().addToAdditionalProperties("pipeline", PIPELINE_TIMEOUT).endTimeouts()
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

  private List<PipelineTaskRunSpec> privilegedTaskRuns() {
    return privilegedTasks(spec).stream()
        .map(task -> new PipelineTaskRunSpecBuilder()
            .withPipelineTaskName(task)
            .withServiceAccountName(names.privilegedAccount())
            .build())
        .toList();
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
