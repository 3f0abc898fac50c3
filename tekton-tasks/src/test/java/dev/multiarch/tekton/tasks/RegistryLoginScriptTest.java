package dev.multiarch.tekton.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.ScriptRunner;
import dev.multiarch.tekton.tasks.testing.ScriptRunner.Run;
import dev.multiarch.tekton.templates.ScriptTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build and manifest scripts log in to the internal registry again right before each push, with
 * the token the file holds then: a stand-in buildah logs each command it runs (a login with the
 * token it read) and, as the kubelet would during a long build, rewrites the token when it builds
 * or adds an image.
 */
class RegistryLoginScriptTest {

  private static final String INTERNAL = "image-registry.openshift-image-registry.svc:5000";
  private static final String AMD64 = INTERNAL + "/demo/app@sha256:" + "a".repeat(64);
  private static final String ARM64 = INTERNAL + "/demo/app@sha256:" + "b".repeat(64);

  @TempDir Path tmp;
  Path log;
  Path saDir;
  String path;

  @BeforeEach
  void fakeBuildahAndServiceAccount() throws IOException {
    saDir = Files.createDirectories(tmp.resolve("sa"));
    Files.writeString(saDir.resolve("token"), "token-1");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    log = tmp.resolve("buildah.log");
    Path buildah = bin.resolve("buildah");
    // $1 $2 are --storage-driver and its value; a push writes a digest where --digestfile points.
    Files.writeString(
        buildah,
        """
        #!/usr/bin/env bash
        log="%1$s"
        case "$3" in
          login) echo "login $(cat)" >> "$log" ;;
          build) echo build >> "$log"; echo token-2 > "%2$s/token" ;;
          inspect) echo amd64; exit 0 ;;
          push) echo push >> "$log" ;;
          manifest)
            case "$4" in
              add) echo "manifest add" >> "$log"; echo token-2 > "%2$s/token" ;;
              push) if [ "$5" = --help ]; then exit 0; fi; echo "manifest push ${*: -1}" >> "$log" ;;
              *) echo "manifest $4" >> "$log" ;;
            esac
            ;;
        esac
        prev=""
        for arg in "$@"; do
          if [ "$prev" = --digestfile ]; then printf 'sha256:%%064d' 1 > "$arg"; fi
          prev="$arg"
        done
        exit 0
        """
            .formatted(log, saDir));
    Files.setPosixFilePermissions(buildah, PosixFilePermissions.fromString("rwxr-xr-x"));
    path = bin + ":" + System.getenv("PATH");
  }

  @Test
  void buildAndPush_toTheInternalRegistry_logsInAgainRightBeforeThePush() throws Exception {
    // Given
    Files.writeString(
        Files.createDirectories(tmp.resolve("src")).resolve("Containerfile"), "FROM scratch\n");
    Map<String, String> env = new HashMap<>(common());
    env.putAll(
        Map.of(
            "PLATFORM", "linux/amd64",
            "IMAGE", INTERNAL + "/demo/app",
            "TAG", "1.0",
            "GIT_URL", "",
            "CONTEXT", ".",
            "CONTAINERFILE", "Containerfile",
            "SOURCE_DIR", tmp.resolve("src").toString()));

    // When
    Run run =
        ScriptRunner.run(tmp, ScriptTemplate.BUILD_AND_PUSH.render(TaskParts.platformModel()), env);

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Files.readAllLines(log))
        .containsExactly("login token-1", "build", "login token-2", "push");
  }

  @Test
  void buildAndPush_toAnotherRegistry_neverLogsIn() throws Exception {
    // Given
    Files.writeString(
        Files.createDirectories(tmp.resolve("src")).resolve("Containerfile"), "FROM scratch\n");
    Map<String, String> env = new HashMap<>(common());
    env.putAll(
        Map.of(
            "PLATFORM", "linux/amd64",
            "IMAGE", "quay.io/org/app",
            "TAG", "1.0",
            "GIT_URL", "",
            "CONTEXT", ".",
            "CONTAINERFILE", "Containerfile",
            "SOURCE_DIR", tmp.resolve("src").toString()));

    // When
    Run run =
        ScriptRunner.run(tmp, ScriptTemplate.BUILD_AND_PUSH.render(TaskParts.platformModel()), env);

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Files.readAllLines(log)).containsExactly("build", "push");
  }

  @Test
  void manifest_ofInternalImages_logsInAgainRightBeforeEachPush() throws Exception {
    // Given
    Map<String, String> env = new HashMap<>(common());
    env.put("DESTINATION", "quay.io/org/app");
    env.put("DESTINATION_TAGS", "1.0 latest");

    // When
    Run run =
        ScriptRunner.run(
            tmp, ScriptTemplate.MANIFEST_CREATE_AND_PUSH.render(Map.of()), env, AMD64, ARM64);

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Files.readAllLines(log))
        .containsExactly(
            "login token-1",
            "manifest create",
            "manifest add",
            "manifest add",
            "login token-2",
            "manifest push docker://quay.io/org/app:1.0",
            "login token-2",
            "manifest push docker://quay.io/org/app:latest");
  }

  private Map<String, String> common() {
    return Map.of(
        "FORMAT", "oci",
        "TLS_VERIFY", "true",
        "STORAGE_DRIVER", "vfs",
        "DOCKERCONFIG_BOUND", "false",
        "SA_DIR", saDir.toString(),
        "PATH", path);
  }
}
