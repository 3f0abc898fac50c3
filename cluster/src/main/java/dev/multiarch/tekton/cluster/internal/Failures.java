package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.cluster.ClusterException.Reason;
import dev.multiarch.tekton.input.IoReasons;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns what fabric8 throws into a {@link ClusterException} whose one line says what was being
 * done: the verb, the resource and the namespace, as RBAC names them. Every such line is {@link
 * #scrub scrubbed} of the kubeconfig's credentials here, the one place cluster messages are built
 * from what a library or a server said.
 */
public final class Failures {

  // scheme://user:password@host: the user info goes, the rest of the address stays; up to the
  // last @ of the authority, as a password may hold one.
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s?#]*@");

  // A URL's query string (a signed URL's key, an exec plugin's token) goes too.
  private static final Pattern QUERY =
      Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^\\s?#]*)\\?[^\\s#]*");

  /** A secret shorter than this is not looked for: it would blank ordinary words. */
  private static final int SHORTEST_SECRET = 4;

  private final String server;
  private final List<String> secrets;

  /** The messages of a client built from {@code config}: its server, its credentials hidden. */
  public Failures(Config config) {
    this(config.getMasterUrl(), secretsOf(config));
  }

  Failures(String server, List<String> secrets) {
    this.secrets =
        secrets.stream()
            .filter(Objects::nonNull)
            .flatMap(secret -> Stream.concat(Stream.of(secret), secret.lines()))
            .map(String::strip)
            .filter(secret -> secret.length() >= SHORTEST_SECRET)
            .distinct()
            // The longest first: a secret that holds a shorter one is hidden whole.
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    this.server = server == null ? "" : scrub(server);
  }

  private static List<String> secretsOf(Config config) {
    List<String> secrets = new ArrayList<>();
    secrets.add(config.getOauthToken());
    secrets.add(config.getAutoOAuthToken());
    secrets.add(config.getPassword());
    secrets.add(config.getClientKeyData());
    secrets.add(config.getClientKeyPassphrase());
    secrets.add(config.getProxyPassword());
    if (config.getAuthProvider() != null && config.getAuthProvider().getConfig() != null) {
      Map<String, String> provider = config.getAuthProvider().getConfig();
      secrets.addAll(provider.values());
    }
    return secrets;
  }

  /**
   * {@code text} without anything of the kubeconfig's credentials: its token, password and client
   * key shown as {@code ***}, and every URL without user info or query string.
   */
  public String scrub(String text) {
    String scrubbed = text;
    for (String secret : secrets) {
      scrubbed = scrubbed.replace(secret, "***");
    }
    scrubbed = USER_INFO.matcher(scrubbed).replaceAll("$1");
    return QUERY.matcher(scrubbed).replaceAll("$1");
  }

  /** The cluster's address as the messages name it. */
  public String server() {
    return server;
  }

  /**
   * What went wrong when {@code verb} ({@code get}, {@code patch}, {@code create}, ...) was done on
   * {@code resource} (a plural with its group, {@code pipelines.tekton.dev}) in {@code namespace}
   * (empty for discovery).
   */
  public ClusterException of(
      KubernetesClientException e, String verb, String resource, String namespace) {
    String where = namespace.isEmpty() ? "" : " in namespace " + namespace;
    if (unreachable(e)) {
      return failure(
          Reason.UNREACHABLE, "cannot reach the cluster at " + server + ": " + rootMessage(e), e);
    }
    return switch (e.getCode()) {
      case HttpURLConnection.HTTP_UNAUTHORIZED ->
          failure(
              Reason.UNAUTHORIZED,
              "the cluster at "
                  + server
                  + " refused the credentials (401 Unauthorized); log in again (oc login, or a fresh kubeconfig)",
              e);
      case HttpURLConnection.HTTP_FORBIDDEN ->
          failure(
              Reason.FORBIDDEN,
              "RBAC forbids '"
                  + verb
                  + "' on "
                  + resource
                  + where
                  + statusMessage(e, "; the cluster said: "),
              e);
      default ->
          failure(
              Reason.REJECTED,
              verb
                  + " "
                  + resource
                  + where
                  + " failed"
                  + (e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "")
                  + statusMessage(e, ": "),
              e);
    };
  }

  private ClusterException failure(Reason reason, String message, Throwable cause) {
    return new ClusterException(reason, scrub(message), cause);
  }

  private static boolean unreachable(KubernetesClientException e) {
    if (e.getCode() > 0) {
      return false;
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String statusMessage(KubernetesClientException e, String prefix) {
    String message =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : "";
    return message.isBlank() ? "" : prefix + message.strip().replace('\n', ' ');
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    // In words, never a Java class name: a bare IOException says what the system said, or that it
    // said nothing.
    String message =
        root instanceof IOException io
            ? IoReasons.of(io)
            : root.getMessage() == null ? "no detail given" : root.getMessage();
    return message.strip().replace('\n', ' ');
  }
}
