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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-tool group: the hello example's generated Pipeline, run by run-local with buildah, QEMU and
 * a registry, builds an image whose arm64 half really ran under emulation. One run; each test
 * checks one property of it.
 */
@Tag("real-tools")
class RunLocalEndToEndTest {

  private static final Path HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml");

  @TempDir static Path tmp;
  private static TestRegistry registry;
  private static LocalRunResult result;
  private static final List<String> events = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void runTheHelloPipelineOnce() throws Exception {
    RealTools.require();
    registry = TestRegistry.start(tmp.resolve("registry"));
    Path context = BuildContexts.unameContext(tmp.resolve("context"));
    GeneratedPipeline generated = MultiArchTekton.fromSpecFile(HELLO).generate();
    result =
        LocalRun.of(generated)
            .withRegistry(registry.host())
            .withSource(context)
            .withLogDir(tmp.resolve("logs"))
            .run(
                new RunListener() {
                  @Override
                  public void started(String displayName) {
                    events.add("start " + displayName);
                  }

                  @Override
                  public void finished(TaskRunOutcome outcome) {
                    events.add(outcome.status() + " " + outcome.displayName());
                  }
                });
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void run_succeedsAndReportsTheDestinationByDigest() {
    assertThat(result.firstFailure()).as("first failure").isEmpty();
    assertThat(result.succeeded()).isTrue();
    assertThat(result.destination())
        .hasValueSatisfying(
            reference ->
                assertThat(reference)
                    .matches(
                        registry.host().replace(".", "\\.")
                            + "/example/hello:1\\.0@sha256:[0-9a-f]{64}"));
    assertThat(result.platforms()).containsExactly("linux/amd64", "linux/arm64");
  }

  @Test
  void run_followsTheDag_binfmtThenBothBuildsThenManifest() {
    assertThat(events)
        .containsExactlyInAnyOrder(
            "start resolve-commit",
            "SUCCEEDED resolve-commit",
            "start binfmt",
            "SUCCEEDED binfmt",
            "start build linux/amd64",
            "start build linux/arm64",
            "SUCCEEDED build linux/amd64",
            "SUCCEEDED build linux/arm64",
            "start manifest",
            "SUCCEEDED manifest");
    assertThat(events.indexOf("SUCCEEDED binfmt"))
        .isLessThan(events.indexOf("start build linux/amd64"))
        .isLessThan(events.indexOf("start build linux/arm64"));
    assertThat(events.indexOf("start manifest"))
        .isGreaterThan(events.indexOf("SUCCEEDED build linux/amd64"))
        .isGreaterThan(events.indexOf("SUCCEEDED build linux/arm64"));
  }

  @Test
  void destination_isAnImageIndexOfExactlyTheRequestedPlatforms_underEveryTag() throws IOException {
    JsonNode index = registry.manifest("example/hello:1.0");

    assertThat(index.path("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(platforms(index)).containsExactly("linux/amd64", "linux/arm64");
    assertThat(registry.digest("example/hello:latest"))
        .isEqualTo(registry.digest("example/hello:1.0"))
        .isEqualTo(result.pipelineResults().get("IMAGE_DIGEST"));
  }

  @Test
  void eachChild_hasTheArchitectureOfItsPlatform() throws IOException {
    for (JsonNode child : registry.manifest("example/hello:1.0").path("manifests")) {
      JsonNode config = registry.config("example/hello@" + child.path("digest").asText());

      assertThat(config.path("os").asText()).isEqualTo("linux");
      assertThat(config.path("architecture").asText())
          .isEqualTo(child.path("platform").path("architecture").asText());
    }
  }

  @Test
  void armChild_ranItsRunInstructionUnderEmulation() throws IOException {
    Map<String, String> unameByPlatform = new LinkedHashMap<>();
    for (JsonNode child : registry.manifest("example/hello:1.0").path("manifests")) {
      String platform =
          child.path("platform").path("os").asText()
              + "/"
              + child.path("platform").path("architecture").asText();
      unameByPlatform.put(
          platform,
          registry
              .fileInImage("example/hello@" + child.path("digest").asText(), "arch.txt", tmp)
              .strip());
    }

    assertThat(unameByPlatform)
        .containsExactly(Map.entry("linux/amd64", "x86_64"), Map.entry("linux/arm64", "aarch64"));
  }

  @Test
  void perArchImages_areTaggedInTheImageStreamRepository() throws IOException {
    assertThat(registry.tags("demo/hello"))
        .containsExactlyInAnyOrder("latest-linux-amd64", "latest-linux-arm64");
  }

  @Test
  void imageRefResults_areDigestsThatTheRegistryAndTheIndexAgreeOn() throws IOException {
    List<String> indexDigests = new ArrayList<>();
    registry
        .manifest("example/hello:1.0")
        .path("manifests")
        .forEach(m -> indexDigests.add(m.path("digest").asText()));

    List<String> refDigests = new ArrayList<>();
    for (String suffix : List.of("linux-amd64", "linux-arm64")) {
      TaskRunOutcome build =
          result.taskRuns().stream()
              .filter(run -> run.displayName().equals("build " + suffix.replace('-', '/')))
              .findFirst()
              .orElseThrow();
      String ref = build.results().get("IMAGE_REF");
      assertThat(ref)
          .matches(registry.host().replace(".", "\\.") + "/demo/hello@sha256:[0-9a-f]{64}");
      String digest = ref.substring(ref.indexOf('@') + 1);
      assertThat(registry.digest("demo/hello:latest-" + suffix)).isEqualTo(digest);
      assertThat(build.results().get("IMAGE_DIGEST")).isEqualTo(digest);
      refDigests.add(digest);
    }
    assertThat(indexDigests).containsExactlyElementsOf(refDigests);
  }

  @Test
  void imagesResult_listsExactlyTheIndexsChildrenAtTheDestination() throws IOException {
    List<String> children = new ArrayList<>();
    registry
        .manifest("example/hello:1.0")
        .path("manifests")
        .forEach(
            m -> children.add(registry.host() + "/example/hello@" + m.path("digest").asText()));

    assertThat(result.pipelineResults().get("IMAGES")).isEqualTo(String.join(",", children));
    for (String child : children) {
      assertThat(registry.digest("example/hello@" + child.substring(child.indexOf('@') + 1)))
          .isEqualTo(child.substring(child.indexOf('@') + 1));
    }
  }

  @Test
  void workspaceSource_hasNoCommit_andImagesCarryACreatedLabelOnly() throws IOException {
    assertThat(result.pipelineResults())
        .containsEntry("CHAINS-GIT_COMMIT", "")
        .containsEntry("CHAINS-GIT_URL", "");
    JsonNode child = registry.manifest("example/hello:1.0").path("manifests").get(0);
    JsonNode labels =
        registry
            .config("example/hello@" + child.path("digest").asText())
            .path("config")
            .path("Labels");
    assertThat(labels.path("org.opencontainers.image.created").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(labels.has("org.opencontainers.image.revision")).isFalse();
  }

  @Test
  void everyStep_leftALogInTheLogFolder() throws IOException {
    try (Stream<Path> files = Files.walk(result.logDir())) {
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .map(p -> result.logDir().relativize(p).toString())
                  .sorted())
          .containsExactly(
              "binfmt/01-test-registered.log",
              "binfmt/02-release-unusable.log",
              "binfmt/03-install.log",
              "binfmt/04-verify.log",
              "build-linux-amd64/01-fetch-source.log",
              "build-linux-amd64/02-check-platform.log",
              "build-linux-amd64/03-build-and-push.log",
              "build-linux-arm64/01-fetch-source.log",
              "build-linux-arm64/02-check-platform.log",
              "build-linux-arm64/03-build-and-push.log",
              "manifest/01-create-and-push.log",
              "resolve-commit/01-resolve.log");
    }
    assertThat(Files.readString(result.logDir().resolve("binfmt/04-verify.log")))
        .contains("linux/arm64      emulated   qemu-aarch64       ok");
  }

  private static List<String> platforms(JsonNode index) {
    List<String> platforms = new ArrayList<>();
    index
        .path("manifests")
        .forEach(
            m ->
                platforms.add(
                    m.path("platform").path("os").asText()
                        + "/"
                        + m.path("platform").path("architecture").asText()));
    return platforms;
  }
}
