package dev.multiarch.tekton.tasks;

/** Names of the catalog Tasks' results, for {@code $(tasks.<name>.results.<result>)} references. */
public final class Results {

  /** The pushed image's or manifest list's digest, {@code sha256:...}. */
  public static final String IMAGE_DIGEST = "IMAGE_DIGEST";

  /** The pushed reference by tag, {@code repo:tag}. */
  public static final String IMAGE_URL = "IMAGE_URL";

  /** The pushed image by digest, {@code repo@sha256:...}; the manifest task's IMAGE_REFS. */
  public static final String IMAGE_REF = "IMAGE_REF";

  /**
   * Every child of the pushed index at the destination, {@code repo@sha256:...}, comma-separated
   * (Tekton Chains).
   */
  public static final String IMAGES = "IMAGES";

  /**
   * The commit GIT_REVISION resolved to ({@code multiarch-resolve-commit}); empty for a workspace
   * source.
   */
  public static final String COMMIT = "COMMIT";

  /**
   * The git URL without credentials ({@code multiarch-resolve-commit}); empty for a workspace
   * source.
   */
  public static final String URL = "URL";

  /**
   * The binfmt_misc entries found registered but unusable from an unprivileged pod, and registered
   * anew, one a line; written by the steps that register emulators.
   */
  public static final String REPLACED_EMULATORS = "REPLACED_EMULATORS";

  /** The node the binfmt task registered the emulators on. */
  public static final String NODE_NAME = "NODE_NAME";

  /**
   * Comma-separated platforms the binfmt task verified as emulated (native ones are not listed).
   */
  public static final String EMULATORS_VERIFIED = "EMULATORS_VERIFIED";

  private Results() {}
}
