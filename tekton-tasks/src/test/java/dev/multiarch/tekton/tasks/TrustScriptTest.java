package dev.multiarch.tekton.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.HostTools;
import dev.multiarch.tekton.tasks.testing.ScriptRunner;
import dev.multiarch.tekton.tasks.testing.ScriptRunner.Run;
import dev.multiarch.tekton.templates.ScriptTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The ssl-ca-directory workspace, laid out as a mounted ConfigMap ({@code ..data} and links to it):
 * buildah gets {@code --cert-dir} holding each file as {@code <name>.crt}, git a {@code
 * GIT_SSL_CAINFO} bundle of them all. Stand-in buildah and git record what they were given.
 */
class TrustScriptTest {

  private static final String CORP =
      "-----BEGIN CERTIFICATE-----\ncorp\n-----END CERTIFICATE-----\n";
  private static final String PROXY =
      "-----BEGIN CERTIFICATE-----\nproxy\n-----END CERTIFICATE-----";

  /** Records the commands given --cert-dir and, for each, the files in it. */
  private static final String RECORDING_BUILDAH =
      """
        prev=""
        for arg in "$@"; do
          if [ "$prev" = --cert-dir ]; then
            echo "$3" >> "%1$s/commands"
            for f in "$arg"/*; do printf '%%s=%%s\n' "${f##*/}" "$(cat "$f")" >> "%1$s/$3.certs"; done
          fi
          if [ "$prev" = --digestfile ]; then printf 'sha256:%%064d' 1 > "$arg"; fi
          prev="$arg"
        done
        if [ "$3" = inspect ]; then echo amd64; fi
        exit 0
        """;

  @TempDir Path tmp;
  Path bin;
  Path cas;

  @BeforeEach
  void workspace() throws IOException {
    bin = Files.createDirectories(tmp.resolve("bin"));
    cas = Files.createDirectories(tmp.resolve("ssl-ca-directory"));
    Path data = Files.createDirectories(cas.resolve("..2026_12_07"));
    Files.writeString(data.resolve("ca-bundle.crt"), CORP);
    Files.writeString(data.resolve("proxy.pem"), PROXY);
    Files.createSymbolicLink(cas.resolve("..data"), data.getFileName());
    Files.createSymbolicLink(cas.resolve("ca-bundle.crt"), Path.of("..data/ca-bundle.crt"));
    Files.createSymbolicLink(cas.resolve("proxy.pem"), Path.of("..data/proxy.pem"));
  }

  @Test
  void buildAndPush_withCas_givesEveryRegistryCommandACertDirOfCrtFiles() throws Exception {
    // Given
    stub("buildah", RECORDING_BUILDAH);
    Files.writeString(
        Files.createDirectories(tmp.resolve("src")).resolve("Containerfile"), "FROM scratch\n");

    // When
    Run run =
        ScriptRunner.run(
            Files.createDirectories(tmp.resolve("build")),
            ScriptTemplate.BUILD_AND_PUSH.render(TaskParts.platformModel()),
            buildEnv(true));

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Files.readAllLines(tmp.resolve("commands"))).containsExactly("build", "push");
    assertThat(Files.readAllLines(tmp.resolve("build.certs")))
        .containsExactly(
            "ca-bundle.crt=-----BEGIN CERTIFICATE-----",
            "corp",
            "-----END CERTIFICATE-----",
            "proxy.crt=-----BEGIN CERTIFICATE-----",
            "proxy",
            "-----END CERTIFICATE-----");
  }

  @Test
  void buildAndPush_withAnEmptyWorkspace_failsWithOneLine() throws Exception {
    // Given
    stub("buildah", "exit 0\n");
    Files.writeString(
        Files.createDirectories(tmp.resolve("src")).resolve("Containerfile"), "FROM scratch\n");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Map<String, String> env = buildEnv(true);
    env.put("SSL_CA_DIRECTORY_PATH", empty.toString());

    // When
    Run run =
        ScriptRunner.run(
            Files.createDirectories(tmp.resolve("build")),
            ScriptTemplate.BUILD_AND_PUSH.render(TaskParts.platformModel()),
            env);

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: the ssl-ca-directory workspace holds no file; expected CA certificates (PEM)"
                + " such as ca-bundle.crt\n");
  }

  @Test
  void resolveCommit_withCas_givesGitOneBundleOfThemAll() throws Exception {
    // Given
    HostTools.require("git");
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    git(repo, "init", "--quiet", "--initial-branch=main");
    git(
        repo,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "--quiet",
        "--allow-empty",
        "-m",
        "first");
    stub(
        "git",
        """
        if [ "$1" = -C ] && [ "$3" = fetch ]; then cat "$GIT_SSL_CAINFO" > "%1$s/bundle"; fi
        PATH="${PATH#*:}" exec git "$@"
        """);

    // When
    Run run =
        ScriptRunner.run(
            Files.createDirectories(tmp.resolve("resolve")),
            ScriptTemplate.RESOLVE_COMMIT.render(Map.of()),
            Map.of(
                "GIT_URL",
                "file://" + repo,
                "GIT_REVISION",
                "main",
                "SSL_CA_DIRECTORY_BOUND",
                "true",
                "SSL_CA_DIRECTORY_PATH",
                cas.toString(),
                "PATH",
                bin + ":" + System.getenv("PATH")));

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Files.readString(tmp.resolve("bundle"))).isEqualTo(CORP + "\n" + PROXY + "\n");
  }

  @Test
  void buildAndPush_withoutTheWorkspace_givesNoCertDir() throws Exception {
    // Given
    stub("buildah", RECORDING_BUILDAH);
    Files.writeString(
        Files.createDirectories(tmp.resolve("src")).resolve("Containerfile"), "FROM scratch\n");

    // When
    Run run =
        ScriptRunner.run(
            Files.createDirectories(tmp.resolve("build")),
            ScriptTemplate.BUILD_AND_PUSH.render(TaskParts.platformModel()),
            buildEnv(false));

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(tmp.resolve("commands")).doesNotExist();
  }

  private void stub(String name, String body) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/usr/bin/env bash\n" + body.formatted(tmp));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Map<String, String> buildEnv(boolean bound) {
    Map<String, String> env = ScriptRunner.buildParams("linux/amd64", "1.0", tmp.resolve("src"));
    env.put("SSL_CA_DIRECTORY_BOUND", String.valueOf(bound));
    env.put("SSL_CA_DIRECTORY_PATH", cas.toString());
    env.put("SA_DIR", tmp.resolve("no-sa").toString());
    env.put("PATH", bin + ":" + System.getenv("PATH"));
    return env;
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor())
        .as(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isZero();
  }
}
