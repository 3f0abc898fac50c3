package dev.multiarch.tekton.model;

/** A Tekton variable reference that names nothing in its scope, or is used in the wrong shape. */
public final class UnresolvedReferenceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String expression;

  public UnresolvedReferenceException(String where, String expression, String why) {
    super(where + ": $(" + expression + ") cannot be resolved: " + why);
    this.expression = expression;
  }

  /** The reference as written, without {@code $(} and {@code )}. */
  public String expression() {
    return expression;
  }
}
