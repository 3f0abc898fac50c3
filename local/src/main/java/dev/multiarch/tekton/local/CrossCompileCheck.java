package dev.multiarch.tekton.local;

import dev.multiarch.tekton.Containerfiles;
import dev.multiarch.tekton.Containerfiles.TargetInstruction;
import dev.multiarch.tekton.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * run-local's reading of the source folder's Containerfile before anything runs, by the rules the
 * build task applies ({@link Containerfiles}): a spec that says crossCompiled whose Containerfile
 * runs an instruction on the target platform is refused, naming it; a spec that emulates a platform
 * its Containerfile does not need an emulator for gets one line of advice.
 */
final class CrossCompileCheck {

  private CrossCompileCheck() {}

  /**
   * The advice for this run, if any.
   *
   * @param sourceTree the checked copy of the source folder; empty when the builds clone git
   * @throws LocalRunException when the spec says crossCompiled and the Containerfile disagrees
   */
  static Optional<String> check(Optional<Path> sourceTree, RunInputs inputs) {
    if (sourceTree.isEmpty() || inputs.containerfile().isEmpty()) {
      return Optional.empty();
    }
    Path file = sourceTree.get().resolve(inputs.containerfile()).normalize();
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Optional<TargetInstruction> target;
    try {
      target = Containerfiles.firstTargetInstruction(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = Path.of(inputs.containerfile()).normalize().toString();
    if (inputs.crossCompiled() && target.isPresent()) {
      throw new LocalRunException(
          "run-local refuses this build: spec.crossCompiled says no instruction runs on the target"
              + " platform, but "
              + name
              + ":"
              + target.get()
              + " does, and no emulator would be registered for it; move it into a stage FROM"
              + " --platform=$BUILDPLATFORM, or drop spec.crossCompiled");
    }
    List<Platform> emulated = inputs.emulatedPlatforms();
    if (!inputs.crossCompiled() && target.isEmpty() && !emulated.isEmpty()) {
      return Optional.of(
          "advice: "
              + name
              + " runs no instruction on the target platform, so "
              + String.join(", ", emulated.stream().map(Platform::toString).toList())
              + " need no emulator: spec.crossCompiled: true registers none and makes nothing"
              + " privileged");
    }
    return Optional.empty();
  }
}
