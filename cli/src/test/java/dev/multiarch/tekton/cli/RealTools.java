package dev.multiarch.tekton.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The gate of the real-tool test group: these tests run buildah, skopeo, QEMU and docker-registry as root. Where
 * they cannot run, they say why in a banner on stderr and are skipped; with {@code MULTIARCH_TEKTON_E2E=require}
 * (set by .ci/run) they fail instead, so CI can never pass without running them.
 */
public final class RealTools {

  static final String REQUIRE = "MULTIARCH_TEKTON_E2E";
  private static final List<String> TOOLS = List.of("buildah", "skopeo", "docker-registry", "update-binfmts",
      "qemu-aarch64-static", "git", "tar", "apt-get", "dpkg");

  private RealTools() {}

  /** Skips (loudly) or fails the calling test unless every real tool is here and the JVM runs as root. */
  public static void require() {
    List<String> missing = new ArrayList<>();
    for (String tool : TOOLS) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add("missing " + String.join(", ", missing) + " (apt-get install -y buildah skopeo docker-registry "
          + "qemu-user-static binfmt-support git)");
    }
    if (!isRoot()) {
      problems.add("not running as root");
    }
    if (problems.isEmpty()) {
      return;
    }
    String message = "REAL-TOOL TESTS CANNOT RUN HERE: " + String.join("; ", problems);
    if ("require".equals(System.getenv(REQUIRE))) {
      fail(message + " (" + REQUIRE + "=require)");
    }
    System.err.println();
    System.err.println("!".repeat(100));
    System.err.println("!! " + message);
    System.err.println("!! these end-to-end tests are SKIPPED; .ci/run installs the tools and requires them");
    System.err.println("!".repeat(100));
    Assumptions.abort(message);
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
    } catch (IOException e) {
      return false;
    }
  }
}
