package dev.multiarch.tekton.cluster;

import java.util.List;
import java.util.Objects;

/**
 * One finding of {@link Cluster#doctor}: what was checked, whether it would stop a build, and in
 * the message what was found and, for a problem, its fix.
 *
 * @param topic what was checked ({@code tekton}, {@code feature-flags}, {@code registry}, {@code
 *     builder-image}, {@code storage}, {@code secret}, {@code access})
 */
public record Check(String topic, Outcome outcome, String message) {

  /** Whether a finding stops a build. */
  public enum Outcome {
    /** Nothing in the way. */
    OK,
    /** Could not be checked, or may matter; the build is not stopped by it. */
    WARNING,
    /** Would stop the build; the message names the fix. */
    PROBLEM
  }

  /** The longest message a check prints; a hostile answer is cut, never printed whole. */
  static final int MAX_MESSAGE = 400;

  public Check {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(outcome, "outcome");
    String line = message.replaceAll("\\p{Cntrl}", " ");
    message = line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line;
  }

  public static Check ok(String topic, String message) {
    return new Check(topic, Outcome.OK, message);
  }

  public static Check warning(String topic, String message) {
    return new Check(topic, Outcome.WARNING, message);
  }

  public static Check problem(String topic, String message) {
    return new Check(topic, Outcome.PROBLEM, message);
  }

  /** True when one of {@code checks} would stop the build. */
  public static boolean blocking(List<Check> checks) {
    return checks.stream().anyMatch(check -> check.outcome() == Outcome.PROBLEM);
  }

  /** The line doctor prints: {@code ok tekton: Tekton Pipelines v0.68.1 ...}. */
  @Override
  public String toString() {
    return String.format(
        "%-8s %s: %s", outcome.name().toLowerCase(java.util.Locale.ROOT), topic, message);
  }
}
