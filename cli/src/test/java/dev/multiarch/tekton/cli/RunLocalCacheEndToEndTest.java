package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.LayerCache;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.local.LocalRun;
import dev.multiarch.tekton.local.LocalRunResult;
import dev.multiarch.tekton.local.RunListener;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-tool group: the hello Pipeline with a layer cache, run twice by run-local against one
 * registry, as two commits would run on a cluster: cold, then with only the last RUN of the
 * Containerfile changed. The arm64 build (emulated here) pulls the slow RUN's layer from its cache
 * repository instead of running it again; the amd64 build (native) uses no cache.
 */
@Tag("real-tools")
class RunLocalCacheEndToEndTest {

  private static final Path HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml");
  private static final String CACHE = "quay.io/example/hello-cache";
  // Busy under QEMU for a few seconds: the step a cache hit saves.
  private static final String SLOW_RUN =
      "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"i=0; while [ $i -lt 200000 ]; do i=$((i + 1));"
          + " done; /bin/busybox uname -m > /arch.txt\"]\n";

  @TempDir static Path tmp;
  private static TestRegistry registry;
  private static LocalRunResult cold;
  private static LocalRunResult warm;
  private static String coldIndex;

  @BeforeAll
  static void runTwiceWithTheCache() throws Exception {
    RealTools.require();
    registry = TestRegistry.start(tmp.resolve("registry"));
    // A pulled base: buildah 1.28 never looks an ARG step up in the cache, so the usual
    // FROM scratch + ARG TARGETARCH context would miss on every step after it (docs/cache.md).
    String base = registry.host() + "/base/busybox:1";
    registry.pushBusyboxBase(base, tmp.resolve("base"));
    BuildSpec spec =
        MultiArchTekton.fromSpecFile(HELLO).spec().toBuilder()
            .cache(new LayerCache(CACHE, false))
            .build();
    GeneratedPipeline generated = MultiArchTekton.from(spec).generate();

    cold = run(generated, context("v1", base), "cold");
    coldIndex = registry.digest("example/hello:1.0");
    warm = run(generated, context("v2", base), "warm");
  }

  private static Path context(String version, String base) throws IOException {
    Path context = Files.createDirectories(tmp.resolve("context-" + version));
    Files.writeString(
        context.resolve("Containerfile"),
        "FROM "
            + base
            + "\n"
            + SLOW_RUN
            + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo "
            + version
            + " > /version.txt\"]\n");
    return context;
  }

  private static LocalRunResult run(GeneratedPipeline generated, Path context, String name) {
    return LocalRun.of(generated)
        .withRegistry(registry.host())
        .withSource(context)
        .withLogDir(tmp.resolve("logs-" + name))
        .run(new RunListener() {});
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void secondRun_pullsTheSlowLayerFromTheCache_andRunsOnlyTheChangedStep() throws IOException {
    assertThat(cold.firstFailure()).as("cold run's first failure").isEmpty();
    assertThat(warm.firstFailure()).as("warm run's first failure").isEmpty();
    String coldLog = buildLog("cold", "linux-arm64");
    String warmLog = buildLog("warm", "linux-arm64");
    String repository = registry.host() + "/example/hello-cache-linux-arm64";

    assertThat(coldLog)
        .contains(
            "layer cache: " + repository + " (linux/arm64 builds through qemu-aarch64 here)\n");
    assertThat(count(coldLog, "--> Cache pulled from remote")).isZero();
    // buildah 1.28 adds the build's --label values as a last LABEL step, cached like the RUNs.
    assertThat(count(coldLog, "--> Pushing cache")).isEqualTo(3);
    assertThat(warmLog)
        .contains(
            "layer cache: " + repository + " (linux/arm64 builds through qemu-aarch64 here)\n");
    // The slow RUN comes from the cache; only the changed last RUN (and the LABEL step of the
    // new created time) runs and is pushed.
    assertThat(count(warmLog, "--> Cache pulled from remote")).isEqualTo(1);
    assertThat(count(warmLog, "--> Pushing cache")).isEqualTo(2);
    assertThat(registry.tags("example/hello-cache-linux-arm64")).hasSize(5);
  }

  @Test
  void nativeBuild_usesNoCache() throws IOException {
    assertThat(warm.firstFailure()).as("warm run's first failure").isEmpty();

    assertThat(buildLog("warm", "linux-amd64"))
        .contains(
            "layer cache: not used, linux/amd64 builds natively here (CACHE_NATIVE is false)\n")
        .doesNotContain("--> Cache pulled from remote");
    assertThat(registry.tags("example/hello-cache-linux-amd64")).isEmpty();
  }

  @Test
  void secondRun_publishesTheNewImage() throws IOException {
    assertThat(warm.firstFailure()).as("warm run's first failure").isEmpty();

    assertThat(registry.digest("example/hello:1.0")).isNotEqualTo(coldIndex);
    Map<String, String> versionByArch = new LinkedHashMap<>();
    for (JsonNode child : registry.manifest("example/hello:1.0").path("manifests")) {
      String reference = "example/hello@" + child.path("digest").asText();
      versionByArch.put(
          child.path("platform").path("architecture").asText(),
          registry.fileInImage(reference, "version.txt", tmp).strip());
    }
    assertThat(versionByArch).containsExactly(Map.entry("amd64", "v2"), Map.entry("arm64", "v2"));
  }

  private static String buildLog(String run, String platform) throws IOException {
    return Files.readString(
        tmp.resolve("logs-" + run).resolve("build-" + platform).resolve("03-build-and-push.log"));
  }

  private static long count(String text, String line) {
    return text.lines().filter(l -> l.startsWith(line)).count();
  }
}
