package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.cluster.ClusterException.Reason;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.ImageStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Refuses, before anything is applied, resources that only mean something on OpenShift when the
 * cluster is plain Kubernetes: ImageStreams (no image API serves them) and RoleBindings to the
 * ClusterRoles OpenShift ships for its SecurityContextConstraints and its registry (nothing there
 * would grant what they bind).
 */
public final class OpenShiftOnly {

  /** ClusterRoles that exist on OpenShift (and OpenShift Pipelines) only. */
  private static final Set<String> OPENSHIFT_ROLES =
      Set.of("system:image-builder", "pipelines-scc-clusterrole");

  private static final String OPENSHIFT_ROLE_PREFIX = "system:openshift:";

  private OpenShiftOnly() {}

  public static void check(List<HasMetadata> resources, Discovery discovery, String server) {
    List<String> imageStreams = new ArrayList<>();
    List<String> roleBindings = new ArrayList<>();
    for (HasMetadata resource : resources) {
      if (resource instanceof ImageStream) {
        imageStreams.add(resource.getKind() + "/" + resource.getMetadata().getName());
      } else if (resource instanceof RoleBinding binding
          && binding.getRoleRef() != null
          && (OPENSHIFT_ROLES.contains(binding.getRoleRef().getName())
              || binding.getRoleRef().getName().startsWith(OPENSHIFT_ROLE_PREFIX))) {
        roleBindings.add(
            binding.getMetadata().getName() + " (" + binding.getRoleRef().getName() + ")");
      }
    }
    List<String> refused = new ArrayList<>();
    if (!imageStreams.isEmpty() && !discovery.servesImageStreams()) {
      refused.add(String.join(", ", imageStreams) + " (no " + Discovery.IMAGE_OPENSHIFT + " API)");
    }
    if (!roleBindings.isEmpty() && !discovery.servesSecurityContextConstraints()) {
      refused.add(
          "RoleBindings to OpenShift's roles "
              + String.join(", ", roleBindings)
              + " (no "
              + Discovery.SECURITY_OPENSHIFT
              + " API)");
    }
    if (!refused.isEmpty()) {
      throw new ClusterException(
          Reason.NOT_OPENSHIFT,
          "the cluster at "
              + server
              + " is not OpenShift, and "
              + String.join(" and ", refused)
              + " exist only there; nothing was applied. What is generated targets "
              + "OpenShift: on plain Kubernetes apply the Tasks and the Pipeline alone, allow their privileged pods with "
              + "Pod Security admission, and start runs with the param IMAGE set to a registry of your own");
    }
  }
}
