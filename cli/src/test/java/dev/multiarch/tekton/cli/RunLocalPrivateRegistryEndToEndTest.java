package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.Source;
import dev.multiarch.tekton.SpecFile;
import dev.multiarch.tekton.local.LocalRun;
import dev.multiarch.tekton.local.LocalRunResult;
import dev.multiarch.tekton.local.RunListener;
import dev.multiarch.tekton.local.TaskRunOutcome;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.tasks.testing.HostTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-tool group, issue 18's whole case: a private repository (git over HTTP with basic
 * authentication) whose Containerfile builds FROM a private base image (a registry that demands a
 * password, htpasswd and bcrypt) and reads a build secret. The hello Pipeline, run by run-local
 * with the workspaces a cluster binds ({@code basic-auth}, {@code dockerconfig}, {@code
 * build-secrets}), clones it, builds FROM the base, pushes to that registry, and a RUN reads the
 * secret. Without the registry's credentials the builds fail with one line naming the registry. One
 * registry, one git server and two runs for the whole class.
 */
@Tag("real-tools")
class RunLocalPrivateRegistryEndToEndTest {

  private static final Path HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml");
  private static final String USER = "builder";
  private static final String PASSWORD = "pa55-word";
  private static final String TOKEN = "build-secret-token-5f2b9c";
  private static final String GIT_USER = "alice";
  private static final String GIT_TOKEN = "git-token-93c1e7";

  @TempDir static Path tmp;
  private static TestRegistry registry;
  private static GitHttpServer git;
  private static LocalRunResult withCredentials;
  private static LocalRunResult withoutCredentials;

  @BeforeAll
  static void buildWithAndWithoutCredentials() throws Exception {
    RealTools.require();
    HostTools.requireAll("htpasswd");
    Path htpasswd = tmp.resolve("htpasswd");
    Files.writeString(htpasswd, Commands.run("htpasswd", "-Bbn", USER, PASSWORD));
    registry = TestRegistry.startWithPassword(tmp.resolve("registry"), htpasswd, USER, PASSWORD);
    String base = registry.host() + "/base/busybox:1";
    registry.pushBusyboxBase(base, tmp.resolve("base"));

    Path context = Files.createDirectories(tmp.resolve("context"));
    Files.writeString(
        context.resolve("Containerfile"),
        "FROM "
            + base
            + "\n"
            + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"/bin/busybox uname -m > /arch.txt\"]\n"
            + "RUN --mount=type=secret,id=token [\"/bin/busybox\", \"sh\", \"-c\","
            + " \"/bin/busybox sha256sum /run/secrets/token | /bin/busybox cut -d' ' -f1 >"
            + " /token.sha256\"]\n");
    Path dockerconfig = Files.createDirectories(tmp.resolve("dockerconfig"));
    String auth =
        Base64.getEncoder()
            .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        dockerconfig.resolve("config.json"),
        "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}\n");
    Path secrets = Files.createDirectories(tmp.resolve("build-secrets"));
    Files.writeString(secrets.resolve("token"), TOKEN);
    // The same context as a private repository, and git's files for its basic-auth workspace.
    Path repositories = Files.createDirectories(tmp.resolve("git"));
    privateRepository(context, repositories.resolve("app.git"));
    git = GitHttpServer.start(repositories, GIT_USER, GIT_TOKEN);
    Path basicAuth = Files.createDirectories(tmp.resolve("basic-auth"));
    Files.writeString(basicAuth.resolve(".gitconfig"), "[credential]\n\thelper = store\n");
    Files.writeString(
        basicAuth.resolve(".git-credentials"),
        git.url().replace("http://", "http://" + GIT_USER + ":" + GIT_TOKEN + "@") + "\n");

