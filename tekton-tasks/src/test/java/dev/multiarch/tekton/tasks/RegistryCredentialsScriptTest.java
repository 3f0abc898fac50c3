package dev.multiarch.tekton.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.ScriptRunner;
import dev.multiarch.tekton.tasks.testing.ScriptRunner.Run;
import dev.multiarch.tekton.templates.ScriptTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build script's auth file merges creds-init's {@code $HOME/.docker/config.json} with the
 * dockerconfig workspace (the workspace winning per registry) and serves the FROM pull as well as
 * the push; a registry's 401 ends the step with one line. A stand-in buildah copies the file its
 * {@code --authfile} names, or fails as containers/image does.
 */
class RegistryCredentialsScriptTest {

  private static final String HOME_CONFIG = "{\"auths\":{\"a.io\":{\"auth\":\"aG9tZQ==\"}}}";

  @TempDir Path tmp;
  Path workspace;
  Path copied;
  String path;

  @BeforeEach
  void fakeBuildah() throws IOException {
    workspace = Files.createDirectories(tmp.resolve("dockerconfig"));
    copied = tmp.resolve("authfile-seen-by-build.json");
    Files.writeString(
        Files.createDirectories(tmp.resolve("src")).resolve("Containerfile"), "FROM scratch\n");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path buildah = bin.resolve("buildah");
    Files.writeString(
        buildah,
        """
        #!/usr/bin/env bash
        prev=""
        for arg in "$@"; do
          if [ "$prev" = --authfile ] && [ "$3" = build ]; then cp "$arg" "%1$s"; fi
          if [ "$prev" = --digestfile ]; then printf 'sha256:%%064d' 1 > "$arg"; fi
          prev="$arg"
        done
        if [ "$3" = build ]; then printf '%%s\n' "$@" > "%2$s"; env | grep -i '_proxy=' | sort > "%2$s.env"; fi
        if [ "$3" = build ] && [ -n "${FAIL_BUILD:-}" ]; then
          echo "STEP 1/1: FROM registry.example:5000/base:1"
          echo "$FAIL_BUILD" >&2
          exit 125
        fi
        if [ "$3" = push ] && [ -n "${FAIL_PUSH:-}" ]; then echo "$FAIL_PUSH" >&2; exit 125; fi
        if [ "$3" = inspect ]; then echo amd64; fi
        exit 0
        """
            .formatted(copied, tmp.resolve("build-args")));
    Files.setPosixFilePermissions(buildah, PosixFilePermissions.fromString("rwxr-xr-x"));
    path = bin + ":" + System.getenv("PATH");
  }

