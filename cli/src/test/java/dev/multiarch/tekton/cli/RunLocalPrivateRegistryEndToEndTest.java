package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
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
 * Real-tool group: a registry that demands a password (htpasswd, bcrypt) holds the two-platform
 * base image; the hello Pipeline, run by run-local, builds FROM it and pushes to it with the
 * credentials of the {@code dockerconfig} workspace, and a RUN reads a file of the {@code
 * build-secrets} workspace. Without the credentials the builds fail with one line naming the
 * registry. One registry and two runs for the whole class.
 */
@Tag("real-tools")
class RunLocalPrivateRegistryEndToEndTest {

  private static final Path HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml");
  private static final String USER = "builder";
  private static final String PASSWORD = "pa55-word";
  private static final String TOKEN = "build-secret-token-5f2b9c";

  @TempDir static Path tmp;
  private static TestRegistry registry;
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

    GeneratedPipeline generated = MultiArchTekton.fromSpecFile(HELLO).generate();
    withCredentials =
        LocalRun.of(generated)
            .withRegistry(registry.host())
            .withSource(context)
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
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void withTheDockerconfigWorkspace_buildsFromThePrivateBaseAndPushesEveryPlatform()
      throws IOException {
    assertThat(withCredentials.firstFailure()).as("first failure").isEmpty();
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
