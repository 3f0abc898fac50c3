package dev.multiarch.tekton.internal.assembly;

import static dev.multiarch.tekton.internal.assembly.Names.BUILD_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.DOCKERCONFIG_WORKSPACE;

import dev.multiarch.tekton.BuildResources;
import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.BuildTimeouts;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.NodeToleration;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.Duration;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecretVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.tekton.pod.Template;
import io.fabric8.tekton.pod.TemplateBuilder;
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
 * TaskRuns and the privileged one only for those that register emulators, the builds' resources,
 * and the pod templates that pin native builds (and, in placement daemonset, the emulated ones) to
 * their nodes. {@code taskRunSpecs} is where per-task scheduling works on every Tekton this project
 * supports.
 */
public final class PipelineRunAssembler {

  private final BuildSpec spec;
  private final PlacementMode placement;
  private final Names names;

  public PipelineRunAssembler(BuildSpec spec, PlacementMode placement) {
    this.spec = spec;
    this.placement = placement;
    this.names = Names.of(spec);
  }

  public PipelineRun assemble() {
    return new PipelineRunBuilder()
        .withNewMetadata()
        .withGenerateName(names.pipeline() + "-")
        .withNamespace(spec.namespace())
        .withLabels(Labels.of(spec))
        .withAnnotations(placement.runAnnotations().isEmpty() ? null : placement.runAnnotations())
        .endMetadata()
        .withNewSpec()
        .withNewPipelineRef()
        .withName(names.pipeline())
        .endPipelineRef()
        .withNewTaskRunTemplate()
        .withServiceAccountName(names.builderAccount())
        .withPodTemplate(placement.runPodTemplate())
        .endTaskRunTemplate()
        .withTaskRunSpecs(taskRunSpecs())
        .withTimeouts(timeouts(spec))
        .withWorkspaces(workspaces())
        .endSpec()
        .build();
  }

  /**
   * The run's timeouts: the whole run's covers every task's own timeout; with a cleanup task the
   * part after the DAG is kept for it ({@code finally}), so a slow build cannot leave emulators
   * registered.
   */
  public static TimeoutFields timeouts(BuildSpec spec) {
    TimeoutFieldsBuilder timeouts =
        new TimeoutFieldsBuilder().withPipeline(new Duration(spec.pipelineTimeout()));
    if (SpecRules.of(spec.placement()).cleanupTask(spec.cleanupEmulators())) {
      timeouts
          .withTasks(new Duration(spec.pipelineTimeout().minus(BuildTimeouts.SETUP)))
          .withFinally(new Duration(BuildTimeouts.SETUP));
    }
    return timeouts.build();
  }

  /**
   * One entry per pipeline task that needs its own: the privileged ServiceAccount, resources,
   * pinning.
   */
  private List<PipelineTaskRunSpec> taskRunSpecs() {
    Map<String, PipelineTaskRunSpecBuilder> specs = new LinkedHashMap<>();
    for (String task : placement.privilegedTasks()) {
      entry(specs, task).withServiceAccountName(names.privilegedAccount());
    }
    if (placement.layout().hasMatrix()) {
      entry(specs, BUILD_TASK)
          .withComputeResources(buildResources())
          .withPodTemplate(placement.matrixBuildPodTemplate());
    }
    for (NativePlatform platform : placement.layout().natives()) {
      entry(specs, PlatformLayout.nativeTaskName(platform.platform()))
          .withComputeResources(buildResources())
          .withPodTemplate(pinned(platform));
    }
    return specs.values().stream().map(PipelineTaskRunSpecBuilder::build).toList();
  }

  private static PipelineTaskRunSpecBuilder entry(
      Map<String, PipelineTaskRunSpecBuilder> specs, String task) {
    return specs.computeIfAbsent(
        task, t -> new PipelineTaskRunSpecBuilder().withPipelineTaskName(t));
  }

  /** A native build's pod on its nodes: their labels, and the taints it tolerates. */
  static Template pinned(NativePlatform platform) {
    List<Toleration> tolerations = new ArrayList<>();
    for (NodeToleration toleration : platform.tolerations()) {
      tolerations.add(
          new TolerationBuilder()
              .withKey(toleration.key().isEmpty() ? null : toleration.key())
              .withOperator(toleration.operator())
              .withValue(toleration.value().isEmpty() ? null : toleration.value())
              .withEffect(toleration.effect().isEmpty() ? null : toleration.effect())
              .build());
    }
    return new TemplateBuilder()
        .withNodeSelector(PlacementMode.ordered(platform.nodeSelector()))
        .withTolerations(tolerations.isEmpty() ? null : tolerations)
        .build();
  }