    GeneratedPipeline generated = MultiArchTekton.fromSpecFile(HELLO).generate();
    GeneratedPipeline fromGit =
        MultiArchTekton.from(
                SpecFile.readBuilder(HELLO)
                    .source(new Source(git.url() + "/app.git", "main", null, null, Map.of()))
                    .build())
            .generate();
    withCredentials =
        LocalRun.of(fromGit)
            .withRegistry(registry.host())
            .withWorkspace("basic-auth", basicAuth)
            .withWorkspace("dockerconfig", dockerconfig)
            .withWorkspace("build-secrets", secrets)
            .withLogDir(tmp.resolve("logs-with"))
            .run(new RunListener() {});
    withoutCredentials =
        LocalRun.of(generated)
            .withRegistry(registry.host())
            .withSource(context)
            .withWorkspace("build-secrets", secrets)
            .withLogDir(tmp.resolve("logs-without"))
            .run(new RunListener() {});
  }

  @AfterAll
  static void stopServers() {
    if (git != null) {
      git.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  /** A bare repository at {@code bare} holding the files of {@code context}, on branch main. */
  private static void privateRepository(Path context, Path bare) throws IOException {
    Path work = Files.createDirectories(tmp.resolve("work"));
    try (var files = Files.list(context)) {
      for (Path file : files.toList()) {
        Files.copy(file, work.resolve(file.getFileName()));
      }
    }
    BuildContexts.bareRepository(work, bare);
  }

  @Test
  void
      withTheWorkspaces_clonesThePrivateRepository_buildsFromThePrivateBase_andPushesEveryPlatform()
          throws IOException {
    assertThat(withCredentials.firstFailure()).as("first failure").isEmpty();
    assertThat(withCredentials.taskRuns())
        .filteredOn(run -> run.displayName().startsWith("build "))
        .hasSize(2)
        .allSatisfy(
            build ->
                assertThat(StepLogs.of(build.logDir()))
                    .contains("at commit ")
                    .doesNotContain(GIT_TOKEN));
    Map<String, String> archByPlatform = new LinkedHashMap<>();
    for (JsonNode child : registry.manifest("example/hello:1.0").path("manifests")) {
      archByPlatform.put(
          child.path("platform").path("architecture").asText(),
          registry
              .fileInImage("example/hello@" + child.path("digest").asText(), "arch.txt", tmp)
              .strip());
    }
    assertThat(archByPlatform)
        .containsExactly(Map.entry("amd64", "x86_64"), Map.entry("arm64", "aarch64"));
  }

  @Test
  void buildSecret_reachedTheRunOfEveryPlatform_andNoLayerHoldsIt() throws Exception {
    assertThat(withCredentials.firstFailure()).as("first failure").isEmpty();
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
    List<String> hashes = new ArrayList<>();
    for (JsonNode child : registry.manifest("example/hello:1.0").path("manifests")) {
      String reference = "example/hello@" + child.path("digest").asText();
      hashes.add(registry.fileInImage(reference, "token.sha256", tmp).strip());
      for (Path layer : registry.layers(reference, tmp)) {
        assertThat(gunzip(layer)).as(layer.toString()).doesNotContain(TOKEN);
      }
    }
    assertThat(hashes).containsExactly(expected, expected);
  }

  @Test
  void withoutCredentials_everyBuildFailsWithOneLineNamingTheRegistry() throws IOException {
    assertThat(withoutCredentials.succeeded()).isFalse();
    List<TaskRunOutcome> builds =
        withoutCredentials.taskRuns().stream()
            .filter(run -> run.displayName().startsWith("build "))
            .toList();
    assertThat(builds).hasSize(2);
    String line =
        "ERROR: registry "
            + registry.host()
            + " refused access when pulling a FROM image (HTTP 401/403); give its credentials in"
            + " the dockerconfig workspace (destination.credentialsSecret, --credentials-secret)"
            + " or link its Secret to the ServiceAccount (oc secrets link SA SECRET --for=mount)";
    for (TaskRunOutcome build : builds) {
      assertThat(build.succeeded()).as(build.displayName()).isFalse();
      assertThat(StepLogs.of(build.logDir())).as(build.displayName()).contains(line);
    }
  }

  private static String gunzip(Path layer) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(layer));
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      in.transferTo(out);
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
