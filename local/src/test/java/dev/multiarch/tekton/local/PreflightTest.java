package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.Destination;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.Platform;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Preflight names every host problem in one message, with the apt-get line for missing tools. */
class PreflightTest {

  private static final Set<String> ALL_TOOLS =
      Set.of(
          "bash",
          "buildah",
          "skopeo",
          "git",
          "docker-registry",
          "update-binfmts",
          "qemu-aarch64-static",
          "qemu-arm-static");

  private static BuildSpec spec(String... platforms) {
    return BuildSpec.builder()
        .name("hello")
        .namespace("demo")
        .platforms(Stream.of(platforms).map(Platform::parse).toList())
        .destination(Destination.parse("quay.io/example/hello:1.0"))
        .build();
  }

  private static Preflight.HostFacts host(
      boolean root, String machine, boolean binfmt, Set<String> tools) {
    return host(root, machine, binfmt, tools, Set.of());
  }

  private static Preflight.HostFacts host(
      boolean root, String machine, boolean binfmt, Set<String> tools, Set<String> emulators) {
    return new Preflight.HostFacts(
        "Linux", root, machine, binfmt, tools::contains, emulators::contains);
  }

  private static BuildSpec withNative(BuildSpec spec, String... natives) {
    return spec.toBuilder()
        .nativePlatforms(Stream.of(natives).map(Platform::parse).map(NativePlatform::of).toList())
        .build();
  }

  @Test
  void check_everythingPresent_passes() {
    assertThatCode(
            () ->
                Preflight.check(
                    spec("linux/amd64", "linux/arm64"),
                    true,
                    true,
                    host(true, "x86_64", true, ALL_TOOLS)))
        .doesNotThrowAnyException();
  }

  @Test
  void check_missingTools_namesThemWithTheAptGetLine() {
    assertThatThrownBy(
            () ->
                Preflight.check(
                    spec("linux/amd64", "linux/arm64", "linux/arm/v7"),
                    true,
                    true,
                    host(true, "x86_64", true, Set.of("bash", "git"))))
        .isInstanceOf(LocalRunException.class)
        .hasMessage(
            "run-local cannot run on this host: missing host tools: buildah, skopeo, docker-registry, "
                + "update-binfmts, qemu-aarch64-static, qemu-arm-static; install them with: apt-get install -y "
                + "--no-install-recommends buildah skopeo docker-registry binfmt-support qemu-user-static");
  }

  @Test
  void check_gitAndRegistryNotNeeded_areNotAskedFor() {
    Set<String> tools =
        Set.of("bash", "buildah", "skopeo", "update-binfmts", "qemu-aarch64-static");

    assertThatCode(
            () ->
                Preflight.check(
                    spec("linux/amd64", "linux/arm64"),
                    false,
                    false,
                    host(true, "x86_64", true, tools)))
        .doesNotThrowAnyException();
  }

  @Test
  void check_notRootAndNoBinfmtMisc_areBothNamed() {
    assertThatThrownBy(
            () ->
                Preflight.check(
                    spec("linux/amd64", "linux/arm64"),
                    true,
                    true,
                    host(false, "x86_64", false, ALL_TOOLS)))
        .hasMessage(
            "run-local cannot run on this host: run-local must run as root: buildah's chroot builds and "
                + "binfmt_misc registration need it (try sudo); the kernel offers no binfmt_misc, which QEMU emulation "
                + "needs (modprobe binfmt_misc)");
  }

  @Test
  void check_hostOfAnotherArchitecture_suggestsTheNodePlatformField() {
    assertThatThrownBy(
            () ->
                Preflight.check(
                    spec("linux/amd64", "linux/arm64"),
                    true,
                    true,
                    host(true, "aarch64", true, ALL_TOOLS)))
        .hasMessage(
            "run-local cannot run on this host: this host is aarch64 but the build's nodePlatform is "
                + "linux/amd64; set spec.nodePlatform to linux/arm64");
  }

  @Test
  void check_notLinux_saysSo() {
    assertThatThrownBy(
            () ->
                Preflight.check(
                    spec("linux/amd64"),
                    false,
                    false,
                    new Preflight.HostFacts(
                        "Mac OS X", true, "aarch64", false, tool -> true, entry -> false)))
        .hasMessage("run-local runs on Linux only (buildah, binfmt_misc); this is Mac OS X");
  }

  @Test
  void check_onlyNativePlatforms_needNoEmulatorTools() {
    assertThatCode(
            () ->
                Preflight.check(
                    spec("linux/amd64"),
                    false,
                    false,
                    host(true, "x86_64", false, Set.of("bash", "buildah", "skopeo"))))
        .doesNotThrowAnyException();
  }

  @Test
  void check_nativePlatformOfThisHost_runsNatively_andNeedsNoEmulatorTools() {
    BuildSpec spec = withNative(spec("linux/amd64", "linux/arm64"), "linux/amd64", "linux/arm64");

    assertThatCode(
            () ->
                Preflight.check(
                    spec,
                    false,
                    false,
                    host(
                        true,
                        "x86_64",
                        false,
                        Set.of("bash", "buildah", "skopeo"),
                        Set.of("qemu-aarch64"))))
        .doesNotThrowAnyException();
  }

  @Test
  void check_nativePlatformOfAnotherArchitecture_withoutARegisteredEmulator_saysHowToRunIt() {
    BuildSpec spec = withNative(spec("linux/amd64", "linux/arm64"), "linux/arm64");

    assertThatThrownBy(
            () -> Preflight.check(spec, false, false, host(true, "x86_64", true, ALL_TOOLS)))
        .hasMessage(
            "run-local cannot run on this host: native platform linux/arm64 cannot run on this x86_64 host:"
                + " it is not the host's architecture and no qemu-aarch64 emulator is registered; run on a host of its"
                + " architecture (arm64), or register one (update-binfmts --enable qemu-aarch64) to run it here emulated");
  }

  @Test
  void check_allNative_ignoresTheNodePlatform() {
    BuildSpec spec = withNative(spec("linux/arm64"), "linux/arm64");

    assertThatCode(
            () ->
                Preflight.check(
                    spec,
                    false,
                    false,
                    host(true, "aarch64", false, Set.of("bash", "buildah", "skopeo"))))
        .doesNotThrowAnyException();
  }
}