  /**
   * The spec's build resources as the TaskRun's: requests, memory's limit equal to its request, and
   * the CPU limit when the spec gives one.
   */
  private ResourceRequirements buildResources() {
    BuildResources resources = spec.resources();
    ResourceRequirementsBuilder requirements =
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity(resources.cpu()))
            .addToRequests("memory", new Quantity(resources.memory()))
            .addToRequests("ephemeral-storage", new Quantity(resources.ephemeralStorage()));
    if (!resources.cpuLimit().isEmpty()) {
      requirements.addToLimits("cpu", new Quantity(resources.cpuLimit()));
    }
    return requirements.addToLimits("memory", new Quantity(resources.memory())).build();
  }

  private List<WorkspaceBinding> workspaces() {
    List<WorkspaceBinding> bindings = new ArrayList<>();
    bindings.add(placement.sourceBinding());
    placement
        .nativeSourceWorkspace()
        .ifPresent(
            name ->
                bindings.add(
                    new WorkspaceBindingBuilder()
                        .withName(name)
                        .withEmptyDir(new EmptyDirVolumeSource())
                        .build()));
    bindings.add(dockerconfig(spec));
    bindings.addAll(gitCredentials(spec));
    if (!spec.buildSecret().isEmpty()) {
      // Left out otherwise: the workspace is optional, and an unbound one is what the build skips.
      bindings.add(
          new WorkspaceBindingBuilder()
              .withName(Names.BUILD_SECRETS_WORKSPACE)
              .withSecret(
                  new SecretVolumeSourceBuilder().withSecretName(spec.buildSecret()).build())
              .build());
    }
    bindings.addAll(caBundle(spec));
    return bindings;
  }

  /**
   * The {@code ssl-ca-directory} binding to the spec's CA bundle, or none: a ConfigMap, as CA
   * certificates are public (OpenShift injects its trusted CAs into one).
   */
  static List<WorkspaceBinding> caBundle(BuildSpec spec) {
    if (spec.caBundle().isEmpty()) {
      return List.of();
    }
    return List.of(
        new WorkspaceBindingBuilder()
            .withName(Names.SSL_CA_DIRECTORY_WORKSPACE)
            .withConfigMap(new ConfigMapVolumeSourceBuilder().withName(spec.caBundle()).build())
            .build());
  }

  /**
   * The git credential workspaces bound to the Secrets the spec names; a workspace whose Secret the
   * spec does not name stays unbound (both are optional), so a public repository needs none.
   */
  static List<WorkspaceBinding> gitCredentials(BuildSpec spec) {
    List<WorkspaceBinding> bindings = new ArrayList<>();
    gitSecrets(spec)
        .forEach(
            (workspace, secret) ->
                bindings.add(
                    new WorkspaceBindingBuilder()
                        .withName(workspace)
                        .withSecret(new SecretVolumeSourceBuilder().withSecretName(secret).build())
                        .build()));
    return bindings;
  }

  /** The git credential workspaces the spec binds, by workspace name, to their Secrets. */
  public static Map<String, String> gitSecrets(BuildSpec spec) {
    Map<String, String> secrets = new LinkedHashMap<>();
    if (!spec.source().credentialsSecret().isEmpty()) {
      secrets.put(Names.BASIC_AUTH_WORKSPACE, spec.source().credentialsSecret());
    }
    if (!spec.source().sshSecret().isEmpty()) {
      secrets.put(Names.SSH_DIRECTORY_WORKSPACE, spec.source().sshSecret());
    }
    return secrets;
  }

  /** The dockerconfig workspace: the destination's credentials Secret, or an empty folder. */
  static WorkspaceBinding dockerconfig(BuildSpec spec) {
    WorkspaceBindingBuilder dockerconfig =
        new WorkspaceBindingBuilder().withName(DOCKERCONFIG_WORKSPACE);
    if (spec.destination().credentialsSecret().isEmpty()) {
      // Bound all the same, empty: the tasks then push with the ServiceAccount's own secrets.
      dockerconfig.withEmptyDir(new EmptyDirVolumeSource());
    } else {
      dockerconfig.withSecret(
          new SecretVolumeSourceBuilder()
              .withSecretName(spec.destination().credentialsSecret())
              .build());
    }
    return dockerconfig.build();
  }
}
