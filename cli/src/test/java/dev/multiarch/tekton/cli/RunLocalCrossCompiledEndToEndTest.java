package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.local.LocalRun;
import dev.multiarch.tekton.local.LocalRunResult;
import dev.multiarch.tekton.local.RunListener;
import dev.multiarch.tekton.local.TaskRunOutcome;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * Real-tool group: a cross-compiled build (spec.crossCompiled) run by run-local with buildah and a
 * registry. Its Containerfile does its RUN in a stage FROM --platform=$BUILDPLATFORM and copies the
 * output into the target stage: no binfmt task runs, the arm64 build skips the emulator check, and
 * the RUN's {@code uname -m} in the arm64 image says it ran as x86_64. One run; each test checks
 * one property of it.
 */
@Tag("real-tools")
class RunLocalCrossCompiledEndToEndTest {

  private static final Path HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml");

  @TempDir static Path tmp;
  private static TestRegistry registry;
  private static LocalRunResult result;
  private static final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private static final List<String> notes = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void runACrossCompiledBuildOnce() throws Exception {
    RealTools.require();
    registry = TestRegistry.start(tmp.resolve("registry"));
    BuildSpec spec =
        MultiArchTekton.fromSpecFile(HELLO).spec().toBuilder().crossCompiled(true).build();
    result =
        LocalRun.of(MultiArchTekton.from(spec).generate())
            .withRegistry(registry.host())
            .withSource(crossContext(tmp.resolve("context")))
            .withLogDir(tmp.resolve("logs"))
            .run(
                new RunListener() {
                  @Override
                  public void note(String message) {
                    notes.add(message);
                  }

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

  /**
   * FROM scratch with the build platform's static busybox (BUILDARCH, which the build passes) in
   * the build stage, whose RUN writes uname -m; the target stage copies the target's busybox and
   * the RUN's output, and runs nothing.
   */
  private static Path crossContext(Path dir) throws IOException {
    for (Map.Entry<String, String> arch : BuildContexts.ARCHES.entrySet()) {
      Path target = dir.resolve(arch.getKey()).resolve("busybox");
      Files.createDirectories(target.getParent());
      Files.copy(
          BuildContexts.busybox(arch.getValue()), target, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.writeString(
        dir.resolve("Containerfile"),
        """
        FROM --platform=$BUILDPLATFORM scratch AS build
        ARG BUILDARCH
        COPY ${BUILDARCH}/busybox /bin/busybox
        RUN ["/bin/busybox", "sh", "-c", "/bin/busybox uname -m > /arch.txt"]

        FROM scratch
        ARG TARGETARCH
        COPY ${TARGETARCH}/busybox /bin/busybox
        COPY --from=build /arch.txt /arch.txt
        ENTRYPOINT ["/bin/busybox"]
        """);
    return dir;
  }

  @Test
  void run_publishesBothPlatforms_withoutABinfmtTask() {
    assertThat(result.firstFailure()).as("first failure").isEmpty();
    assertThat(result.platforms()).containsExactly("linux/amd64", "linux/arm64");
    assertThat(events)
        .containsExactlyInAnyOrder(
            "start resolve-commit",
            "SUCCEEDED resolve-commit",
            "start build linux/amd64",
            "start build linux/arm64",
            "SUCCEEDED build linux/amd64",
            "SUCCEEDED build linux/arm64",
            "start manifest",
            "SUCCEEDED manifest");
    assertThat(notes).noneMatch(note -> note.startsWith("advice:"));
  }

  @Test
  void armBuild_skipsTheEmulatorCheck_andBuildsWithTheNodesPlatform() throws IOException {
    assertThat(Files.readString(result.logDir().resolve("build-linux-arm64/02-check-platform.log")))
        .isEqualTo(
            "linux/arm64: no instruction runs on the target platform; building without an"
                + " emulator\n");
    assertThat(Files.readString(result.logDir().resolve("build-linux-arm64/03-build-and-push.log")))
        .contains("build platform linux/amd64 (this node's)\n");
  }

  @Test
  void armChild_isArm64_butItsRunRanAsX8664() throws IOException {
    Map<String, String> unameByArchitecture = new LinkedHashMap<>();
    for (JsonNode child : registry.manifest("example/hello:1.0").path("manifests")) {
      String reference = "example/hello@" + child.path("digest").asText();
      unameByArchitecture.put(
          registry.config(reference).path("architecture").asText(),
          registry.fileInImage(reference, "arch.txt", tmp).strip());
    }

    assertThat(unameByArchitecture)
        .containsExactly(Map.entry("amd64", "x86_64"), Map.entry("arm64", "x86_64"));
  }
}
