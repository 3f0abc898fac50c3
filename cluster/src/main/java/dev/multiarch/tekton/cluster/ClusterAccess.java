package dev.multiarch.tekton.cluster;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the cluster, as kubectl finds it: a kubeconfig file ({@code KUBECONFIG} or {@code
 * ~/.kube/config} unless one is named), one of its contexts (its current one unless one is named),
 * or, with no kubeconfig at all, the pod's own ServiceAccount when running inside a cluster.
 *
 * @param kubeconfig the kubeconfig file to read instead of the usual ones
 * @param context the kubeconfig context to use instead of its current one
 */
public record ClusterAccess(Optional<Path> kubeconfig, Optional<String> context) {

  public ClusterAccess {
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    Objects.requireNonNull(context, "context");
  }

  /**
   * kubectl's defaults: {@code KUBECONFIG}, then {@code ~/.kube/config}, then the in-cluster
   * ServiceAccount.
   */
  public static ClusterAccess defaults() {
    return new ClusterAccess(Optional.empty(), Optional.empty());
  }

  public ClusterAccess withKubeconfig(Path file) {
    return new ClusterAccess(Optional.of(file), context);
  }

  public ClusterAccess withContext(String name) {
    return new ClusterAccess(kubeconfig, Optional.of(name));
  }
}
