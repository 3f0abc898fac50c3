package dev.multiarch.tekton.tasks.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The gate of every test that needs a tool of the host (shellcheck, kubectl, buildah, ...). A test
 * asks for its tools first; where one is missing the test is skipped, and {@link
 * SkippedTestsReport} says so loudly at the end of the module's run, once per tool, with the count
 * and the {@code apt-get install} line. With {@code MULTIARCH_TEKTON_E2E=require} (set by {@code
 * .ci/run}) a missing tool fails the test instead, naming it, so CI can never pass without running
 * every test.
 */
public final class HostTools {

  /** The environment variable that turns a skip into a failure when set to {@code require}. */
  public static final String REQUIRE_ENV = "MULTIARCH_TEKTON_E2E";

  /** The Debian package of each tool the tests use. */
  private static final Map<String, String> PACKAGES =
      Map.ofEntries(
          Map.entry("shellcheck", "shellcheck"),
          Map.entry("kubectl", "kubernetes-client"),
          Map.entry("buildah", "buildah"),
          Map.entry("skopeo", "skopeo"),
          Map.entry("docker-registry", "docker-registry"),
          Map.entry("htpasswd", "apache2-utils"),
          Map.entry("update-binfmts", "binfmt-support"),
          Map.entry("qemu-aarch64-static", "qemu-user-static"),
          Map.entry("git", "git"),
          Map.entry("sshd", "openssh-server"),
          Map.entry("ssh", "openssh-client"),
          Map.entry("ssh-keygen", "openssh-client"),
          Map.entry("file", "file"),
          Map.entry("tar", "tar"),
          Map.entry("apt-get", "apt"),
          Map.entry("dpkg", "dpkg"),
          Map.entry("bash", "bash"),
          Map.entry("mkfifo", "coreutils"),
          Map.entry("openssl", "openssl"),
          Map.entry("sha256sum", "coreutils"),
          Map.entry("mount", "mount"),
          Map.entry("setpriv", "util-linux"));

  /** The skip messages this JVM gave, each with the tools (or "root") it lacked. */
  private static final Map<String, List<String>> SKIPS = new ConcurrentHashMap<>();

  private HostTools() {}

  /** The tool's path; skips (loudly) or fails the calling test if it is not on the PATH. */
  public static Path require(String tool) {
    requireAll(tool);
    return find(tool).orElseThrow();
  }

  /** Skips (loudly) or fails the calling test unless every tool is on the PATH. */
  public static void requireAll(String... tools) {
    List<String> missing = new ArrayList<>();
    for (String tool : tools) {
      if (find(tool).isEmpty()) {
        missing.add(tool);
      }
    }
    if (!missing.isEmpty()) {
      skipOrFail(missing);
    }
  }

  /** Skips (loudly) or fails the calling test unless the JVM runs as root. */
  public static void requireRoot() {
    if (!isRoot()) {
      skipOrFail(List.of("root"));
    }
  }

  /** The tool on the PATH, if it is there and executable. Only the PATH counts, as for a shell. */
  public static Optional<Path> find(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return Optional.of(Path.of(dir, tool));
      }
    }
    return Optional.empty();
  }

  /** The install line for these tools: {@code apt-get install -y shellcheck}. */
  public static String installLine(List<String> tools) {
    Set<String> packages = new LinkedHashSet<>();
    for (String tool : tools) {
      packages.add(PACKAGES.getOrDefault(tool, tool));
    }
    return "apt-get install -y " + String.join(" ", packages);
  }

  /** The tools (or "root") whose absence made this skip message, if {@link HostTools} gave it. */
  static List<String> missingIn(String skipMessage) {
    return skipMessage == null ? List.of() : SKIPS.getOrDefault(skipMessage, List.of());
  }

  /**
   * How the missing things are provided: one apt-get line for the tools, and what to do for "root".
   */
  static String remedy(List<String> missing) {
    List<String> tools = missing.stream().filter(t -> !t.equals("root")).toList();
    return tools.isEmpty()
        ? "run the tests as root"
        : installLine(tools) + (missing.contains("root") ? ", and run the tests as root" : "");
  }

  private static void skipOrFail(List<String> missing) {
    String needs = String.join(", ", missing);
    String remedy = remedy(missing);
    if ("require".equals(System.getenv(REQUIRE_ENV))) {
      fail(
          "this test needs "
              + needs
              + ", which this host lacks ("
              + REQUIRE_ENV
              + "=require): "
              + remedy);
    }
    String message = "SKIPPED: needs " + needs + " (" + remedy + ")";
    SKIPS.put(message, List.copyOf(missing));
    Assumptions.abort(message);
  }

  private static boolean isRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
    } catch (IOException e) {
      return false;
    }
  }
}
