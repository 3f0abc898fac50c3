package dev.multiarch.tekton;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where the emulators a build needs are registered; see {@code docs/placement.md}. */
public enum Placement {
  /**
   * One privileged binfmt TaskRun registers them; a shared PVC workspace keeps every TaskRun on its
   * node.
   */
  SAME_NODE("same-node"),
  /**
   * Each build pod registers the run's emulators on its node in a privileged first step; builds
   * spread.
   */
  IN_POD("in-pod"),
  /**
   * A privileged DaemonSet registers the emulators on labelled build nodes and stays; the Pipeline
   * has nothing privileged, and the emulated builds are pinned to those nodes and spread across
   * them.
   */
  DAEMONSET("daemonset");

  private final String text;

  Placement(String text) {
    this.text = text;
  }

  /** The spelling used in spec files and on the command line. */
  public String text() {
    return text;
  }

  /** Parses {@code same-node}, {@code in-pod} or {@code daemonset}. */
  public static Placement parse(String text) {
    for (Placement p : values()) {
      if (p.text.equals(text)) {
        return p;
      }
    }
    throw new InvalidValueException(
        String.valueOf(text),
        "one of " + Arrays.stream(values()).map(Placement::text).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return text;
  }
}
