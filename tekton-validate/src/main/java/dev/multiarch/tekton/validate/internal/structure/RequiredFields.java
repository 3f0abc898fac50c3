package dev.multiarch.tekton.validate.internal.structure;

import static java.util.Map.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.CSIVolumeSource;
import io.fabric8.kubernetes.api.model.ClusterTrustBundleProjection;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GRPCAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.ResourceClaim;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.SleepAction;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeDevice;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.tekton.v1.IncludeParams;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineResult;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.PipelineWorkspaceDeclaration;
import io.fabric8.tekton.v1.StepResult;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskResult;
import io.fabric8.tekton.v1.TaskRun;
import io.fabric8.tekton.v1.TaskRunSidecarSpec;
import io.fabric8.tekton.v1.TaskRunStepSpec;
import io.fabric8.tekton.v1.WhenExpression;
import io.fabric8.tekton.v1.WorkspaceBinding;
import io.fabric8.tekton.v1.WorkspaceDeclaration;
import io.fabric8.tekton.v1.WorkspacePipelineTaskBinding;
import io.fabric8.tekton.v1.WorkspaceUsage;
import java.util.List;
import java.util.Map;

/**
 * The fields Tekton and Kubernetes require, which fabric8's model does not mark. Aligned with the
 * {@code required} lists of Tekton's CRD schemas, plus what Tekton's webhook requires on top (a
 * pipeline task's {@code name}, a when expression's {@code input}/{@code operator}/{@code values}
 * unless it is a {@code cel} one, a matrix include's {@code params}). A step's {@code name} is not
 * required: Tekton defaults it.
 */
final class RequiredFields {

  private static final List<String> DOCUMENT = List.of("apiVersion", "kind", "metadata", "spec");
  private static final List<String> NAME = List.of("name");
  private static final List<String> NAME_VALUE = List.of("name", "value");
  private static final List<String> KEY_PATH = List.of("key", "path");

  private static final Map<Class<?>, List<String>> TABLE =
      Map.ofEntries(
          entry(Pipeline.class, DOCUMENT),
          entry(Task.class, DOCUMENT),
          entry(PipelineRun.class, DOCUMENT),
          entry(TaskRun.class, DOCUMENT),
          entry(io.fabric8.tekton.v1beta1.StepAction.class, DOCUMENT),
          entry(ParamSpec.class, NAME),
          entry(Param.class, NAME_VALUE),
          entry(PipelineTask.class, NAME),
          entry(WorkspaceDeclaration.class, NAME),
          entry(PipelineWorkspaceDeclaration.class, NAME),
          entry(WorkspaceBinding.class, NAME),
          entry(WorkspacePipelineTaskBinding.class, NAME),
          entry(WorkspaceUsage.class, NAME),
          entry(TaskResult.class, NAME),
          entry(StepResult.class, NAME),
          entry(PipelineResult.class, NAME_VALUE),
          entry(WhenExpression.class, List.of("input", "operator", "values")),
          entry(IncludeParams.class, List.of("params")),
          entry(TaskRunStepSpec.class, List.of("name", "computeResources")),
          entry(TaskRunSidecarSpec.class, List.of("name", "computeResources")),
          // Kubernetes core types
          entry(EnvVar.class, NAME),
          entry(Volume.class, NAME),
          entry(VolumeMount.class, List.of("name", "mountPath")),
          entry(VolumeDevice.class, List.of("name", "devicePath")),
          entry(ContainerPort.class, List.of("containerPort")),
          entry(ConfigMapKeySelector.class, List.of("key")),
          entry(SecretKeySelector.class, List.of("key")),
          entry(ObjectFieldSelector.class, List.of("fieldPath")),
          entry(ResourceFieldSelector.class, List.of("resource")),
          entry(KeyToPath.class, KEY_PATH),
          entry(DownwardAPIVolumeFile.class, List.of("path")),
          entry(ServiceAccountTokenProjection.class, List.of("path")),
          entry(ClusterTrustBundleProjection.class, List.of("path")),
          entry(PersistentVolumeClaimVolumeSource.class, List.of("claimName")),
          entry(CSIVolumeSource.class, List.of("driver")),
          entry(ResourceClaim.class, NAME),
          entry(HostAlias.class, List.of("ip")),
          entry(HTTPGetAction.class, List.of("port")),
          entry(HTTPHeader.class, NAME_VALUE),
          entry(TCPSocketAction.class, List.of("port")),
          entry(GRPCAction.class, List.of("port")),
          entry(SleepAction.class, List.of("seconds")),
          entry(SeccompProfile.class, List.of("type")),
          entry(AppArmorProfile.class, List.of("type")),
          entry(LabelSelectorRequirement.class, List.of("key", "operator")),
          entry(
              TopologySpreadConstraint.class,
              List.of("maxSkew", "topologyKey", "whenUnsatisfiable")));

  private RequiredFields() {}

  /**
   * The required fields of {@code model} that {@code node} lacks (or sets to null), in table order.
   */
  static List<String> missing(Class<?> model, JsonNode node) {
    if (model == WhenExpression.class && present(node, "cel")) {
      return List.of();
    }
    return TABLE.getOrDefault(model, List.of()).stream()
        .filter(name -> !present(node, name))
        .toList();
  }

  private static boolean present(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }
}
