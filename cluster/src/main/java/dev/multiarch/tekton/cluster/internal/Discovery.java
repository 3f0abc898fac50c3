package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.cluster.ClusterException.Reason;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What APIs the cluster serves, read from its discovery endpoints, as kubectl api-resources reads
 * them.
 */
public final class Discovery {

  static final String TEKTON = "tekton.dev/v1";
  static final String IMAGE_OPENSHIFT = "image.openshift.io/v1";
  static final String SECURITY_OPENSHIFT = "security.openshift.io/v1";
  private static final List<String> TEKTON_RESOURCES =
      List.of("pipelines", "tasks", "pipelineruns", "taskruns");

  private final KubernetesClient client;
  private final Failures failures;

  public Discovery(KubernetesClient client, Failures failures) {
    this.client = client;
    this.failures = failures;
  }

  /**
   * Fails unless the cluster serves Tekton's v1 Pipelines, Tasks, PipelineRuns and TaskRuns. Being
   * the first call of every command, it is also where an unreachable cluster or refused credentials
   * show.
   */
  public void requireTekton() {
    if (!resources(TEKTON).containsAll(TEKTON_RESOURCES)) {
      throw new ClusterException(
          Reason.TEKTON_MISSING,
          "Tekton Pipelines is not installed on the cluster at "
              + failures.server()
              + " (it serves no "
              + TEKTON
              + " "
              + String.join(", ", TEKTON_RESOURCES)
              + "); install OpenShift Pipelines 1.13 or later, or Tekton Pipelines v0.53 or later");
    }
  }

  /** True when the cluster serves ImageStreams (OpenShift's image API). */
  public boolean servesImageStreams() {
    return resources(IMAGE_OPENSHIFT).contains("imagestreams");
  }

  /**
   * True when the cluster has SecurityContextConstraints (OpenShift's security API), which SCC
   * roles grant.
   */
  public boolean servesSecurityContextConstraints() {
    return resources(SECURITY_OPENSHIFT).contains("securitycontextconstraints");
  }

  private Set<String> resources(String groupVersion) {
    try {
      APIResourceList list = client.getApiResources(groupVersion);
      return list == null
          ? Set.of()
          : list.getResources().stream().map(APIResource::getName).collect(Collectors.toSet());
    } catch (KubernetesClientException e) {
      throw failures.of(e, "get", "the API group " + groupVersion, "");
    }
  }
}
