package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.ClusterAccess;
import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.cluster.ClusterException.Reason;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the fabric8 client the way kubectl finds its cluster; no request is made until a command
 * runs.
 */
public final class Clients {

  /** Retries of a request whose connection failed, after 0.1 s and 0.2 s. */
  static final int REQUEST_RETRIES = 2;

  private Clients() {}

  public static KubernetesClient create(ClusterAccess access) {
    Config config;
    if (access.kubeconfig().isPresent()) {
      Path file = access.kubeconfig().get();
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new ClusterException(
            Reason.CONFIGURATION, "kubeconfig " + file + ": no such readable file");
      }
      List<String> contexts;
      try {
        contexts =
            KubeConfigUtils.parseConfig(file.toFile()).getContexts().stream()
                .map(NamedContext::getName)
                .toList();
      } catch (RuntimeException e) {
        throw new ClusterException(
            Reason.CONFIGURATION, "kubeconfig " + file + ": cannot read it: " + e.getMessage(), e);
      }
      requireContext(access, contexts, "kubeconfig " + file);
      config = Config.fromKubeconfig(access.context().orElse(null), file.toFile());
    } else {
      config = Config.autoConfigure(access.context().orElse(null));
      List<String> contexts =
          config.getContexts() == null
              ? List.of()
              : config.getContexts().stream().map(NamedContext::getName).toList();
      requireContext(access, contexts, "the kubeconfig");
    }
    // fabric8 retries a failed connection ten times with growing pauses (about 25 s in all); a
    // cluster that
    // does not answer should be said at once, as kubectl does, and a followed run polls again
    // anyway.
    config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static void requireContext(ClusterAccess access, List<String> contexts, String where) {
    if (access.context().isPresent() && !contexts.contains(access.context().get())) {
      throw new ClusterException(
          Reason.CONFIGURATION,
          "context '"
              + access.context().get()
              + "' is not in "
              + where
              + (contexts.isEmpty()
                  ? ", which has no contexts"
                  : "; it has: " + String.join(", ", contexts)));
    }
  }
}
