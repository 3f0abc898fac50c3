package dev.multiarch.tekton.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.ScriptRunner;
import dev.multiarch.tekton.tasks.testing.ScriptRunner.Run;
import dev.multiarch.tekton.templates.ScriptTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest script adds the images in the order of PLATFORM_ORDER when a matrixed build's refs
 * (one block) and native builds' refs arrive in another order; a stand-in buildah records what it
 * was asked to add.
 */
class ManifestOrderScriptTest {

  private static final String AMD64 = "reg.example/demo/app@sha256:" + "a".repeat(64);
  private static final String ARMV7 = "reg.example/demo/app@sha256:" + "b".repeat(64);
  private static final String ARM64 = "reg.example/demo/app@sha256:" + "c".repeat(64);

  @TempDir Path tmp;
  Path log;
  String path;

  @BeforeEach
  void fakeBuildah() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    log = tmp.resolve("buildah.log");
    Path buildah = bin.resolve("buildah");
    // Records `manifest add` arguments; `manifest push` writes a digest where --digestfile points.
    Files.writeString(
        buildah,
        """
        #!/usr/bin/env bash
        if [ "$3 $4" = "manifest add" ]; then echo "${*: -1}" >> "%s"; fi
        prev=""
        for arg in "$@"; do
          if [ "$prev" = --digestfile ]; then printf 'sha256:%%064d' 1 > "$arg"; fi
          prev="$arg"
        done
        exit 0
        """
            .formatted(log));
    Files.setPosixFilePermissions(buildah, PosixFilePermissions.fromString("rwxr-xr-x"));
    path = bin + ":" + System.getenv("PATH");
  }

  @Test
  void manifest_withoutOrder_addsTheRefsAsGiven() throws Exception {
    // When
    Run run = manifest(List.of(AMD64, ARMV7, ARM64), List.of(), List.of());

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Files.readAllLines(log))
        .containsExactly("docker://" + AMD64, "docker://" + ARMV7, "docker://" + ARM64);
  }

  @Test
  void manifest_withOrder_addsTheRefsInThatOrder_andListsImagesSo() throws Exception {
    // When: the matrix's block (amd64, arm/v7), then the native arm64 build's ref
    Run run =
        manifest(
            List.of(AMD64, ARMV7, ARM64),
            List.of("linux/amd64", "linux/arm/v7", "linux/arm64"),
            List.of("linux/amd64", "linux/arm64", "linux/arm/v7"));

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Files.readAllLines(log))
        .containsExactly("docker://" + AMD64, "docker://" + ARM64, "docker://" + ARMV7);
    assertThat(run.result("IMAGES"))
        .isEqualTo(
            String.join(
                ",",
                "quay.io/org/app@" + AMD64.split("@", -1)[1],
                "quay.io/org/app@" + ARM64.split("@", -1)[1],
                "quay.io/org/app@" + ARMV7.split("@", -1)[1]));
  }

  @Test
  void manifest_orderNamingAPlatformWithoutImage_isRefused() throws Exception {
    // When
    Run run =
        manifest(
            List.of(AMD64, ARMV7),
            List.of("linux/amd64", "linux/arm/v7"),
            List.of("linux/amd64", "linux/arm64", "linux/arm/v7"));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: PLATFORM_ORDER names linux/arm64, which has no image;"
                + " IMAGE_PLATFORMS: linux/amd64 linux/arm/v7\n");
  }

  @Test
  void manifest_imagePlatformsOfAnotherLength_isRefused() throws Exception {
    // When
    Run run =
        manifest(
            List.of(AMD64, ARMV7, ARM64),
            List.of("linux/amd64", "linux/arm/v7"),
            List.of("linux/amd64", "linux/arm/v7"));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: IMAGE_PLATFORMS has 2 entries and IMAGE_REFS 3; expected the"
                + " platform of each image\n");
  }

  @Test
  void manifest_imageOfAPlatformTheOrderLeavesOut_isRefused() throws Exception {
    // When
    Run run =
        manifest(
            List.of(AMD64, ARMV7), List.of("linux/amd64", "linux/arm/v7"), List.of("linux/amd64"));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: IMAGE_PLATFORMS (linux/amd64 linux/arm/v7) has images of platforms"
                + " PLATFORM_ORDER (linux/amd64) does not name\n");
  }

  /** Runs the script with the args the Task's step passes: refs, then each marker and its array. */
  private Run manifest(List<String> refs, List<String> platforms, List<String> order)
      throws Exception {
    List<String> args = new ArrayList<>(refs);
    args.add(ManifestTask.IMAGE_PLATFORMS_MARKER);
    args.addAll(platforms);
    args.add(ManifestTask.PLATFORM_ORDER_MARKER);
    args.addAll(order);
    Map<String, String> env =
        Map.of(
            "DESTINATION",
            "quay.io/org/app",
            "DESTINATION_TAGS",
            "1.0",
            "FORMAT",
            "oci",
            "TLS_VERIFY",
            "true",
            "STORAGE_DRIVER",
            "vfs",
            "DOCKERCONFIG_BOUND",
            "false",
            "PATH",
            path);
    return ScriptRunner.run(
        tmp,
        ScriptTemplate.MANIFEST_CREATE_AND_PUSH.render(Map.of()),
        env,
        args.toArray(String[]::new));
  }
}
