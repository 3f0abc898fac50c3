package dev.multiarch.tekton.local;

/**
 * run-local cannot run this Pipeline on this host: a Tekton feature it does not support, a missing host tool,
 * no root, no binfmt_misc, or a registry that does not answer. Thrown before any task runs.
 */
public final class LocalRunException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LocalRunException(String message) {
    super(message);
  }

  public LocalRunException(String message, Throwable cause) {
    super(message, cause);
  }
}
