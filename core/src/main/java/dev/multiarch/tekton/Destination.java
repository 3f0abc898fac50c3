package dev.multiarch.tekton;

import dev.multiarch.tekton.internal.spec.Checks;
import dev.multiarch.tekton.internal.spec.ImageReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the multi-arch image is published, for example Quay.io.
 *
 * <p>The constructor throws {@link InvalidValueException} if a value is not allowed, naming {@code
 * spec.destination.image}, {@code spec.destination.tags[i]} or {@code
 * spec.destination.credentialsSecret}.
 *
 * @param repository the image repository without tag, for example {@code quay.io/org/app}
 * @param tags every tag the manifest list is pushed to, first one first, each once
 * @param credentialsSecret the name of a docker-config Secret bound to the {@code dockerconfig}
 *     workspace, or empty when the ServiceAccount's own secrets suffice
 */
public record Destination(String repository, List<String> tags, String credentialsSecret) {

  public static final String DEFAULT_TAG = "latest";

  /** The most tags the multi-arch image is pushed to. */
  public static final int MAX_TAGS = 32;

  private static final String IMAGE = "spec.destination.image";
  private static final String TAGS = "spec.destination.tags";
  private static final String REPOSITORY_ALLOWED =
      "an image repository without tag or digest: a registry host[:port] and a lowercase path, "
          + "such as quay.io/org/app";
  private static final String IMAGE_ALLOWED =
      "an image repository with an optional tag: a registry host[:port], a lowercase path and an optional "
          + ":tag, such as quay.io/org/app:1.2";

  public Destination {
    repository = repository == null ? "" : repository;
    if (!ImageReference.isRepository(repository)) {
      throw new InvalidValueException(IMAGE, repository, REPOSITORY_ALLOWED);
    }
    tags = tags == null || tags.isEmpty() ? List.of(DEFAULT_TAG) : List.copyOf(tags);
    checkTags(tags, 0);
    credentialsSecret =
        Checks.emptyOrDnsSubdomain("spec.destination.credentialsSecret", credentialsSecret);
  }

  /**
   * The destination named by an image reference such as {@code quay.io/org/app:1.2}, as given to
   * the command line's {@code --destination}: the reference's tag, if any, comes first, then {@code
   * moreTags}; with neither, the tag is {@code latest}.
   *
   * @param image a repository with an optional tag; a digest is rejected since one cannot push to
   *     it
   * @param moreTags further tags, reported as {@code spec.destination.tags[i]}; may be null
   * @param credentialsSecret as in the record; may be null
   * @throws InvalidValueException if a value is not allowed
   */
  public static Destination of(String image, List<String> moreTags, String credentialsSecret) {
    String text = image == null ? "" : image;
    ImageReference ref =
        ImageReference.parse(text)
            .orElseThrow(() -> new InvalidValueException(IMAGE, text, IMAGE_ALLOWED));
    if (!ref.digest().isEmpty()) {
      throw new InvalidValueException(
          IMAGE,
          text,
          "a repository with an optional tag, such as quay.io/org/app:1.2; a digest cannot be pushed to");
    }
    List<String> tags = new ArrayList<>();
    if (!ref.tag().isEmpty()) {
      tags.add(ref.tag());
    }
    if (moreTags != null) {
      tags.addAll(moreTags);
    }
    // Checked here, with indexes into moreTags, so that messages name the spec file's entries.
    checkTags(tags, ref.tag().isEmpty() ? 0 : 1);
    return new Destination(ref.repository(), tags, credentialsSecret);
  }

  /** {@link #of} without further tags or credentials: {@code quay.io/org/app:1.2}. */
  public static Destination parse(String image) {
    return of(image, null, null);
  }

  /** The reference of the first tag: {@code quay.io/org/app:1.2}. */
  public String image() {
    return repository + ":" + tags.get(0);
  }

  /**
   * Checks {@code tags}, reported as {@code tags[i - offset]}; index -1 stands for the image's own
   * tag.
   */
  private static void checkTags(List<String> tags, int offset) {
    if (tags.size() > MAX_TAGS) {
      throw new InvalidValueException(
          TAGS,
          tags.size() + " tags",
          "at most " + MAX_TAGS + " tags, the image's own " + "tag included");
    }
    for (int i = 0; i < tags.size(); i++) {
      String field = tagField(i - offset);
      String tag = tags.get(i) == null ? "" : tags.get(i);
      Checks.tag(field, tag, Checks.MAX_TAG);
      int first = tags.subList(0, i).indexOf(tag);
      if (first >= 0) {
        throw new InvalidValueException(
            field, tag, "each tag once; it is already " + tagField(first - offset));
      }
    }
  }

  private static String tagField(int index) {
    return index < 0 ? IMAGE : TAGS + "[" + index + "]";
  }
}
