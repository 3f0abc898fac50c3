package dev.multiarch.tekton.tasks;

/**
 * The pinned images of the catalog Tasks, and the names of the builder image that {@code
 * containers/} describes. Nobody publishes that image: a cluster builds it once with the builder
 * image bootstrap ({@link BuilderImageTask}), from {@link #BUILDAH_BASE} and public images only.
 */
public final class Images {

  /**
   * The builder image's base, also the image the bootstrap builds it with. Pinned by tag: buildah's
   * version tags of quay.io/buildah/stable are never updated once pushed (containers/buildah,
   * contrib/buildahimage/README.md); no digest of it is published where it can be cited. It must be
   * the final {@code FROM} of {@code containers/Containerfile} (a test checks it).
   */
  public static final String BUILDAH_BASE = "quay.io/buildah/stable:v1.39.0";

  /** The builder image's repository name: the ImageStream in the internal registry. */
  public static final String BUILDER_STREAM = "buildah-qemu";

  /** The builder image's version: buildah's, then this project's revision of the Containerfile. */
  public static final String BUILDER_TAG = "1.39.0-1";

  /** The OpenShift internal registry's service address. */
  public static final String INTERNAL_REGISTRY = "image-registry.openshift-image-registry.svc:5000";

  /** tonistiigi/binfmt, which registers the QEMU emulators on the node. */
  public static final String DEFAULT_BINFMT = "docker.io/tonistiigi/binfmt:qemu-v9.2.2";

  /**
   * OpenShift's own {@code oc} image, in every OpenShift cluster's {@code openshift} namespace and
   * of the cluster's version, so its {@code oc import-image} knows {@code --import-mode} (OpenShift
   * 4.12 and later). It is the image of OpenShift's pipelines tutorial's apply-manifests Task and
   * of the {@code openshift-client} Task's usual configuration. Tags of that ImageStream are not
   * versioned: {@code latest} follows the cluster's upgrades.
   */
  public static final String OPENSHIFT_CLI = INTERNAL_REGISTRY + "/openshift/cli:latest";

  private Images() {}

  /** The builder image in {@code namespace}'s ImageStream {@link #BUILDER_STREAM}. */
  public static String internalBuilder(String namespace) {
    return internalBuilderRepository(namespace) + ":" + BUILDER_TAG;
  }

  /** The repository of {@link #internalBuilder(String)}, without tag. */
  public static String internalBuilderRepository(String namespace) {
    return INTERNAL_REGISTRY + "/" + namespace + "/" + BUILDER_STREAM;
  }

  /**
   * The builder image's tag in a staging repository it shares with the per-arch images, so the same
   * push credentials serve both: {@code buildah-qemu-1.39.0-1}.
   */
  public static String stagingBuilderTag() {
    return BUILDER_STREAM + "-" + BUILDER_TAG;
  }
}
