package dev.multiarch.tekton.local;

import dev.multiarch.tekton.Platform;
import java.util.Locale;
import java.util.Optional;

/**
 * The host's CPU architecture as {@code uname -m} names it, and the platform that runs natively on
 * it.
 */
final class Machine {

  private Machine() {}

  /** {@code uname -m} of this host, from the JVM's {@code os.arch}. */
  static String name() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      case "x86", "i386", "i686" -> "i686";
      case "arm" -> "armv7l";
      default -> arch;
    };
  }

  /** The known platform a host of {@code machine} runs natively. */
  static Optional<Platform> platform(String machine) {
    return Platform.known().stream().filter(p -> p.nativeMachines().contains(machine)).findFirst();
  }
}
