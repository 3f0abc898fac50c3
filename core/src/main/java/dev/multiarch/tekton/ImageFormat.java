package dev.multiarch.tekton;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The one manifest format used for every per-arch image and for the manifest list. */
public enum ImageFormat {
  /** OCI image manifests and an OCI image index. */
  OCI("oci"),
  /** Docker v2s2 manifests and a Docker manifest list. */
  DOCKER("docker");

  private final String text;

  ImageFormat(String text) {
    this.text = text;
  }

  /** The value of buildah's {@code --format}. */
  public String text() {
    return text;
  }

  /** Parses {@code oci} or {@code docker}. */
  public static ImageFormat parse(String text) {
    for (ImageFormat f : values()) {
      if (f.text.equals(text)) {
        return f;
      }
    }
    throw new InvalidValueException(
        String.valueOf(text),
        "one of "
            + Arrays.stream(values()).map(ImageFormat::text).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return text;
  }
}
