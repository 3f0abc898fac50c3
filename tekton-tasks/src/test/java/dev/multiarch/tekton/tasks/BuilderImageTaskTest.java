package dev.multiarch.tekton.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.tasks.testing.ScriptRunner;
import dev.multiarch.tekton.tasks.testing.ScriptRunner.Run;
import dev.multiarch.tekton.templates.ScriptTemplate;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuilderImageTaskTest {

  @TempDir Path tmp;

  @Test
  void containerfile_finalFrom_isTheBuildahBaseImage() throws IOException {
    // Given
    List<String> froms =
        Files.readAllLines(
                GoldenFiles.projectRoot().resolve("containers/Containerfile"),
                StandardCharsets.UTF_8)
            .stream()
            .filter(line -> line.startsWith("FROM "))
            .toList();

    // Then
    assertThat(froms.get(froms.size() - 1)).isEqualTo("FROM " + Images.BUILDAH_BASE);
  }

  @Test
  void containerfile_packaged_isTheRepositorysOneSource() throws IOException {
    // Given
    String file =
        Files.readString(
            GoldenFiles.projectRoot().resolve("containers/Containerfile"), StandardCharsets.UTF_8);

    // Then
    assertThat(ScriptTemplate.containerfile()).isEqualTo(file.stripTrailing() + "\n");
  }

  @Test
  void create_paramsDefaults_pinTheBaseAndTheBuilderTag() {
    // When
    Task task = BuilderImageTask.create();

    // Then
    assertThat(task.getSpec().getParams())
        .extracting(
            p ->
                p.getName()
                    + "="
                    + (p.getDefault() == null ? "<required>" : p.getDefault().getStringVal()))
        .containsExactly(
            "PLATFORM=<required>",
            "IMAGE=<required>",
            "TAG=1.39.0-1",
            "FORMAT=oci",
            "TLS_VERIFY=true",
            "BUILDAH_IMAGE=quay.io/buildah/stable:v1.39.0",
            "STORAGE_DRIVER=vfs",
            "HTTP_PROXY=",
            "HTTPS_PROXY=",
            "NO_PROXY=");
    assertThat(task.getSpec().getStepTemplate().getImage()).isEqualTo("$(params.BUILDAH_IMAGE)");
    assertThat(task.getSpec().getSteps())
        .extracting(Step::getName)
        .containsExactly("prepare-context", "build-and-push");
    assertThat(task.getSpec().getResults())
        .extracting(r -> r.getName())
        .containsExactly("IMAGE_DIGEST", "IMAGE_URL", "IMAGE_REF");
  }

  @Test
  void prepareContext_onNativeNode_writesTheContainerfile() throws Exception {
    // When
    Run run = prepareContext("linux/amd64");

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Files.readString(tmp.resolve("context/Containerfile"), StandardCharsets.UTF_8))
        .isEqualTo(ScriptTemplate.containerfile());
  }

  @Test
  void prepareContext_onNodeOfAnotherArchitecture_failsWithOneLine() throws Exception {
    // When
    Run run = prepareContext("linux/arm64");

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: node worker-1 (x86_64) does not run linux/arm64 natively; the builder image"
                + " bootstrap builds each platform on nodes of that architecture only (pin this task"
                + " to them in the PipelineRun's taskRunSpecs)\n");
    assertThat(tmp.resolve("context")).doesNotExist();
  }

  private Run prepareContext(String platform) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path uname = bin.resolve("uname");
    Files.writeString(uname, "#!/bin/sh\necho x86_64\n");
    Files.setPosixFilePermissions(uname, PosixFilePermissions.fromString("rwxr-xr-x"));
    String script = BuilderImageTask.create().getSpec().getSteps().get(0).getScript();
    return ScriptRunner.run(
        tmp,
        script,
        Map.of(
            "PATH",
            bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
            "PLATFORM",
            platform,
            "NODE_NAME",
            "worker-1",
            "CONTEXT_DIR",
            tmp.resolve("context").toString()));
  }
}
