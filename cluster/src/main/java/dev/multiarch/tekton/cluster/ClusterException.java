package dev.multiarch.tekton.cluster;

import java.util.Objects;

/**
 * The cluster could not do what was asked, for a {@link Reason} a caller can act on; the message is
 * one line that names the cluster, the resource, the verb or the namespace concerned.
 */
public class ClusterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why the cluster could not do it. */
  public enum Reason {
    /** The kubeconfig cannot be read, or names no such context. */
    CONFIGURATION,
    /**
     * The cluster did not answer usably: nothing answered at its address, or it failed (a 5xx, a
     * 429), redirected, did not answer in time or in HTTP, or sent more than an answer may hold.
     */
    UNREACHABLE,
    /** The cluster refused the credentials (HTTP 401). */
    UNAUTHORIZED,
    /** The cluster serves no Tekton Pipelines API. */
    TEKTON_MISSING,
    /** RBAC forbids one action (HTTP 403). */
    FORBIDDEN,
    /** A resource needs OpenShift and the cluster is plain Kubernetes. */
    NOT_OPENSHIFT,
    /** A PipelineRun that was asked for does not exist. */
    NOT_FOUND,
    /** A check found something that would stop the build (see {@link Cluster#doctor}). */
    NOT_READY,
    /** The cluster refused a request for another reason (admission, validation). */
    REJECTED
  }

  private final Reason reason;

  public ClusterException(Reason reason, String message) {
    this(reason, message, null);
  }

  public ClusterException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
