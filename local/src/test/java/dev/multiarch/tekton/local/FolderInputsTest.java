package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run-local --from: a generated folder, edited or not, read into what a run needs, or refused up
 * front.
 */
class FolderInputsTest {

  private static final Path HELLO = GoldenFiles.projectRoot().resolve("examples/hello/generated");
  private static final Platform AMD64 = Platform.parse("linux/amd64");

  @TempDir Path tmp;

  @Test
  void read_generatedFolder_givesItsObjectsPlatformsAndRepositories() {
    RunInputs inputs = FolderInputs.read(HELLO, AMD64);

    assertThat(inputs.name()).isEqualTo("hello");
    assertThat(inputs.tasks())
        .extracting(t -> t.getMetadata().getName())
        .contains("multiarch-binfmt", "multiarch-buildah", "multiarch-manifest");
    assertThat(inputs.platforms())
        .extracting(Platform::toString)
        .containsExactly("linux/amd64", "linux/arm64");
    assertThat(inputs.emulatedPlatforms())
        .extracting(Platform::toString)
        .containsExactly("linux/arm64");
    assertThat(inputs.imageRepository())
        .isEqualTo("image-registry.openshift-image-registry.svc:5000/demo/hello");
    assertThat(inputs.destinationRepository()).isEqualTo("quay.io/example/hello");
    assertThat(inputs.gitUrl()).isEqualTo("https://github.com/example/hello.git");
  }

  @Test
  void read_runOverridingPlatforms_usesTheRunsValue() throws IOException {
    copyHello();
    Path run = tmp.resolve("pipelinerun-hello.yaml");
    Files.writeString(
        run,
        Files.readString(run)
            .replace(
                "  pipelineRef:\n",
                "  params:\n    - name: PLATFORMS\n"
                    + "      value: [linux/amd64, linux/s390x]\n  pipelineRef:\n"));

    assertThat(FolderInputs.read(tmp, AMD64).platforms())
        .extracting(Platform::toString)
        .containsExactly("linux/amd64", "linux/s390x");
  }

  @Test
  void read_hybridFolder_takesTheNativeBuildsFromTheirPlatformParams() {
    RunInputs inputs =
        FolderInputs.read(GoldenFiles.projectRoot().resolve("examples/hybrid/generated"), AMD64);

    assertThat(inputs.platforms())
        .extracting(Platform::toString)
        .containsExactly("linux/amd64", "linux/arm/v7", "linux/arm64");
    assertThat(inputs.nativePlatforms())
        .extracting(Platform::toString)
        .containsExactly("linux/arm64");
    assertThat(inputs.emulatedPlatforms())
        .extracting(Platform::toString)
        .containsExactly("linux/arm/v7");
    assertThat(inputs.daemonSets()).isEmpty();
  }

  @Test
  void read_allNativeFolder_needsNoPlatformsParam() {
    RunInputs inputs =
        FolderInputs.read(
            GoldenFiles.projectRoot().resolve("examples/all-native/generated"), AMD64);

    assertThat(inputs.nativePlatforms())
        .extracting(Platform::toString)
        .containsExactly("linux/amd64", "linux/arm64", "linux/s390x");
    assertThat(inputs.buildsOnBuildNodes()).isFalse();
    assertThat(inputs.emulatedPlatforms()).isEmpty();
  }

  @Test
  void read_daemonsetFolder_keepsTheDaemonSetToStandInFor() {
    RunInputs inputs =
        FolderInputs.read(GoldenFiles.projectRoot().resolve("examples/daemonset/generated"), AMD64);

    assertThat(inputs.daemonSets())
        .singleElement()
        .satisfies(d -> assertThat(d.getMetadata().getName()).isEqualTo("cache-binfmt"));
    assertThat(inputs.emulatedPlatforms())
        .extracting(Platform::toString)
        .containsExactly("linux/arm64", "linux/ppc64le");
  }

  @Test
  void read_folderWithoutPipelineRun_isRefused() throws IOException {
    copyHello();
    Files.delete(tmp.resolve("pipelinerun-hello.yaml"));

    assertThatThrownBy(() -> FolderInputs.read(tmp, AMD64))
        .isInstanceOf(LocalRunException.class)
        .hasMessage(
            "run-local cannot run "
                + tmp
                + ": it holds 1 Pipelines and 0 PipelineRuns; run-local runs a "
                + "folder of exactly one of each");
  }

  private void copyHello() throws IOException {
    try (var files = Files.list(HELLO)) {
      for (Path file : files.toList()) {
        Files.copy(file, tmp.resolve(file.getFileName()));
      }
    }
  }
}
