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

  /** Reason phrases of the statuses named, ours: the server's own may hold anything. */
  private static final Map<Integer, String> PHRASES =
      Map.ofEntries(
          Map.entry(300, "Multiple Choices"),
          Map.entry(301, "Moved Permanently"),
          Map.entry(302, "Found"),
          Map.entry(303, "See Other"),
          Map.entry(307, "Temporary Redirect"),
          Map.entry(308, "Permanent Redirect"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(501, "Not Implemented"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"));

  private final String server;
  private final List<String> secrets;
  private final long timeoutSeconds;

  /** The messages of a client built from {@code config}: its server, its credentials hidden. */
  public Failures(Config config) {
    this(
        config.getMasterUrl(),
        secretsOf(config),
        config.getRequestTimeout() == null ? 0 : config.getRequestTimeout() / 1000L);
  }

  Failures(String server, List<String> secrets) {
    this(server, secrets, 0);
  }

  private Failures(String server, List<String> secrets, long timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
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
    String asked = " when asked to " + verb + " " + resource + where;
    String network = networkFault(e);
    if (network != null) {
      return failure(Reason.UNREACHABLE, "the cluster at " + server + " " + network + asked, e);
    }
    if (unreachable(e)) {
      return failure(
          Reason.UNREACHABLE, "cannot reach the cluster at " + server + ": " + rootMessage(e), e);
    }
    int code = e.getCode();
    if (code == 429 || code >= 500) {
      // fabric8 retried it already (Clients.REQUEST_RETRIES): it is the cluster's problem.
      return failure(
          Reason.UNREACHABLE, "the cluster at " + server + " answered " + status(code) + asked, e);
    }
    if (code >= 300 && code < 400) {
      return failure(
          Reason.UNREACHABLE,
          "the cluster at "
              + server
              + " answered "
              + status(code)
              + ", a redirect,"
              + asked
              + "; redirects are not followed, as they could carry the credentials to another"
              + " server",
          e);
    }
    return switch (code) {
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
    return new ClusterException(reason, scrub(message), scrubbed(cause, 0));
  }

  /** The most causes of one failure {@code --debug} shows; a longer (or circular) chain is cut. */
  private static final int MOST_CAUSES = 20;

  /**
   * {@code cause} as {@code --debug}'s stack trace shows it: each exception of the chain with its
   * text scrubbed (a library's message may quote a request's URL, user info and all) and its frames
   * kept.
   */
  private Throwable scrubbed(Throwable cause, int depth) {
    if (cause == null || depth == MOST_CAUSES) {
      return null;
    }
    ScrubbedCause copy =
        new ScrubbedCause(scrub(cause.toString()), scrubbed(cause.getCause(), depth + 1));
    copy.setStackTrace(cause.getStackTrace());
    return copy;
  }

  /** An exception of a cause chain, by its scrubbed text: its class name and its message. */
  private static final class ScrubbedCause extends Exception {
    private static final long serialVersionUID = 1L;

    ScrubbedCause(String text, Throwable cause) {
      super(text, cause, false, true);
    }

    // It stands for an exception of another class: its text names that class, as the original's
    // toString() did, so the trace reads as the original's would.
    @SuppressWarnings("OverrideThrowableToString")
    @Override
    public String toString() {
      return getMessage();
    }
  }

  private static String status(int code) {
    String phrase = PHRASES.get(code);
    return phrase == null ? String.valueOf(code) : code + " " + phrase;
  }

  /**
   * What went wrong on the way, said in words, when no HTTP status came back: a bound of {@link
   * AnswerBounds}, a timeout, a closed connection, an answer that is not HTTP; null for a
   * connection that could not be made (said by {@link #unreachable}) and for an HTTP status.
   */
  private String networkFault(KubernetesClientException e) {
    if (e.getCode() > 0) {
      return null;
    }
    if (AnswerBounds.timedOut()) {
      return within();
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getSimpleName();
      if (t instanceof AnswerBounds.Exceeded exceeded) {
        return exceeded.tooLarge()
            ? "sent more than " + (AnswerBounds.MAX_BYTES >> 20) + " MiB"
            : within();
      }
      // Jackson's parse errors are IOExceptions: a 200 whose body is not a Kubernetes object.
      if (name.startsWith("Json") || name.contains("Mismatched")) {
        return "answered something that is not a Kubernetes object in JSON";
      }
      if (name.equals("ConnectTimeoutException")) {
        return null;
      }
      // java.util.concurrent.TimeoutException from fabric8's own bound on an answer
      // (AsyncUtils.withTimeout), Vert.x's NoStackTraceTimeoutException from its idle timeout.
      if (name.contains("TimeoutException")) {
        return within();
      }
      // Vert.x's HttpClosedException: the server closed the connection before an answer.
      if (name.equals("HttpClosedException") || "Connection was closed".equals(t.getMessage())) {
        return "closed the connection without an answer";
      }
      // Netty's decoder refuses what is not an HTTP status line or header.
      if (name.contains("DecoderException")
          || name.equals("TooLongHttpHeaderException")
          || name.equals("TooLongHttpLineException")
          || (t.getMessage() != null && t.getMessage().startsWith("invalid version format"))) {
        return "did not answer in HTTP";
      }
    }
    return unreachable(e) ? null : "did not answer in HTTP";
  }

  private String within() {
    return "did not answer within " + timeoutSeconds + " s";
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
