package dev.multiarch.tekton;

import java.util.List;
import java.util.Objects;

/**
 * Everything needed to generate one multi-arch build: what to build, for which platforms, where the
 * per-arch images go and where the multi-arch image is published. Immutable; change one field with
 * {@link #toBuilder()}.
 *
 * @param name the Pipeline's name; the other resources' names derive from it
 * @param namespace the namespace everything is generated for
 * @param platforms the target platforms, in order
 * @param source where the source comes from
 * @param imageStream where the per-arch images are pushed
 * @param destination where the multi-arch image is published
 * @param builderImage the qemu-enabled Buildah image of the build and manifest steps
 * @param binfmtImage the tonistiigi/binfmt image that registers emulators
 * @param nodePlatform the platform of the nodes that run the builds; no emulator is installed for it
 * @param placement how emulator registration reaches the build pods
 * @param format the manifest format of the images and of the list
 * @param cleanupEmulators whether a finally task uninstalls the emulators again
 */
public record BuildSpec(
    String name,
    String namespace,
    List<Platform> platforms,
    Source source,
    ImageStreamTarget imageStream,
    Destination destination,
    String builderImage,
    String binfmtImage,
    Platform nodePlatform,
    Placement placement,
    ImageFormat format,
    boolean cleanupEmulators) {

  /** The Buildah image with qemu-user-static built from {@code containers/}, pinned. */
  public static final String DEFAULT_BUILDER_IMAGE = "quay.io/multiarch-tekton/buildah-qemu:1.39.0-1";
  /** tonistiigi/binfmt at a pinned QEMU version, never {@code latest}. */
  public static final String DEFAULT_BINFMT_IMAGE = "docker.io/tonistiigi/binfmt:qemu-v9.2.2";
  public static final Platform DEFAULT_NODE_PLATFORM = Platform.parse("linux/amd64");

  public BuildSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    platforms = List.copyOf(platforms);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(imageStream, "imageStream");
    Objects.requireNonNull(destination, "destination");
    builderImage = builderImage == null || builderImage.isEmpty() ? DEFAULT_BUILDER_IMAGE : builderImage;
    binfmtImage = binfmtImage == null || binfmtImage.isEmpty() ? DEFAULT_BINFMT_IMAGE : binfmtImage;
    nodePlatform = nodePlatform == null ? DEFAULT_NODE_PLATFORM : nodePlatform;
    placement = placement == null ? Placement.SAME_NODE : placement;
    format = format == null ? ImageFormat.OCI : format;
  }

  /** The platforms that need an emulator on a node of {@link #nodePlatform()}, without repeats. */
  public List<Platform> emulatedPlatforms() {
    return platforms.stream().filter(p -> !p.runsNativelyOn(nodePlatform)).distinct().toList();
  }

  /** A builder holding this spec's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A builder with defaults for everything but name, namespace, platforms, source and images. */
  public static Builder builder() {
    return new Builder(null);
  }

  /** Builds a {@link BuildSpec}; every setter returns the builder. */
  public static final class Builder {
    private String name;
    private String namespace;
    private List<Platform> platforms = List.of();
    private Source source = new Source("", "", "", "", null);
    private ImageStreamTarget imageStream;
    private Destination destination;
    private String builderImage;
    private String binfmtImage;
    private Platform nodePlatform;
    private Placement placement;
    private ImageFormat format;
    private boolean cleanupEmulators;

    private Builder(BuildSpec from) {
      if (from != null) {
        name = from.name;
        namespace = from.namespace;
        platforms = from.platforms;
        source = from.source;
        imageStream = from.imageStream;
        destination = from.destination;
        builderImage = from.builderImage;
        binfmtImage = from.binfmtImage;
        nodePlatform = from.nodePlatform;
        placement = from.placement;
        format = from.format;
        cleanupEmulators = from.cleanupEmulators;
      }
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder platforms(List<Platform> platforms) {
      this.platforms = platforms;
      return this;
    }

    public Builder source(Source source) {
      this.source = source;
      return this;
    }

    public Builder imageStream(ImageStreamTarget imageStream) {
      this.imageStream = imageStream;
      return this;
    }

    public Builder destination(Destination destination) {
      this.destination = destination;
      return this;
    }

    public Builder builderImage(String builderImage) {
      this.builderImage = builderImage;
      return this;
    }

    public Builder binfmtImage(String binfmtImage) {
      this.binfmtImage = binfmtImage;
      return this;
    }

    public Builder nodePlatform(Platform nodePlatform) {
      this.nodePlatform = nodePlatform;
      return this;
    }

    public Builder placement(Placement placement) {
      this.placement = placement;
      return this;
    }

    public Builder format(ImageFormat format) {
      this.format = format;
      return this;
    }

    public Builder cleanupEmulators(boolean cleanupEmulators) {
      this.cleanupEmulators = cleanupEmulators;
      return this;
    }

    /** The spec; invalid values throw {@link InvalidValueException}. */
    public BuildSpec build() {
      return new BuildSpec(name, namespace, platforms, source, imageStream, destination, builderImage,
          binfmtImage, nodePlatform, placement, format, cleanupEmulators);
    }
  }
}
