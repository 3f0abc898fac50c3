package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.OutputFolderException;
import dev.multiarch.tekton.tasks.testing.HostTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing an output folder: its files, kustomize, atomic replacement and refusal of foreign
 * folders.
 */
class FolderOutputTest {

  @TempDir Path tmp;

  @Test
  void writeTo_listsResourcesInKustomizationButNotThePipelineRun() throws IOException {
    GeneratedPipeline generated = MultiArchTekton.from(Specs.twoPlatforms()).generate();
    Path dir = tmp.resolve("deploy");

    generated.writeTo(dir);

    String kustomization = Files.readString(dir.resolve("kustomization.yaml"));
    assertThat(kustomization)
        .contains(
            "- pipeline-hello.yaml",
            "- task-multiarch-buildah.yaml",
            "- imagestream-hello.yaml",
            "- serviceaccount-hello-privileged.yaml");
    assertThat(kustomization).doesNotContain("pipelinerun-hello.yaml");
    assertThat(dir.resolve("pipelinerun-hello.yaml")).exists();
    assertThat(read(dir)).isEqualTo(new TreeMap<>(generated.files()));
  }

  @Test
  void writeTo_ownFolder_replacesItWholeAndDropsFilesNoLongerGenerated() throws IOException {
    Path dir = tmp.resolve("deploy");
    MultiArchTekton.from(Specs.twoPlatforms()).generate().writeTo(dir);

    // When the same folder is regenerated for in-pod placement (no binfmt task any more)
    GeneratedPipeline inPod =
        MultiArchTekton.from(
                Specs.twoPlatforms().toBuilder()
                    .placement(dev.multiarch.tekton.Placement.IN_POD)
                    .build())
            .generate();
    inPod.writeTo(dir);

    assertThat(read(dir)).isEqualTo(new TreeMap<>(inPod.files()));
    assertThat(dir.resolve("task-multiarch-binfmt.yaml")).doesNotExist();
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings).extracting(p -> p.getFileName().toString()).containsExactly("deploy");
    }
  }

  @Test
  void writeTo_folderWithForeignFile_isRefusedAndLeftAsItWas() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("deploy"));
    Files.writeString(dir.resolve("notes.md"), "mine");

    assertThatThrownBy(() -> MultiArchTekton.from(Specs.twoPlatforms()).generate().writeTo(dir))
        .isInstanceOf(OutputFolderException.class)
        .hasMessage(
            dir.toAbsolutePath()
                + ": not writing there, it holds files multiarch-tekton did not write: "
                + "notes.md; choose an empty folder or one multiarch-tekton wrote");
    assertThat(read(dir)).containsOnlyKeys("notes.md");
  }

  @Test
  void writeTo_folder_buildsWithKustomizeOffline() throws Exception {
    for (var spec : Specs.all().entrySet()) {
      Path dir = tmp.resolve(spec.getKey());
      GeneratedPipeline generated = MultiArchTekton.from(spec.getValue()).generate();
      generated.writeTo(dir);

      Process kustomize = kubectl("kustomize", dir.toString());
      String out = new String(kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String errors = new String(kustomize.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(kustomize.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(kustomize.exitValue()).as("kubectl kustomize %s: %s", dir, errors).isZero();
      for (var resource : generated.resources()) {
        assertThat(out)
            .contains("kind: " + resource.getKind() + "\n")
            .contains("name: " + resource.getMetadata().getName() + "\n");
      }
    }
  }

  private static Process kubectl(String... args) throws IOException {
    String[] command = new String[args.length + 1];
    command[0] = HostTools.require("kubectl").toString();
    System.arraycopy(args, 0, command, 1, args.length);
    return new ProcessBuilder(command).start();
  }

  /**
   * The folder's output files; its manifest ({@code .multiarch-tekton.sha256}) is checked to be
   * there.
   */
  private static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.toList()) {
        files.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    if (!files.isEmpty() && !files.containsKey("notes.md")) {
      assertThat(files).containsKey(".multiarch-tekton.sha256");
    }
    files.remove(".multiarch-tekton.sha256");
    return files;
  }
}
