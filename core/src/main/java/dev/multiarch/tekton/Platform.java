package dev.multiarch.tekton;

import dev.multiarch.tekton.tasks.KnownPlatforms;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A target platform such as {@code linux/arm/v7}: operating system, CPU architecture and optional
 * variant. Only platforms that tonistiigi/binfmt can emulate are known; {@link #parse(String)}
 * rejects the rest.
 *
 * @param os the operating system, always {@code linux}
 * @param architecture the OCI architecture name, for example {@code arm64}
 * @param variant the OCI variant, for example {@code v7}, or the empty string
 */
public record Platform(String os, String architecture, String variant) {

  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    variant = variant == null ? "" : variant;
    String text =
        variant.isEmpty() ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
    if (KnownPlatforms.find(text).isEmpty()) {
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
      throw new InvalidValueException(
          text == null ? "" : text, "a platform os/arch[/variant], one of " + knownList());
    }
    String[] parts = text.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw unknown(text);
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
  }

  /** Every platform {@link #parse(String)} accepts, in a stable order. */
  public static List<Platform> known() {
    return KnownPlatforms.all().stream().map(entry -> parse(entry.name())).toList();
  }

  /** The tag suffix of this platform's image: {@code linux-arm-v7}. */
  public String tagSuffix() {
    return toString().replace('/', '-');
  }

  /** The name of the binfmt_misc entry that runs this platform's binaries: {@code qemu-aarch64}. */
  public String qemuBinary() {
    return entry().qemuBinary();
  }

  /** The {@code uname -m} values of nodes that run this platform natively, sorted. */
  public List<String> nativeMachines() {
    return entry().nativeMachines();
  }

  /** True if a node of the given {@link Platform} runs this one without emulation. */
  public boolean runsNativelyOn(Platform node) {
    return architecture.equals(node.architecture);
  }

  /**
   * The platforms of {@code platforms} that need an emulator on nodes of {@code node}, in order and
   * without repeats: those neither built natively on nodes of their own ({@code natives}) nor run
   * natively by {@code node}. Both the generated Pipeline and run-local derive what to emulate
   * here.
   */
  public static List<Platform> emulatedOn(
      Platform node, List<Platform> platforms, Collection<Platform> natives) {
    return platforms.stream()
        .filter(p -> !natives.contains(p) && !p.runsNativelyOn(node))
        .distinct()
        .toList();
  }

  @Override
  public String toString() {
    return variant.isEmpty() ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
  }

  private KnownPlatforms.Entry entry() {
    return KnownPlatforms.find(toString()).orElseThrow();
  }

  private static InvalidValueException unknown(String text) {
    return new InvalidValueException(text, "a known platform: " + knownList());
  }

  private static String knownList() {
    return KnownPlatforms.all().stream()
        .map(KnownPlatforms.Entry::name)
        .collect(Collectors.joining(", "));
  }
}
