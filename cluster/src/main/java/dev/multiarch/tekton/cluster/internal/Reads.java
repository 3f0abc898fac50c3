package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.cluster.ClusterException.Reason;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * A read for a check: a cluster that cannot be used at all (unreachable, credentials refused) stops
 * the command; any other refusal (403, an answer that does not parse) becomes {@link Unanswered},
 * which the check turns into a warning naming what could not be checked.
 */
final class Reads {

  /** The cluster did not answer one question; the message says which and why. */
  static final class Unanswered extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unanswered(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private Reads() {}

  static <T> T read(
      Failures failures, Supplier<T> get, String verb, String resource, String namespace) {
    try {
      return get.get();
    } catch (KubernetesClientException e) {
      ClusterException failure = failures.of(e, verb, resource, namespace);
      if (failure.reason() == Reason.UNREACHABLE || failure.reason() == Reason.UNAUTHORIZED) {
        throw failure;
      }
      throw new Unanswered(failure.getMessage(), e);
    } catch (RuntimeException e) {
      // An answer fabric8 cannot turn into its model (a hostile or broken server) is one more
      // question the cluster did not answer, not a crash.
      throw new Unanswered(
          verb
              + " "
              + resource
              + (namespace.isEmpty() ? "" : " in namespace " + namespace)
              + " gave an answer that could not be read",
          e);
    }
  }
}
