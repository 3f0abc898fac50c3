package dev.multiarch.tekton.cluster.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Tekton Pipelines release as {@code pipelines-info} names it ({@code v0.68.1}, {@code v1.0.0}).
 */
record TektonVersion(int major, int minor) implements Comparable<TektonVersion> {

  /** The first release whose matrix results ({@code IMAGE_REF[*]}) reach a later task. */
  static final TektonVersion MATRIX_RESULTS = new TektonVersion(0, 53);

  /**
   * From Tekton 1.0 the affinity assistant follows {@code coschedule} alone; before, {@code
   * disable-affinity-assistant} decides first (pkg/internal/affinityassistant,
   * GetAffinityAssistantBehavior).
   */
  static final TektonVersion COSCHEDULE_ONLY = new TektonVersion(1, 0);

  private static final Pattern VERSION =
      Pattern.compile("v?(\\d{1,6})\\.(\\d{1,6})(?:\\.\\d{1,6})?(?:[-+][0-9A-Za-z.-]{0,64})?");

  static Optional<TektonVersion> parse(String text) {
    Matcher matcher = VERSION.matcher(text.strip());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new TektonVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
  }

  @Override
  public int compareTo(TektonVersion other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }
}
