package dev.multiarch.tekton.internal.assembly;

import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each platform builds, whatever the placement: the native platforms each in a pipeline task
 * of their own pinned to their nodes, every other one in the matrixed {@code build} task on the
 * build nodes, where all but the node platform are emulated.
 *
 * @param all every platform, in the spec's (and the image index's) order
 * @param natives the native platforms, in the spec's platform order
 * @param matrix the platforms the matrixed build fans out over, in the spec's order
 * @param emulated the platforms of the matrix that the build nodes emulate; never a native platform
 */
public record PlatformLayout(
    List<Platform> all,
    List<NativePlatform> natives,
    List<Platform> matrix,
    List<Platform> emulated) {

  public PlatformLayout {
    all = List.copyOf(all);
    natives = List.copyOf(natives);
    matrix = List.copyOf(matrix);
    emulated = List.copyOf(emulated);
  }

  /**
   * The layout of {@code platforms} built on nodes of {@code nodePlatform}, {@code natives} pinned
   * elsewhere; with {@code crossCompiled} (the Containerfile runs nothing on the target platform)
   * none is emulated.
   */
  public static PlatformLayout of(
      List<Platform> platforms,
      List<NativePlatform> natives,
      Platform nodePlatform,
      boolean crossCompiled) {
    List<NativePlatform> nativeInOrder = new ArrayList<>();
    List<Platform> matrix = new ArrayList<>();
    for (Platform platform : platforms) {
      Optional<NativePlatform> pinned =
          natives.stream().filter(n -> n.platform().equals(platform)).findFirst();
      if (pinned.isPresent()) {
        nativeInOrder.add(pinned.get());
      } else {
        matrix.add(platform);
      }
    }
    List<Platform> emulated =
        crossCompiled
            ? List.of()
            : Platform.emulatedOn(
                nodePlatform,
                platforms,
                nativeInOrder.stream().map(NativePlatform::platform).toList());
    return new PlatformLayout(platforms, nativeInOrder, matrix, emulated);
  }

  /** Whether any platform builds in the matrixed {@code build} task. */
  public boolean hasMatrix() {
    return !matrix.isEmpty();
  }

  /** Whether any platform needs an emulator: without one, nothing is privileged. */
  public boolean emulates() {
    return !emulated.isEmpty();
  }

  /**
   * The pipeline task of a native platform: {@code build-linux-arm64}, {@code build-linux-arm-v7}.
   */
  public static String nativeTaskName(Platform platform) {
    return Names.BUILD_TASK + "-" + platform.tagSuffix();
  }

  /**
   * The platforms in the order the builds' IMAGE_REF results reach the manifest task: the matrix's,
   * then natives'.
   */
  public List<Platform> resultOrder() {
    List<Platform> order = new ArrayList<>(matrix);
    natives.forEach(n -> order.add(n.platform()));
    return order;
  }
}
