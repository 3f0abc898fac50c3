package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.ClusterAccess;
import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.cluster.ClusterException.Reason;
import dev.multiarch.tekton.text.Printable;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        // Not even --debug's stack trace shows the parser's exception: its message quotes the file.
        throw unreadable("kubeconfig " + file);
      }
      requireContext(access, contexts, "kubeconfig " + file);
      try {
        config = Config.fromKubeconfig(access.context().orElse(null), file.toFile());
      } catch (RuntimeException e) {
        throw unreadable("kubeconfig " + file);
      }
      requireOneLineCredentials(config, "kubeconfig " + file);
    } else {
      try {
        config = Config.autoConfigure(access.context().orElse(null));
      } catch (RuntimeException e) {
        throw unreadable("the kubeconfig");
      }
      requireOneLineCredentials(config, "the kubeconfig");
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

  /**
   * A kubeconfig that does not parse, said without the parser's words: they quote the file's lines,
   * and a line of a kubeconfig may be a token.
   */
  private static ClusterException unreadable(String what) {
    return new ClusterException(
        Reason.CONFIGURATION,
        what
            + ": cannot read it: not a kubeconfig (YAML with clusters, contexts and users); its text"
            + " is not shown, as it may hold credentials");
  }

  /**
   * A credential that cannot go into an HTTP header (a token with a line break, say) is refused
   * here, by name only: the HTTP client's own refusal quotes the header, token and all.
   */
  private static void requireOneLineCredentials(Config config, String where) {
    Map<String, String> credentials = new LinkedHashMap<>();
    // fabric8 keeps a kubeconfig's token as the "auto" token, an explicit one apart.
    credentials.put("token", config.getOauthToken());
    if (config.getOauthToken() == null) {
      credentials.put("token", config.getAutoOAuthToken());
    }
    credentials.put("username", config.getUsername());
    credentials.put("password", config.getPassword());
    credentials.forEach(
        (name, value) -> {
          if (value != null && value.codePoints().anyMatch(Printable::unprintable)) {
            throw new ClusterException(
                Reason.CONFIGURATION,
                "the user's "
                    + name
                    + " in "
                    + where
                    + " holds a line break or another control character (not shown, as it is a"
                    + " credential); a "
                    + name
                    + " is one line of text");
          }
        });
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
