package dev.multiarch.tekton.tasks;

/** Names of the catalog Tasks' results, for {@code $(tasks.<name>.results.<result>)} references. */
public final class Results {

  /** The pushed image's or manifest list's digest, {@code sha256:...}. */
  public static final String IMAGE_DIGEST = "IMAGE_DIGEST";
  /** The pushed reference by tag, {@code repo:tag}. */
  public static final String IMAGE_URL = "IMAGE_URL";
  /** The pushed image by digest, {@code repo@sha256:...}; the manifest task's IMAGE_REFS. */
  public static final String IMAGE_REF = "IMAGE_REF";
  /** Comma-separated platforms the binfmt task verified as emulated (native ones are not listed). */
  public static final String EMULATORS_VERIFIED = "EMULATORS_VERIFIED";

  private Results() {
  }
}
