package dev.multiarch.tekton;

import java.util.List;

/**
 * Where the multi-arch image is published, for example Quay.io.
 *
 * @param repository the image repository without tag, for example {@code quay.io/org/app}
 * @param tags every tag the manifest list is pushed to, first one first
 * @param credentialsSecret the name of a docker-config Secret bound to the {@code dockerconfig}
 *     workspace, or empty when the ServiceAccount's own secrets suffice
 */
public record Destination(String repository, List<String> tags, String credentialsSecret) {

  public static final String DEFAULT_TAG = "latest";

  public Destination {
    tags = tags == null || tags.isEmpty() ? List.of(DEFAULT_TAG) : List.copyOf(tags);
    credentialsSecret = credentialsSecret == null ? "" : credentialsSecret;
  }

  /** The reference of the first tag: {@code quay.io/org/app:1.2}. */
  public String image() {
    return repository + ":" + tags.get(0);
  }
}
