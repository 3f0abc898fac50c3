package dev.multiarch.tekton;

import dev.multiarch.tekton.internal.spec.Checks;
import dev.multiarch.tekton.tasks.Images;

/**
 * The OpenShift ImageStream that receives the per-architecture images, tagged {@code
 * <tag>-<os>-<arch>[-<variant>]}.
 *
 * <p>The constructor throws {@link InvalidValueException} if a value is not allowed, naming {@code
 * spec.imageStream.name} or {@code spec.imageStream.tag}.
 *
 * @param name the ImageStream's name, a DNS-1123 label
 * @param tag the tag prefix of the per-architecture images; short enough that the longest platform
 *     suffix still fits an image tag's 128 characters
 * @param importIndex whether the published multi-arch image (its index) is imported into tag {@code
 *     tag} of the ImageStream after the push, keeping every platform ({@code importMode:
 *     PreserveOriginal}, OpenShift 4.12 and later)
 */
public record ImageStreamTarget(String name, String tag, boolean importIndex) {

  public static final String DEFAULT_TAG = "latest";

  /** The cluster-internal registry service that serves ImageStreams. */
  public static final String INTERNAL_REGISTRY = Images.INTERNAL_REGISTRY;

  /**
   * The longest tag prefix: a per-arch tag {@code <tag>-linux-mips64le} must stay within 128
   * characters.
   */
  public static final int MAX_TAG = Checks.MAX_TAG - Checks.longestPlatformSuffix();

  public ImageStreamTarget {
    name = Checks.dnsLabel("spec.imageStream.name", name, 63);
    tag = tag == null || tag.isEmpty() ? DEFAULT_TAG : tag;
    Checks.tag("spec.imageStream.tag", tag, MAX_TAG);
  }

  /** A target whose index is not imported. */
  public ImageStreamTarget(String name, String tag) {
    this(name, tag, false);
  }

  /** The same ImageStream and tag, importing the index or not. */
  public ImageStreamTarget withImportIndex(boolean importIndex) {
    return new ImageStreamTarget(name, tag, importIndex);
  }

  /**
   * The default target of a spec named {@code name}: ImageStream {@code name}, tag {@code latest}.
   */
  public static ImageStreamTarget of(String name) {
    return new ImageStreamTarget(name, DEFAULT_TAG);
  }

  /** The repository the builds push to: {@code <registry>/<namespace>/<name>}. */
  public String repository(String namespace) {
    return INTERNAL_REGISTRY + "/" + namespace + "/" + name;
  }
}