  static Stream<Arguments> merges() {
    return Stream.of(
        Arguments.of("nothing at all", null, Map.of(), "{\"auths\":{}}"),
        Arguments.of("creds-init only", HOME_CONFIG, Map.of(), HOME_CONFIG),
        Arguments.of(
            "a config.json merged after creds-init's entries, so it wins for a.io",
            HOME_CONFIG,
            Map.of(
                "config.json",
                "{\n  \"auths\": {\n    \"a.io\": {\"auth\": \"d3M=\"},\n"
                    + "    \"b.io\": {\"auth\": \"Yg==\"}\n  },\n  \"credsStore\": \"desktop\"\n}\n"),
            "{\"auths\":{\"a.io\":{\"auth\":\"aG9tZQ==\"},\n"
                + "    \"a.io\": {\"auth\": \"d3M=\"},\n    \"b.io\": {\"auth\": \"Yg==\"}\n  }}"),
        Arguments.of(
            "a Secret's .dockerconfigjson whose password holds braces and quotes",
            null,
            Map.of(
                ".dockerconfigjson",
                "{\"credHelpers\":{\"x.io\":\"ecr\"},\"auths\":{\"q.io\":{\"password\":\"}{\\\"}\"}}}"),
            "{\"auths\":{\"q.io\":{\"password\":\"}{\\\"}\"}}}"),
        Arguments.of(
            "a legacy .dockercfg, before a .dockerconfigjson",
            HOME_CONFIG,
            Map.of(
                ".dockercfg", "{\"c.io\":{\"auth\":\"Yw==\",\"email\":\"x@y\"}}",
                ".dockerconfigjson", "{\"auths\":{\"c.io\":{\"auth\":\"bmV3\"}}}"),
            "{\"auths\":{\"a.io\":{\"auth\":\"aG9tZQ==\"},\"c.io\":{\"auth\":\"Yw==\",\"email\":\"x@y\"},"
                + "\"c.io\":{\"auth\":\"bmV3\"}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("merges")
  void buildAndPush_mergesCredsInitWithTheWorkspace(
      String name, String homeConfig, Map<String, String> workspaceFiles, String expected)
      throws Exception {
    // Given
    if (homeConfig != null) {
      Files.writeString(
          Files.createDirectories(tmp.resolve(".docker")).resolve("config.json"), homeConfig);
    }
    for (Map.Entry<String, String> file : workspaceFiles.entrySet()) {
      Files.writeString(workspace.resolve(file.getKey()), file.getValue());
    }
    Map<String, String> env =
        env(Map.of("DOCKERCONFIG_BOUND", String.valueOf(!workspaceFiles.isEmpty())));

    // When
    Run run = build(env);

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Files.readString(copied)).isEqualTo(expected + "\n");
  }

  @Test
  void buildAndPush_whenTheFromRegistryAnswers401_failsWithOneLineNamingIt() throws Exception {
    // Given
    String error =
        "Error: creating build container: initializing source docker://registry.example:5000/base:1:"
            + " reading manifest 1 in registry.example:5000/base: unauthorized: authentication required";

    // When
    Run run = build(env(Map.of("FAIL_BUILD", error)));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .endsWith(
            error
                + "\nERROR: registry registry.example:5000 refused access when pulling a FROM image (HTTP"
                + " 401/403); give its credentials in the dockerconfig workspace"
                + " (destination.credentialsSecret, --credentials-secret) or link its Secret to the"
                + " ServiceAccount (oc secrets link SA SECRET --for=mount)\n");
  }

  @Test
  void buildAndPush_whenThePushIsDenied_failsWithOneLineNamingTheImageRegistry() throws Exception {
    // When
    Run run =
        build(
            env(
                Map.of(
                    "FAIL_PUSH",
                    "Error: writing blob: initiating layer upload to /v2/app/blobs/uploads/:"
                        + " denied: requested access to the resource is denied")));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr().lines().reduce((first, second) -> second))
        .hasValue(
            "ERROR: registry quay.io refused access when pushing (HTTP 401/403); give its credentials"
                + " in the dockerconfig workspace (destination.credentialsSecret, --credentials-secret)"
                + " or link its Secret to the ServiceAccount (oc secrets link SA SECRET --for=mount)");
  }

  @Test
  void buildAndPush_whenTheBuildFailsOtherwise_keepsBuildahsExitCode() throws Exception {
    // When
    Run run =
        build(env(Map.of("FAIL_BUILD", "error building at STEP \"RUN false\": exit status 1")));

    // Then
    assertThat(run.exitCode()).isEqualTo(125);
    assertThat(run.stderr()).doesNotContain("refused access");
  }

  @Test
  void buildAndPush_withBuildSecrets_passesEachKeyAsASecretNamedAfterIt() throws Exception {
    // Given a Secret volume as Kubernetes lays it out: keys are links into ..data
    Path secrets = Files.createDirectories(tmp.resolve("build-secrets"));
    Path data = Files.createDirectories(secrets.resolve("..2026_12_07"));
    Files.writeString(data.resolve("token"), "s3cret");
    Files.writeString(data.resolve(".npmrc"), "//registry.npmjs.org/:_authToken=x");
    Files.createSymbolicLink(secrets.resolve("..data"), data.getFileName());
    Files.createSymbolicLink(secrets.resolve("token"), Path.of("..data/token"));
    Files.createSymbolicLink(secrets.resolve(".npmrc"), Path.of("..data/.npmrc"));
    Map<String, String> env =
        env(Map.of("BUILD_SECRETS_BOUND", "true", "BUILD_SECRETS_PATH", secrets.toString()));

    // When
    Run run = build(env);

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("build secret token\n", "build secret .npmrc\n");
    assertThat(Files.readAllLines(tmp.resolve("build-args")))
        .filteredOn(arg -> arg.startsWith("id="))
        .map(arg -> arg.replaceAll("src=/.*/build-secrets/", "src=.../"))
        .containsExactly("id=token,src=.../token", "id=.npmrc,src=.../.npmrc");
  }

  @Test
  void buildAndPush_withAProxy_givesItToBuildahInUpperAndLowerCase() throws Exception {
    // When
    Run run =
        build(
            env(
                Map.of(
                    "HTTP_PROXY", "http://proxy.example.com:3128",
                    "HTTPS_PROXY", "http://proxy.example.com:3128",
                    "NO_PROXY", ".svc,10.0.0.0/16")));

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Files.readAllLines(tmp.resolve("build-args.env")))
        .containsExactly(
            "HTTPS_PROXY=http://proxy.example.com:3128",
            "HTTP_PROXY=http://proxy.example.com:3128",
            "NO_PROXY=.svc,10.0.0.0/16",
            "http_proxy=http://proxy.example.com:3128",
            "https_proxy=http://proxy.example.com:3128",
            "no_proxy=.svc,10.0.0.0/16");
  }

  @Test
  void buildAndPush_withCredentialsInTheProxy_failsWithoutPrintingThem() throws Exception {
    // When
    Run run = build(env(Map.of("HTTPS_PROXY", "http://user:s3cret@proxy:3128")));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout() + run.stderr()).doesNotContain("s3cret");
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: HTTPS_PROXY is not allowed; expected http://host:port or https://host:port"
                + " without user or password\n");
  }

  private Run build(Map<String, String> env) throws Exception {
    return ScriptRunner.run(
        tmp, ScriptTemplate.BUILD_AND_PUSH.render(TaskParts.platformModel()), env);
  }

  private Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = ScriptRunner.buildParams("linux/amd64", "1.0", tmp.resolve("src"));
    env.put("DOCKERCONFIG_BOUND", "false");
    env.put("DOCKERCONFIG_PATH", workspace.toString());
    env.put("SA_DIR", tmp.resolve("no-sa").toString());
    env.put("PATH", path);
    env.putAll(extra);
    return env;
  }
}
