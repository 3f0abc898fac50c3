package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.local.LocalRun;
import dev.multiarch.tekton.local.LocalRunResult;
import dev.multiarch.tekton.local.RunListener;
import dev.multiarch.tekton.local.TaskRunOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-tool group: run-local runs every placement. A hybrid build (linux/amd64 native, pinned by
 * nodeSelector; arm64 and arm/v7 emulated in the matrix, placement same-node) and a daemonset build
 * (the DaemonSet's registration stood in for on the host first) each publish an index of all three
 * platforms, in the spec's order, with arm/v7's RUN really run under qemu-arm. Each run starts with
 * its scheduling report. The daemonset build also imports its index into the ImageStream, which
 * this host has not: its import task is told so by its IMPORT_INDEX param and succeeds.
 */
@Tag("real-tools")
class RunLocalPlacementsEndToEndTest {

  private static final List<String> PLATFORMS =
      List.of("linux/amd64", "linux/arm64", "linux/arm/v7");

  @TempDir static Path tmp;
  private static TestRegistry registry;
  private static final Map<String, LocalRunResult> results = new LinkedHashMap<>();
  private static final Map<String, List<String>> notes = new LinkedHashMap<>();
  private static final Map<String, List<String>> events = new LinkedHashMap<>();

  @BeforeAll
  static void runHybridAndDaemonset() throws Exception {
    RealTools.require();
    registry = TestRegistry.start(tmp.resolve("registry"));
    Path context = BuildContexts.unameContext(tmp.resolve("context"));
    run(
        "hybrid",
        """
          platforms: [linux/amd64, linux/arm64, linux/arm/v7]
          native:
            - platform: linux/amd64
              nodeSelector:
                kubernetes.io/arch: amd64
                node-role.kubernetes.io/builder: ""
        """,
        context);
    run(
        "daemonset",
        """
          platforms: [linux/amd64, linux/arm64, linux/arm/v7]
          placement: daemonset
          imageStream:
            importIndex: true
        """,
        context);
  }

  private static void run(String name, String spec, Path context) throws IOException {
    Path file = tmp.resolve(name + ".yaml");
    Files.writeString(
        file,
        """
        apiVersion: multiarch-tekton.dev/v1alpha1
        kind: MultiArchBuild
        metadata:
          name: %s
          namespace: demo
        spec:
        %s  destination:
            image: quay.io/example/%s:1.0
        """
            .formatted(name, spec, name));
    GeneratedPipeline generated = MultiArchTekton.fromSpecFile(file).generate();
    List<String> runNotes = Collections.synchronizedList(new ArrayList<>());
    List<String> runEvents = Collections.synchronizedList(new ArrayList<>());
    notes.put(name, runNotes);
    events.put(name, runEvents);
    results.put(
        name,
        LocalRun.of(generated)
            .withRegistry(registry.host())
            .withSource(context)
            .withLogDir(tmp.resolve("logs-" + name))
            .run(
                new RunListener() {
                  @Override
                  public void note(String message) {
                    runNotes.add(message);
                  }

                  @Override
                  public void started(String displayName) {
                    runEvents.add("start " + displayName);
                  }

                  @Override
                  public void finished(TaskRunOutcome outcome) {
                    runEvents.add(outcome.status() + " " + outcome.displayName());
                  }
                }));
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void bothRuns_succeedAndPublishAnIndexOfEveryPlatform_inTheSpecsOrder() throws IOException {
    for (String name : results.keySet()) {
      LocalRunResult result = results.get(name);
      assertThat(result.firstFailure()).as(name + " first failure").isEmpty();
      assertThat(result.platforms()).as(name).containsExactlyElementsOf(PLATFORMS);
      assertThat(platforms(registry.manifest("example/" + name + ":1.0")))
          .as(name)
          .containsExactlyElementsOf(PLATFORMS);
    }
  }

  @Test
  void importIndex_isToldThereIsNoImageStream_andSucceedsAfterTheManifest() {
    assertThat(notes.get("daemonset"))
        .filteredOn(note -> note.startsWith("params: "))
        .singleElement()
        .asString()
        .endsWith(", IMPORT_INDEX=false");
    List<String> daemonset = events.get("daemonset");
    assertThat(daemonset).contains("SUCCEEDED import-index");
    assertThat(daemonset.indexOf("start import-index"))
        .isGreaterThan(daemonset.indexOf("SUCCEEDED manifest"));
    assertThat(notes.get("hybrid")).noneMatch(note -> note.contains("IMPORT_INDEX"));
  }

  @Test
  void bothRuns_ranArmV7sRunUnderEmulation_andEveryChildHasItsArchitecture() throws IOException {
    for (String name : results.keySet()) {
      Map<String, String> unameByPlatform = new LinkedHashMap<>();
      for (JsonNode child : registry.manifest("example/" + name + ":1.0").path("manifests")) {
        JsonNode platform = child.path("platform");
        String key =
            platform.path("os").asText()
                + "/"
                + platform.path("architecture").asText()
                + (platform.path("variant").asText("").isEmpty()
                    ? ""
                    : "/" + platform.path("variant").asText());
        unameByPlatform.put(
            key,
            registry
                .fileInImage(
                    "example/" + name + "@" + child.path("digest").asText(), "arch.txt", tmp)
                .strip());
      }

      assertThat(unameByPlatform)
          .as(name)
          .containsExactly(
              Map.entry("linux/amd64", "x86_64"),
              Map.entry("linux/arm64", "aarch64"),
              Map.entry("linux/arm/v7", "armv7l"));
    }
  }

  @Test
  void hybrid_buildsTheNativePlatformInItsOwnTask_andTheRestInTheMatrixAfterBinfmt() {
    assertThat(events.get("hybrid"))
        .contains(
            "SUCCEEDED binfmt",
            "SUCCEEDED build linux/arm64",
            "SUCCEEDED build linux/arm/v7",
            "SUCCEEDED build-linux-amd64",
            "SUCCEEDED manifest")
        .doesNotContain("start build linux/amd64");
  }

  @Test
  void hybrid_startsWithTheSchedulingReport() {
    List<String> hybrid = notes.get("hybrid");
    assertThat(hybrid.get(0))
        .isEqualTo(
            "scheduling: where each TaskRun would run on a cluster (here every one runs"
                + " on this x86_64 host):");
    assertThat(hybrid)
        .contains(
            "  build-linux-amd64   nodes kubernetes.io/arch=amd64,node-role.kubernetes.io/builder=;"
                + " unprivileged, as hybrid-builder; native");
    assertThat(hybrid)
        .anySatisfy(
            line ->
                assertThat(line)
                    // Pinned to nodePlatform's nodes, and to the affinity assistant's node.
                    .startsWith("  build linux/arm/v7  nodes kubernetes.io/arch=")
                    .endsWith(
                        ", the node of volume workspace source (the affinity assistant's); unprivileged, as"
                            + " hybrid-builder; emulated (qemu-arm)"));
  }

  @Test
  void daemonset_registersOnTheHostBeforeThePipeline_whichHasNoBinfmtTask() {
    List<String> daemonset = notes.get("daemonset");
    assertThat(daemonset)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "DaemonSet daemonset-binfmt: ran test-registered, then release-unusable, then install"
                            + " (--install linux/arm64,linux/arm/v7), then the readiness probe of container emulators on this host"));
    assertThat(events.get("daemonset"))
        .noneMatch(event -> event.contains("binfmt"))
        .contains(
            "SUCCEEDED build linux/amd64",
            "SUCCEEDED build linux/arm64",
            "SUCCEEDED build linux/arm/v7");
  }

  private static List<String> platforms(JsonNode index) {
    List<String> platforms = new ArrayList<>();
    index
        .path("manifests")
        .forEach(
            m -> {
              JsonNode p = m.path("platform");
              platforms.add(
                  p.path("os").asText()
                      + "/"
                      + p.path("architecture").asText()
                      + (p.path("variant").asText("").isEmpty()
                          ? ""
                          : "/" + p.path("variant").asText()));
            });
    return platforms;
  }
}
