package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStandInsTest {

  @TempDir Path dir;

  @Test
  void entries_platforms_areTheirBinfmtEntriesInOrder() {
    assertThat(ImageStandIns.entries("linux/arm64,linux/arm/v7"))
        .containsExactly("qemu-aarch64", "qemu-arm");
  }

  @Test
  void entries_architectures_areTheirBinfmtEntries() {
    assertThat(ImageStandIns.entries("arm64")).containsExactly("qemu-aarch64");
    assertThat(ImageStandIns.entries(" riscv64 , s390x,"))
        .containsExactly("qemu-riscv64", "qemu-s390x");
  }

  @Test
  void entries_platformsSharingAnEntry_listItOnce() {
    assertThat(ImageStandIns.entries("linux/arm/v7,linux/arm/v6,arm")).containsExactly("qemu-arm");
  }

  @Test
  void entries_unknownArchitecture_throwsNamingIt() {
    assertThatThrownBy(() -> ImageStandIns.entries("arm64,sparc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("emulator 'sparc' is not a known architecture");
  }

  @Test
  void entries_unknownPlatform_throwsNamingIt() {
    assertThatThrownBy(() -> ImageStandIns.entries("linux/ppc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("emulator 'linux/ppc' is not a known platform");
  }

  @Test
  void known_binfmtRepositoryWithTagOrDigestOrRegistryPort_isKnown() {
    assertThat(ImageStandIns.known("docker.io/tonistiigi/binfmt:qemu-v9.2.2")).isTrue();
    assertThat(ImageStandIns.known("tonistiigi/binfmt")).isTrue();
    assertThat(ImageStandIns.known("binfmt")).isTrue();
    assertThat(ImageStandIns.known("mirror.example:5000/tonistiigi/binfmt@sha256:0123abcd"))
        .isTrue();
  }

  @Test
  void known_otherImages_areNotKnown() {
    assertThat(ImageStandIns.known("docker.io/library/alpine:3.20")).isFalse();
    assertThat(ImageStandIns.known("example.com/binfmt-tools:1")).isFalse();
    assertThat(ImageStandIns.known("example.com:5000/binfmt-helper")).isFalse();
    assertThat(ImageStandIns.known(null)).isFalse();
  }

  @Test
  void command_install_runsTheHostScriptWithTheEntries() {
    // When
    List<String> command =
        ImageStandIns.command(
            "docker.io/tonistiigi/binfmt:qemu-v9.2.2",
            List.of("--install", "linux/arm64,arm"),
            dir);

    // Then
    assertThat(command)
        .containsExactly(
            "bash",
            dir.resolve("host-binfmt.sh").toString(),
            "install",
            "qemu-aarch64",
            "qemu-arm");
    assertThat(dir.resolve("host-binfmt.sh")).isNotEmptyFile();
  }

  @Test
  void command_uninstall_runsTheHostScriptToUninstall() {
    assertThat(ImageStandIns.command("tonistiigi/binfmt", List.of("--uninstall", "s390x"), dir))
        .containsExactly(
            "bash", dir.resolve("host-binfmt.sh").toString(), "uninstall", "qemu-s390x");
  }

  @Test
  void command_otherArguments_throwNamingThem() {
    assertThatThrownBy(() -> ImageStandIns.command("tonistiigi/binfmt", List.of("--version"), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "binfmt image arguments [--version] have no host stand-in; expected --install or --uninstall "
                + "and one comma-separated list of emulators");
  }

  @Test
  void command_unknownImage_throwsNamingIt() {
    assertThatThrownBy(() -> ImageStandIns.command("alpine", List.of(), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "image alpine runs its own entrypoint and run-local has no host stand-in for it; stand-ins "
                + "exist for tonistiigi/binfmt (--install/--uninstall)");
  }
}
