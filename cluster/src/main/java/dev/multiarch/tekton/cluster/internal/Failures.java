package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.cluster.ClusterException.Reason;
import dev.multiarch.tekton.input.IoReasons;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.HttpURLConnection;

/**
 * Turns what fabric8 throws into a {@link ClusterException} whose one line says what was being
 * done: the verb, the resource and the namespace, as RBAC names them.
 */
public final class Failures {

  private final String server;

  public Failures(String server) {
    this.server = server;
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
      return new ClusterException(
          Reason.UNREACHABLE, "cannot reach the cluster at " + server + ": " + rootMessage(e), e);
    }
    return switch (e.getCode()) {
      case HttpURLConnection.HTTP_UNAUTHORIZED ->
          new ClusterException(
              Reason.UNAUTHORIZED,
              "the cluster at "
                  + server
                  + " refused the credentials (401 Unauthorized); log in again (oc login, or a fresh kubeconfig)",
              e);
      case HttpURLConnection.HTTP_FORBIDDEN ->
          new ClusterException(
              Reason.FORBIDDEN,
              "RBAC forbids '"
                  + verb
                  + "' on "
                  + resource
                  + where
                  + statusMessage(e, "; the cluster said: "),
              e);
      default ->
          new ClusterException(
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
