package dev.multiarch.tekton.tasks;

/** The pinned default images of the catalog Tasks' image params. */
public final class Images {

  /** The qemu-enabled buildah image built from {@code containers/}. */
  public static final String DEFAULT_BUILDER = "quay.io/multiarch-tekton/buildah-qemu:1.39.0-1";

  /** tonistiigi/binfmt, which registers the QEMU emulators on the node. */
  public static final String DEFAULT_BINFMT = "docker.io/tonistiigi/binfmt:qemu-v9.2.2";

  private Images() {}
}
