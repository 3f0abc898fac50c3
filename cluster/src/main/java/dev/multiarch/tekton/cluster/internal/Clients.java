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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the fabric8 client the way kubectl finds its cluster; no request is made until a command
 * runs.
 */
public final class Clients {

  /**
   * Retries of a request whose connection failed or that the cluster answered with 429 or a 5xx,
   * after 0.1 s and 0.2 s ({@code Config.requestRetryBackoffInterval}'s default, doubled each
   * time). fabric8 7.1.0 retries ten times by default (about 100 s in all); a {@code Retry-After}
   * does not lengthen its pauses ({@code AsyncUtils.retryWithExponentialBackoff} waits its own
   * interval whatever {@code StandardHttpClient.shouldRetry} computed).
   */
  static final int REQUEST_RETRIES = 2;

  /**
   * The system property that sets {@link #DEFAULT_TIMEOUT}, in whole seconds: for tests and slow
   * links. The environment variable {@link #TIMEOUT_VARIABLE} does the same.
   */
  public static final String TIMEOUT_PROPERTY = "multiarch-tekton.cluster.timeout";

  /** The environment variable that sets {@link #DEFAULT_TIMEOUT}, in whole seconds. */
  public static final String TIMEOUT_VARIABLE = "MULTIARCH_TEKTON_CLUSTER_TIMEOUT";

  /** How long one answer may take, from the request to its last byte. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** How long a connection may take to open, at most. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** How many request timeouts a kubeconfig's exec credential plugin may take. */
  static final int PLUGIN_TIMEOUTS = 4;

  private Clients() {}

  public static KubernetesClient create(ClusterAccess access) {
    Duration timeout = timeout();
    Config config =
        CredentialPlugins.bounded(
            () -> configure(access), timeout.multipliedBy(PLUGIN_TIMEOUTS), access);
    config.setConnectionTimeout(
        (int) Collections.min(List.of(timeout, CONNECT_TIMEOUT)).toMillis());
    config.setRequestTimeout((int) timeout.toMillis());
    config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientBuilderConsumer(
            builder -> builder.addOrReplaceInterceptor("answer-bounds", new AnswerBounds(timeout)))
        .build();
  }

  /**
   * {@link #DEFAULT_TIMEOUT}, or what {@link #TIMEOUT_PROPERTY} or {@link #TIMEOUT_VARIABLE} say.
   */
  static Duration timeout() {
    String value = System.getProperty(TIMEOUT_PROPERTY, System.getenv(TIMEOUT_VARIABLE));
    if (value == null || value.isBlank()) {
      return DEFAULT_TIMEOUT;
    }
    try {
      long seconds = Long.parseLong(value.strip());
      if (seconds >= 1 && seconds <= 3600) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new ClusterException(
        Reason.CONFIGURATION,
        TIMEOUT_VARIABLE
            + ": '"
            + Printable.line(value)
            + "' is not a timeout; expected whole seconds from 1 to 3600");
  }

  private static Config configure(ClusterAccess access) {
    Config config;
    if (access.kubeconfig().isPresent()) {
      Path file = access.kubeconfig().get();
      KubeconfigCheck.requireFile(file, "kubeconfig " + file);
      io.fabric8.kubernetes.api.model.Config parsed = parse(file, "kubeconfig " + file);
      requireContext(
          access,
          parsed.getContexts() == null
              ? List.of()
              : parsed.getContexts().stream().map(NamedContext::getName).toList(),
          "kubeconfig " + file);
      try {
        config = Config.fromKubeconfig(access.context().orElse(null), file.toFile());
      } catch (RuntimeException e) {
        throw unreadable("kubeconfig " + file);
      }
      requireOneLineCredentials(config, "kubeconfig " + file);
    } else {
      for (Path file : KubeconfigCheck.defaultFiles()) {
        parse(file, "kubeconfig " + file);
      }
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
    return config;
  }

  /** The kubeconfig {@code file}, parsed and its fields checked before fabric8 uses them. */
  static io.fabric8.kubernetes.api.model.Config parse(Path file, String where) {
    io.fabric8.kubernetes.api.model.Config parsed;
    try {
      parsed = KubeConfigUtils.parseConfig(file.toFile());
    } catch (RuntimeException e) {
      // Not even --debug's stack trace shows the parser's exception: its message quotes the file.
      throw unreadable(where);
    }
    if (parsed == null) {
      throw unreadable(where);
    }
    KubeconfigCheck.requireFields(parsed, where);
    return parsed;
  }

  /**
   * A kubeconfig that does not parse, said without the parser's words: they quote the file's lines,
   * and a line of a kubeconfig may be a token.
   */
  static ClusterException unreadable(String what) {
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
