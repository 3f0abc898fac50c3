package dev.multiarch.tekton.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.ScriptRunner;
import dev.multiarch.tekton.tasks.testing.ScriptRunner.Run;
import dev.multiarch.tekton.templates.ScriptTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The build and manifest scripts re-check user values before buildah ever sees them. */
class InputValidationScriptTest {

  @TempDir Path tmp;

  @Test
  void buildAndPush_contextLeavingTheSourceRoot_isRefused() throws Exception {
    // Given
    Map<String, String> env = buildEnv();
    env.put("CONTEXT", "sub/../../etc");

    // When
    Run run =
        ScriptRunner.run(tmp, ScriptTemplate.BUILD_AND_PUSH.render(TaskParts.platformModel()), env);

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: CONTEXT 'sub/../../etc' is not allowed; expected a path that stays"
                + " inside the source root (no '..')\n");
  }

  @Test
  void buildAndPush_buildArgWithoutValue_isRefused() throws Exception {
    // Given
    Map<String, String> env = buildEnv();
    Files.writeString(
        Files.createDirectories(tmp.resolve("src")).resolve("Containerfile"), "FROM scratch\n");

    // When
    Run run =
        ScriptRunner.run(
            tmp,
            ScriptTemplate.BUILD_AND_PUSH.render(TaskParts.platformModel()),
            env,
            "VERSION=1",
            "--network=host");

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: BUILD_ARGS: '--network' is not allowed; expected KEY=VALUE with KEY"
                + " matching [A-Za-z_][A-Za-z0-9_]*\n");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          CACHE_REPOSITORY | quay.io/org/cache:v1 | ERROR: CACHE_REPOSITORY 'quay.io/org/cache:v1' is not allowed; expected a repository without tag or digest, like quay.io/org/app
          CACHE_REPOSITORY | cache                | ERROR: CACHE_REPOSITORY 'cache' is not allowed; expected a repository without tag or digest, like quay.io/org/app
          CACHE_NATIVE     | yes                  | ERROR: CACHE_NATIVE 'yes' is not allowed; expected true or false
          """)
  void buildAndPush_badCacheValue_isRefusedBeforeBuildah(String key, String value, String error)
      throws Exception {
    // Given
    Map<String, String> env = buildEnv();
    env.put("CACHE_REPOSITORY", "quay.io/org/cache");
    env.put(key, value);
    Files.writeString(
        Files.createDirectories(tmp.resolve("src")).resolve("Containerfile"), "FROM scratch\n");

    // When
    Run run =
        ScriptRunner.run(tmp, ScriptTemplate.BUILD_AND_PUSH.render(TaskParts.platformModel()), env);

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).isEqualTo(error + "\n");
  }

  @Test
  void manifest_refByTag_isRefused() throws Exception {
    // When
    Run run =
        ScriptRunner.run(
            tmp,
            ScriptTemplate.MANIFEST_CREATE_AND_PUSH.render(Map.of()),
            manifestEnv("v1 latest"),
            "quay.io/org/app@sha256:" + "a".repeat(64),
            "quay.io/org/app:v1");

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: IMAGE_REFS: 'quay.io/org/app:v1' is not allowed; expected"
                + " name@sha256:<64 hex digits>\n");
  }

  @Test
  void manifest_tagStartingWithDash_isRefused() throws Exception {
    // When
    Run run =
        ScriptRunner.run(
            tmp,
            ScriptTemplate.MANIFEST_CREATE_AND_PUSH.render(Map.of()),
            manifestEnv("v1 -x"),
            "quay.io/org/app@sha256:" + "a".repeat(64));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: DESTINATION_TAGS '-x' is not allowed; expected a tag matching"
                + " [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\n");
  }

  private Map<String, String> buildEnv() {
    Map<String, String> env = ScriptRunner.buildParams("linux/arm64", "latest", tmp.resolve("src"));
    env.put("DOCKERCONFIG_BOUND", "false");
    return env;
  }

  private static Map<String, String> manifestEnv(String tags) {
    return Map.of(
        "DESTINATION",
        "quay.io/org/app",
        "DESTINATION_TAGS",
        tags,
        "FORMAT",
        "oci",
        "TLS_VERIFY",
        "true",
        "STORAGE_DRIVER",
        "vfs",
        "DOCKERCONFIG_BOUND",
        "false");
  }
}
