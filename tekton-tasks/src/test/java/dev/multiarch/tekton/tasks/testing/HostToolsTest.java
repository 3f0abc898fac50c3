package dev.multiarch.tekton.tasks.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostToolsTest {

  @Test
  void installLine_namesEachDebianPackageOnce() {
    assertThat(
            HostTools.installLine(
                List.of("kubectl", "qemu-aarch64-static", "update-binfmts", "buildah")))
        .isEqualTo("apt-get install -y kubernetes-client qemu-user-static binfmt-support buildah");
    assertThat(HostTools.installLine(List.of("git", "git"))).isEqualTo("apt-get install -y git");
  }

  @Test
  void find_toolOnThePath_givesItsPath_andAMissingOneNothing() {
    assertThat(HostTools.find("sh")).hasValueSatisfying(path -> assertThat(path).isExecutable());
    assertThat(HostTools.find("no-such-tool-anywhere")).isEmpty();
  }

  @Test
  void report_printsOneLinePerSetOfMissingTools_withCountAndOneInstallLine() {
    // Given
    Map<List<String>, Integer> skipped = new LinkedHashMap<>();
    skipped.put(List.of("shellcheck"), 12);
    skipped.put(List.of("buildah", "skopeo", "qemu-aarch64-static"), 25);
    skipped.put(List.of("root"), 1);
    skipped.put(List.of("buildah", "root"), 2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    // When
    SkippedTestsReport.print(skipped, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    // Then
    assertThat(
            bytes
                .toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.startsWith("!! "))
                .toList())
        .containsExactly(
            "!! SKIPPED 12 tests: shellcheck is missing on this host; apt-get install -y shellcheck",
            "!! SKIPPED 25 tests: buildah, skopeo and qemu-aarch64-static are missing on this host; "
                + "apt-get install -y buildah skopeo qemu-user-static",
            "!! SKIPPED 1 test: the tests do not run as root; run the tests as root",
            "!! SKIPPED 2 tests: buildah is missing on this host, and the tests do not run as root; "
                + "apt-get install -y buildah, and run the tests as root",
            "!! MULTIARCH_TEKTON_E2E=require turns these skips into failures; .ci/run sets it and installs every tool");
  }

  @Test
  void report_withNothingSkipped_printsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    SkippedTestsReport.print(Map.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.size()).isZero();
  }
}
