package dev.multiarch.tekton.generate;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.Destination;
import dev.multiarch.tekton.ImageFormat;
import dev.multiarch.tekton.ImageStreamTarget;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.NodeToleration;
import dev.multiarch.tekton.Placement;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.Source;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Specs the generation tests share: built in code, so they test the API without the spec-file
 * parser.
 */
public final class Specs {

  private Specs() {}

  public static List<Platform> platforms(String... texts) {
    return java.util.Arrays.stream(texts).map(Platform::parse).toList();
  }

  /** Two platforms, git source, same-node placement, OCI. */
  public static BuildSpec twoPlatforms() {
    return BuildSpec.builder()
        .name("hello")
        .namespace("demo")
        .platforms(platforms("linux/amd64", "linux/arm64"))
        .source(new Source("https://github.com/example/hello.git", "main", null, null, Map.of()))
        .imageStream(new ImageStreamTarget("hello", "latest"))
        .destination(
            new Destination("quay.io/example/hello", List.of("1.0", "latest"), "quay-push"))
        .build();
  }

  /** Five platforms with linux/arm/v7, build args, docker format and emulator cleanup. */
  public static BuildSpec fivePlatforms() {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("VERSION", "2.4.0");
    args.put("NOTE", "quotes ' \" $(id) `id` ; stay inert");
    return BuildSpec.builder()
        .name("toolbox")
        .namespace("builds")
        .platforms(
            platforms("linux/amd64", "linux/arm64", "linux/arm/v7", "linux/ppc64le", "linux/s390x"))
        .source(
            new Source(
                "https://github.com/example/toolbox.git",
                "v2.4.0",
                "images/toolbox",
                "Containerfile",
                args))
        .imageStream(new ImageStreamTarget("toolbox", "v2.4.0"))
        .destination(
            new Destination(
                "quay.io/example/toolbox", List.of("2.4.0", "2.4", "latest"), "quay-push"))
        .format(ImageFormat.DOCKER)
        .cleanupEmulators(true)
        .build();
  }

  /** In-pod placement, no credentials secret, workspace source. */
  public static BuildSpec inPod() {
    return BuildSpec.builder()
        .name("web")
        .namespace("demo")
        .platforms(platforms("linux/amd64", "linux/arm64", "linux/riscv64"))
        .source(new Source("", "", null, null, Map.of()))
        .imageStream(new ImageStreamTarget("web", "latest"))
        .destination(new Destination("quay.io/example/web", List.of("latest"), ""))
        .placement(Placement.IN_POD)
        .build();
  }

  /** Two platforms with the Tasks embedded in the Pipeline: one self-contained file. */
  public static BuildSpec inline() {
    return twoPlatforms().toBuilder().name("hello-inline").inlineTasks(true).build();
  }

  /**
   * linux/amd64 on the build nodes, linux/arm64 native on its own (tainted) pool, linux/arm/v7
   * emulated.
   */
  public static BuildSpec hybrid() {
    return twoPlatforms().toBuilder()
        .name("gateway")
        .platforms(platforms("linux/amd64", "linux/arm64", "linux/arm/v7"))
        .nativePlatforms(
            List.of(
                new NativePlatform(
                    Platform.parse("linux/arm64"),
                    null,
                    List.of(new NodeToleration("arch", null, "arm64", "NoSchedule")))))
        .build();
  }

  /** Every platform native: nothing emulated, nothing privileged. */
  public static BuildSpec allNative() {
    List<Platform> platforms = platforms("linux/amd64", "linux/arm64", "linux/s390x");
    return twoPlatforms().toBuilder()
        .name("api")
        .platforms(platforms)
        .nativePlatforms(platforms.stream().map(NativePlatform::of).toList())
        .build();
  }

  /**
   * Placement daemonset with cleanup on stop: the emulator DaemonSet, nothing privileged in the
   * Pipeline.
   */
  public static BuildSpec daemonSet() {
    return twoPlatforms().toBuilder()
        .name("cache")
        .platforms(platforms("linux/amd64", "linux/arm64", "linux/ppc64le"))
        .placement(Placement.DAEMONSET)
        .cleanupEmulators(true)
        .build();
  }

  /** Every spec above, by a name used in test output and golden file names. */
  public static Map<String, BuildSpec> all() {
    Map<String, BuildSpec> all = new LinkedHashMap<>();
    all.put("two-platforms", twoPlatforms());
    all.put("five-platforms", fivePlatforms());
    all.put("in-pod", inPod());
    all.put("inline", inline());
    all.put("hybrid", hybrid());
    all.put("all-native", allNative());
    all.put("daemonset", daemonSet());
    return all;
  }
}
