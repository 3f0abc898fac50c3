package dev.multiarch.tekton;

/**
 * The OpenShift ImageStream that receives the per-architecture images, tagged
 * {@code <tag>-<os>-<arch>[-<variant>]}.
 *
 * @param name the ImageStream's name
 * @param tag the tag prefix of the per-architecture images
 */
public record ImageStreamTarget(String name, String tag) {

  public static final String DEFAULT_TAG = "latest";
  /** The cluster-internal registry service that serves ImageStreams. */
  public static final String INTERNAL_REGISTRY = "image-registry.openshift-image-registry.svc:5000";

  public ImageStreamTarget {
    tag = tag == null || tag.isEmpty() ? DEFAULT_TAG : tag;
  }

  /** The repository the builds push to: {@code <registry>/<namespace>/<name>}. */
  public String repository(String namespace) {
    return INTERNAL_REGISTRY + "/" + namespace + "/" + name;
  }
}
