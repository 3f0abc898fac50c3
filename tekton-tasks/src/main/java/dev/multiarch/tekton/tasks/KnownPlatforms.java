package dev.multiarch.tekton.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platforms the Tasks' scripts know, with what emulation and the native-run checks need of
 * each. It is the one platform table of the project: the script templates render it, and {@code
 * dev.multiarch.tekton.Platform} accepts exactly its entries.
 */
public final class KnownPlatforms {

  /**
   * One known platform.
   *
   * @param name {@code os/arch[/variant]}, for example {@code linux/arm/v7}
   * @param qemuBinary the binfmt_misc entry tonistiigi/binfmt registers for it ({@code
   *     /proc/sys/fs/binfmt_misc/<qemuBinary>})
   * @param nativeMachines the {@code uname -m} values of a node that runs it without emulation,
   *     sorted
   */
  public record Entry(String name, String qemuBinary, List<String> nativeMachines) {
    public Entry {
      nativeMachines = nativeMachines.stream().sorted().toList();
    }
  }

  private static final Map<String, Entry> TABLE = new LinkedHashMap<>();

  static {
    // Only platforms the builder image has a probe binary for (containers/Containerfile): a build
    // pod
    // proves its node can run the platform with it. linux/loong64 has no official static busybox
    // yet.
    add("linux/amd64", "qemu-x86_64", "x86_64");
    add("linux/arm64", "qemu-aarch64", "aarch64", "arm64");
    add("linux/arm/v7", "qemu-arm", "armv7l", "armv8l");
    add("linux/arm/v6", "qemu-arm", "armv6l");
    add("linux/ppc64le", "qemu-ppc64le", "ppc64le");
    add("linux/s390x", "qemu-s390x", "s390x");
    add("linux/riscv64", "qemu-riscv64", "riscv64");
    add("linux/386", "qemu-i386", "i386", "i686");
    add("linux/mips64le", "qemu-mips64el", "mips64");
  }

  private KnownPlatforms() {}

  private static void add(String name, String qemuBinary, String... nativeMachines) {
    TABLE.put(name, new Entry(name, qemuBinary, List.of(nativeMachines)));
  }

  /** Every known platform, in a stable order. */
  public static List<Entry> all() {
    return List.copyOf(TABLE.values());
  }

  /** The entry of {@code os/arch[/variant]}, if that platform is known. */
  public static Optional<Entry> find(String name) {
    return Optional.ofNullable(TABLE.get(name));
  }
}
