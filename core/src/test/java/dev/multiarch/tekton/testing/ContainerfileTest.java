package dev.multiarch.tekton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * containers/Containerfile: pinned base, the packages the Tasks rely on, and a probe for every
 * known platform.
 */
class ContainerfileTest {

  static final String PROBE_DIR = "/usr/libexec/multiarch-tekton/probe/";

  /**
   * Known platforms without a probe, each because no official static busybox image exists for it.
   */
  static final Set<String> NO_PROBE = Set.of();

  private static final Pattern FROM =
      Pattern.compile(
          "FROM\\s+(?:--platform=(\\S+)\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?",
          Pattern.CASE_INSENSITIVE);

  private static String text;
  private static List<String> instructions;

  @BeforeAll
  static void read() throws IOException {
    text = Files.readString(repoRoot().resolve("containers/Containerfile"));
    instructions = instructions(text);
  }

  @Test
  void containerfile_pinsEveryBaseImage_neverLatest() {
    List<Matcher> froms = froms();
    assertThat(froms).isNotEmpty();
    for (Matcher from : froms) {
      String image = from.group(2);
      assertThat(image)
          .as("FROM %s", image)
          .matches(".+/.+(:[^/:]+|@sha256:[0-9a-f]{64})$")
          .doesNotEndWith(":latest");
    }
    assertThat(froms.get(froms.size() - 1).group(2)).isEqualTo("quay.io/buildah/stable:v1.39.0");
  }

  @Test
  void containerfile_installsQemuUserStaticAndGit_andCleansCaches() {
    String install =
        instructions.stream()
            .filter(i -> i.matches("RUN\\s+dnf\\b.*\\binstall\\b.*"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no `RUN dnf ... install` in the Containerfile"));

    assertThat(install.split("\\s+")).contains("qemu-user-static", "git");
    assertThat(install).contains("dnf clean all");
  }

  @Test
  void containerfile_hasProbeStageAndCopyForEveryKnownPlatform() {
    Map<String, String> stages = new java.util.HashMap<>();
    for (Matcher from : froms()) {
      if (from.group(3) != null) {
        stages.put(from.group(3), from.group(1));
      }
    }
    for (Platform platform : Platform.known()) {
      String stage = "probe-" + platform.tagSuffix();
      if (NO_PROBE.contains(platform.toString())) {
        assertThat(stages)
            .as("%s is a documented exception; drop it from NO_PROBE", platform)
            .doesNotContainKey(stage);
        assertThat(text)
            .as("the Containerfile says why %s has no probe", platform)
            .contains(platform.toString());
        continue;
      }
      assertThat(stages)
          .as("probe stage for %s", platform)
          .containsEntry(stage, platform.toString());
      assertThat(instructions)
          .as("probe copy for %s", platform)
          .contains("COPY --from=" + stage + " /bin/busybox " + PROBE_DIR + platform.tagSuffix());
    }
  }

  @Test
  void containerfile_noProbeExceptions_areKnownPlatforms() {
    List<String> known = Platform.known().stream().map(Platform::toString).toList();

    assertThat(known).containsAll(NO_PROBE);
  }

  @Test
  void containerfile_setsChrootIsolationAndVfsStorage() {
    String env =
        String.join("\n", instructions.stream().filter(i -> i.startsWith("ENV ")).toList());

    assertThat(env).contains("BUILDAH_ISOLATION=chroot").contains("STORAGE_DRIVER=vfs");
  }

  @Test
  void containerfile_versionLabel_startsWithTheBuildahVersion() {
    assertThat(text)
        .containsPattern("org\\.opencontainers\\.image\\.version=\"1\\.39\\.0-\\d+\"")
        .contains("org.opencontainers.image.title=")
        .contains("org.opencontainers.image.description=");
  }

  private static List<Matcher> froms() {
    List<Matcher> froms = new ArrayList<>();
    for (String instruction : instructions) {
      Matcher m = FROM.matcher(instruction);
      if (m.matches()) {
        froms.add(m);
      }
    }
    return froms;
  }

  /**
   * Instructions with comments dropped and backslash continuations joined, whitespace collapsed.
   */
  static List<String> instructions(String containerfile) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : containerfile.split("\n", -1)) {
      String trimmed = line.trim();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
        continue;
      }
      boolean continues = trimmed.endsWith("\\");
      current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
      if (!continues) {
        out.add(current.toString().trim().replaceAll("\\s+", " "));
        current.setLength(0);
      }
    }
    return out;
  }

  /**
   * The repository root: system property {@code project.root}, else the first parent holding
   * containers/.
   */
  static Path repoRoot() {
    String property = System.getProperty("project.root");
    if (property != null && Files.isRegularFile(Path.of(property, "containers", "Containerfile"))) {
      return Path.of(property);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("containers").resolve("Containerfile"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "containers/Containerfile not found: set -Dproject.root=<repository root>");
  }
}
