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
    assertThat(HostTools.installLine(List.of("kubectl", "qemu-aarch64-static", "update-binfmts", "buildah")))
        .isEqualTo("apt-get install -y kubernetes-client qemu-user-static binfmt-support buildah");
    assertThat(HostTools.installLine(List.of("git", "git"))).isEqualTo("apt-get install -y git");
  }

  @Test
  void find_toolOnThePath_givesItsPath_andAMissingOneNothing() {
    assertThat(HostTools.find("sh")).hasValueSatisfying(path -> assertThat(path).isExecutable());
    assertThat(HostTools.find("no-such-tool-anywhere")).isEmpty();
  }

  @Test
  void report_printsOneLinePerToolWithCountAndInstallLine() {
    // Given
    Map<String, Integer> skipped = new LinkedHashMap<>();
    skipped.put("shellcheck", 12);
    skipped.put("root", 1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    // When
    SkippedTestsReport.print(skipped, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    // Then
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains(
        "!! SKIPPED 12 tests: shellcheck is missing on this host; apt-get install -y shellcheck\n",
        "!! SKIPPED 1 test: the tests do not run as root; run the tests as root\n",
        "!! MULTIARCH_TEKTON_E2E=require turns these skips into failures");
  }

  @Test
  void report_withNothingSkipped_printsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    SkippedTestsReport.print(Map.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.size()).isZero();
  }
}
