package dev.multiarch.tekton.internal.assembly;

import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.Placement;
import dev.multiarch.tekton.Platform;
import java.util.Map;

/**
 * What a placement allows in a spec, checked while the spec is built (before a {@link
 * PlacementMode} can exist): its form of emulator cleanup and the emulation nodes' selector. One
 * per placement, chosen in one place.
 */
public interface SpecRules {

  /** The rules of {@code placement}. */
  static SpecRules of(Placement placement) {
    return switch (placement) {
      case SAME_NODE -> SameNode.SPEC_RULES;
      case IN_POD -> InPod.SPEC_RULES;
      case DAEMONSET -> DaemonSetPlacement.SPEC_RULES;
    };
  }

  /**
   * Checks emulator cleanup, with {@code emulates} whether any platform is emulated.
   *
   * @throws InvalidValueException naming {@code spec.cleanupEmulators}
   */
  default void checkCleanup(boolean cleanupEmulators, boolean emulates) {
    if (cleanupEmulators && !emulates) {
      throw new InvalidValueException(
          "spec.cleanupEmulators",
          "true",
          "false when no platform is emulated: nothing is registered to clean up");
    }
  }

  /** Whether cleanup is a finally task, whose time the run's timeout keeps. */
  default boolean cleanupTask(boolean cleanupEmulators) {
    return false;
  }

  /**
   * The emulation nodes' selector the spec gets: the placement's default when none is given.
   *
   * @throws InvalidValueException naming {@code spec.emulationNodeSelector} when the placement
   *     takes none
   */
  default Map<String, String> emulationNodeSelector(
      Map<String, String> given, Placement placement, Platform nodePlatform) {
    if (given != null && !given.isEmpty()) {
      throw new InvalidValueException(
          "spec.emulationNodeSelector",
          String.join(",", given.keySet()),
          "no emulationNodeSelector with placement "
              + placement.text()
              + ": it picks the emulator DaemonSet's"
              + " nodes, in placement daemonset only");
    }
    return Map.of();
  }
}
