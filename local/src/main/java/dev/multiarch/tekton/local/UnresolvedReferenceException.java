package dev.multiarch.tekton.local;

/** A Tekton variable reference that names nothing in its scope, or is used in the wrong shape. */
final class UnresolvedReferenceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UnresolvedReferenceException(String where, String expression, String why) {
    super(where + ": $(" + expression + ") cannot be resolved: " + why);
  }
}
