package dev.multiarch.tekton.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What run-local needs to know of the machine it runs on. */
final class Host {

  static final Path BINFMT_MISC = Path.of("/proc/sys/fs/binfmt_misc");

  private Host() {}

  /** The host's name, standing in for the node name a pod reads through the downward API. */
  static String name() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      String name = System.getenv("HOSTNAME");
      return name == null ? "localhost" : name;
    }
  }

  /** True when the process runs with user id 0, read from /proc/self/status. */
  static boolean isRoot() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
      return lines.stream().anyMatch(line -> line.matches("Uid:\\s+0\\s.*"));
    } catch (IOException e) {
      return false;
    }
  }

  /** The executable {@code tool} on the PATH, if there is one. */
  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(":", -1)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when the kernel offers binfmt_misc: mounted already, or listed in /proc/filesystems to be
   * mounted.
   */
  static boolean hasBinfmtMisc() {
    if (Files.exists(BINFMT_MISC.resolve("status"))) {
      return true;
    }
    try {
      return Files.readAllLines(Path.of("/proc/filesystems")).stream()
          .anyMatch(l -> l.endsWith("binfmt_misc"));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * True when this host has the binfmt_misc entry {@code name} ({@code qemu-aarch64}) registered
   * and enabled.
   */
  static boolean emulatorEnabled(String name) {
    try {
      Path entry = BINFMT_MISC.resolve(name);
      return Files.isRegularFile(entry)
          && Files.readAllLines(entry).stream().findFirst().orElse("").equals("enabled");
    } catch (IOException e) {
      return false;
    }
  }

  /** The PATH steps run with: the host's, or the usual system folders when it has none. */
  static String path() {
    String path = System.getenv("PATH");
    return path == null || path.isEmpty()
        ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        : path;
  }
}
