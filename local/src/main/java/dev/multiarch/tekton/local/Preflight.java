package dev.multiarch.tekton.local;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks, before anything runs, that this host can run the build: Linux, root, binfmt_misc, the
 * node platform matching the host, and every tool the steps and run-local itself call, with the
 * apt-get command for what is missing.
 */
final class Preflight {

  /**
   * What the checks read of a host.
   *
   * @param os the operating system's name
   * @param root whether the process runs as root
   * @param machine {@code uname -m}
   * @param binfmtMisc whether the kernel offers binfmt_misc
   * @param onPath whether a tool is on the PATH
   * @param emulatorEnabled whether a binfmt_misc entry ({@code qemu-aarch64}) is registered and
   *     enabled
   */
  record HostFacts(
      String os,
      boolean root,
      String machine,
      boolean binfmtMisc,
      Predicate<String> onPath,
      Predicate<String> emulatorEnabled) {

    /** This host. */
    static HostFacts current() {
      return new HostFacts(
          System.getProperty("os.name", ""),
          Host.isRoot(),
          Machine.name(),
          Host.hasBinfmtMisc(),
          Host::onPath,
          Host::emulatorEnabled);
    }
  }

  private Preflight() {}

  /**
   * @param spec the build, for its platforms, native platforms and node platform
   * @param needsGit whether a step will clone a git repository
   * @param needsRegistry whether run-local must start its own docker-registry
   * @param host what this host has
   * @throws LocalRunException naming every problem found, in one message
   */
  static void check(BuildSpec spec, boolean needsGit, boolean needsRegistry, HostFacts host) {
    List<Platform> natives = spec.nativePlatforms().stream().map(NativePlatform::platform).toList();
    check(
        spec.nodePlatform(),
        spec.emulatedPlatforms(),
        natives,
        spec.platforms().stream().anyMatch(p -> !natives.contains(p)),
        needsGit,
        needsRegistry,
        host);
  }

  /**
   * The same, for a build's node platform, the platforms it emulates on those nodes, its native
   * platforms (built on nodes of their own), and whether anything builds on the build nodes at all
   * (an all-native build does not).
   */
  static void check(
      Platform nodePlatform,
      List<Platform> emulated,
      List<Platform> natives,
      boolean buildNodes,
      boolean needsGit,
      boolean needsRegistry,
      HostFacts host) {
    List<String> problems = new ArrayList<>();
    if (!host.os().equals("Linux")) {
      throw new LocalRunException(
          "run-local runs on Linux only (buildah, binfmt_misc); this is " + host.os());
    }
    if (!host.root()) {
      problems.add(
          "run-local must run as root: buildah's chroot builds and binfmt_misc registration need it "
              + "(try sudo)");
    }
    String machine = host.machine();
    if (buildNodes && !nodePlatform.nativeMachines().contains(machine)) {
      problems.add(
          "this host is "
              + machine
              + " but the build's nodePlatform is "
              + nodePlatform
              + "; set spec.nodePlatform to "
              + Machine.platform(machine).map(Platform::toString).orElse("<this host's>"));
    }
    // A native platform runs on this host as it is: natively, or through an emulator someone
    // registered already.
    // run-local registers none for it, as no cluster would.
    for (Platform platform : natives) {
      if (!platform.nativeMachines().contains(machine)
          && !host.emulatorEnabled().test(platform.qemuBinary())) {
        problems.add(
            "native platform "
                + platform
                + " cannot run on this "
                + machine
                + " host: it is not the host's"
                + " architecture and no "
                + platform.qemuBinary()
                + " emulator is registered; run on a host of its"
                + " architecture ("
                + platform.architecture()
                + "), or register one (update-binfmts --enable "
                + platform.qemuBinary()
                + ") to run it here emulated");
      }
    }
    if (!emulated.isEmpty() && !host.binfmtMisc()) {
      problems.add(
          "the kernel offers no binfmt_misc, which QEMU emulation needs (modprobe binfmt_misc)");
    }
    Map<String, String> tools = new LinkedHashMap<>();
    tools.put("bash", "bash");
    tools.put("buildah", "buildah");
    tools.put("skopeo", "skopeo");
    if (needsGit) {
      tools.put("git", "git");
    }
    if (needsRegistry) {
      tools.put("docker-registry", "docker-registry");
    }
    if (!emulated.isEmpty()) {
      tools.put("update-binfmts", "binfmt-support");
    }
    for (Platform platform : emulated) {
      tools.put(platform.qemuBinary() + "-static", "qemu-user-static");
    }
    List<String> missing = new ArrayList<>();
    Set<String> packages = new LinkedHashSet<>();
    tools.forEach(
        (tool, pkg) -> {
          if (!host.onPath().test(tool)) {
            missing.add(tool);
            packages.add(pkg);
          }
        });
    if (!missing.isEmpty()) {
      problems.add(
          "missing host tools: "
              + String.join(", ", missing)
              + "; install them with: apt-get install -y "
              + "--no-install-recommends "
              + String.join(" ", packages));
    }
    if (!problems.isEmpty()) {
      throw new LocalRunException(
          "run-local cannot run on this host: " + String.join("; ", problems));
    }
  }
}
