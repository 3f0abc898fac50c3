package dev.multiarch.tekton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A target platform such as {@code linux/arm/v7}: operating system, CPU architecture and optional variant.
 * Only platforms that tonistiigi/binfmt can emulate are known; {@link #parse(String)} rejects the rest.
 *
 * @param os the operating system, always {@code linux}
 * @param architecture the OCI architecture name, for example {@code arm64}
 * @param variant the OCI variant, for example {@code v7}, or the empty string
 */
public record Platform(String os, String architecture, String variant) {

  /** What the emulation and native-run checks need to know of one known platform. */
  private record Emulation(String qemuBinary, Set<String> nativeMachines) {
  }

  private static final Map<String, Emulation> KNOWN = new LinkedHashMap<>();

  static {
    // Only platforms the builder image has a probe binary for (containers/Containerfile): a build pod
    // proves its node can run the platform with it. linux/loong64 has no official static busybox yet.
    // qemuBinary: the binfmt_misc entry tonistiigi/binfmt registers (/proc/sys/fs/binfmt_misc/<qemuBinary>).
    // nativeMachines: the `uname -m` values of a node that runs the platform without emulation.
    KNOWN.put("linux/amd64", new Emulation("qemu-x86_64", Set.of("x86_64")));
    KNOWN.put("linux/arm64", new Emulation("qemu-aarch64", Set.of("aarch64", "arm64")));
    KNOWN.put("linux/arm/v7", new Emulation("qemu-arm", Set.of("armv7l", "armv8l")));
    KNOWN.put("linux/arm/v6", new Emulation("qemu-arm", Set.of("armv6l")));
    KNOWN.put("linux/ppc64le", new Emulation("qemu-ppc64le", Set.of("ppc64le")));
    KNOWN.put("linux/s390x", new Emulation("qemu-s390x", Set.of("s390x")));
    KNOWN.put("linux/riscv64", new Emulation("qemu-riscv64", Set.of("riscv64")));
    KNOWN.put("linux/386", new Emulation("qemu-i386", Set.of("i386", "i686")));
    KNOWN.put("linux/mips64le", new Emulation("qemu-mips64el", Set.of("mips64")));
  }

  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    variant = variant == null ? "" : variant;
    String text = variant.isEmpty() ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
    if (!KNOWN.containsKey(text)) {
      throw unknown(text);
    }
  }

  /**
   * Parses {@code os/arch[/variant]}, for example {@code linux/arm64} or {@code linux/arm/v7}.
   *
   * @throws InvalidValueException if the text is empty, malformed or not a known platform
   */
  public static Platform parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidValueException(text == null ? "" : text, "a platform os/arch[/variant], one of " + knownList());
    }
    String[] parts = text.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw unknown(text);
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
  }

  /** Every platform {@link #parse(String)} accepts, in a stable order. */
  public static List<Platform> known() {
    List<Platform> all = new ArrayList<>();
    KNOWN.keySet().forEach(text -> all.add(parse(text)));
    return List.copyOf(all);
  }

  /** The tag suffix of this platform's image: {@code linux-arm-v7}. */
  public String tagSuffix() {
    return toString().replace('/', '-');
  }

  /** The name of the binfmt_misc entry that runs this platform's binaries: {@code qemu-aarch64}. */
  public String qemuBinary() {
    return KNOWN.get(toString()).qemuBinary();
  }

  /** The {@code uname -m} values of nodes that run this platform natively, sorted. */
  public List<String> nativeMachines() {
    return KNOWN.get(toString()).nativeMachines().stream().sorted().toList();
  }

  /** True if a node of the given {@link Platform} runs this one without emulation. */
  public boolean runsNativelyOn(Platform node) {
    return architecture.equals(node.architecture);
  }

  @Override
  public String toString() {
    return variant.isEmpty() ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
  }

  private static InvalidValueException unknown(String text) {
    return new InvalidValueException(text, "a known platform: " + knownList());
  }

  private static String knownList() {
    return String.join(", ", KNOWN.keySet());
  }
}
