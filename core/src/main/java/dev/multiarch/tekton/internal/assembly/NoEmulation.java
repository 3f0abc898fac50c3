package dev.multiarch.tekton.internal.assembly;

import dev.multiarch.tekton.BuildSpec;

/**
 * Every placement when no platform needs an emulator (each native, or the build nodes' own): no
 * binfmt task, no privileged ServiceAccount, no binding to the privileged SCC; every build clones
 * into a workspace of its own.
 */
final class NoEmulation extends PlacementMode {

  NoEmulation(BuildSpec spec, PlatformLayout layout) {
    super(spec, layout);
  }

  @Override
  String emulation() {
    return "no emulation";
  }
}
