package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * run-local --from takes nothing of the folder on trust, through the real main: a generated folder
 * edited per case as an attacker would is refused before anything runs, one line naming the file,
 * line and field, exit code 2; an empty {@code --from} is no folder; and what a step leaves running
 * in the background does not outlive run-local.
 */
class RunLocalFromHostileFolderTest {

  private static final Path EXAMPLES = GoldenFiles.projectRoot().resolve("examples");

  @TempDir Path tmp;

  static Stream<Arguments> refusedFolders() {
    return Stream.of(
        Arguments.of(
            "hello",
            "pipelinerun-hello.yaml",
            "    - name: source\n",
            "    - name: source\n      subPath: /some/folder\n",
            ":37: PipelineRun/hello-* spec.workspaces[0].subPath: '/some/folder' must be a"
                + " relative path (Kubernetes refuses a volume mount whose subPath leaves its"
                + " volume)"),
        Arguments.of(
            "hello",
            "pipelinerun-hello.yaml",
            "    - name: source\n",
            "    - name: source\n      subPath: ../../..\n",
            ":37: PipelineRun/hello-* spec.workspaces[0].subPath: '../../..' must not contain"
                + " '..' (Kubernetes refuses a volume mount whose subPath leaves its volume)"),
        Arguments.of(
            "hello",
            "pipeline-hello.yaml",
            "    - default:\n        - linux/amd64\n        - linux/arm64\n"
                + "      description: Target platforms; each gets one build TaskRun.\n"
                + "      name: PLATFORMS\n      type: array\n",
            "    - default: linux/amd64\n      name: PLATFORMS\n      type: string\n",
            ":17: Pipeline/hello spec.params[0].default: must be an array (of platforms), as the"
                + " generated Pipeline has it"),
        Arguments.of(
            "daemonset",
            "daemonset-cache-binfmt.yaml",
            "spec:\n  selector:",
            "spec: x\nz:\n  selector:",
            ":14: DaemonSet/cache-binfmt spec: must be a mapping, the DaemonSet's spec"),
        Arguments.of(
            "daemonset",
            "daemonset-cache-binfmt.yaml",
            "spec:\n  selector:",
            "z:\n  selector:",
            ":2: DaemonSet/cache-binfmt spec: must be a mapping, the DaemonSet's spec"),
        Arguments.of(
            "daemonset",
            "daemonset-cache-binfmt.yaml",
            "metadata:\n  annotations:",
            "z:\n  annotations:",
            ":2: DaemonSet/? metadata: must be a mapping with the DaemonSet's name"),
        Arguments.of(
            "daemonset",
            "daemonset-cache-binfmt.yaml",
            "                - binfmt-ready\n",
            "                - binfmt-ready\n                - touch /tmp/x\n",
            ":195: DaemonSet/cache-binfmt"
                + " spec.template.spec.containers[0].readinessProbe.exec.command: differs from the"
                + " emulator DaemonSet multiarch-tekton generates; run-local runs on this host only"
                + " the commands generate writes (regenerate the folder)"));
  }

  @ParameterizedTest
  @MethodSource("refusedFolders")
  void runLocalFrom_hostileEdit_isBadInputNamingFileLineAndField(
      String example, String file, String from, String to, String message) throws IOException {
    Path folder = copy(example);
    Path edited = folder.resolve(file);
    String text = Files.readString(edited);
    assertThat(text).as("the text the edit replaces").contains(from);
    Files.writeString(edited, text.replace(from, to));

    MainProcess run = MainProcess.run("run-local", "--from", folder.toString());

    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("multiarch-tekton: " + edited + message + "\n");
  }

  @Test
  void runLocalFrom_emptyPath_isBadInput() {
    MainProcess run = MainProcess.run("run-local", "--from", "");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "multiarch-tekton: --from: '' is not allowed; expected an existing directory; an empty"
                + " path names none\n");
  }

  @Test
  void runLocalFrom_aFile_isBadInput() throws IOException {
    Path file = Files.writeString(tmp.resolve("pipeline.yaml"), "kind: Pipeline\n");

    MainProcess run = MainProcess.run("run-local", "--from", file.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "multiarch-tekton: --from: '"
                + file
                + "' is not allowed; expected an existing directory\n");
  }

  /**
   * Real-tool group (a registry): a step that starts {@code setsid sleep} and {@code nohup sleep}
   * and ends; neither sleep is left when run-local has exited. The cheapest run there is: one
   * TaskRun of one step, nothing built.
   */
  @Test
  @Tag("real-tools")
  void runLocalFrom_stepsBackgroundProcesses_endWithTheirTaskRun() throws Exception {
    RealTools.require();
    String marker = "999." + UUID.randomUUID().toString().replaceAll("[^0-9]", "");
    Path folder = Files.createDirectories(tmp.resolve("tiny"));
    Files.writeString(
        folder.resolve("pipeline.yaml"),
        String.join(
            "\n",
            "apiVersion: tekton.dev/v1",
            "kind: Pipeline",
            "metadata:",
            "  name: tiny",
            "spec:",
            "  params:",
            "    - name: IMAGE",
            "      type: string",
            "      default: example.com/demo/tiny",
            "    - name: DESTINATION",
            "      type: string",
            "      default: example.com/demo/tiny-index",
            "  tasks:",
            "    - name: leave",
            "      taskSpec:",
            "        steps:",
            "          - name: background",
            "            image: docker.io/library/busybox:1.36",
            "            script: |",
            "              setsid sleep " + marker + " &",
            "              nohup sleep " + marker + " >/dev/null 2>&1 &",
            "              echo started",
            ""));
    Files.writeString(
        folder.resolve("pipelinerun.yaml"),
        "apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata:\n  name: tiny-run\n"
            + "spec:\n  pipelineRef:\n    name: tiny\n");
    // A DaemonSet that is not the project's: its probe would leave a file if it ran.
    Path probed = tmp.resolve("probed");
    Files.writeString(
        folder.resolve("node-exporter.yaml"),
        String.join(
            "\n",
            "apiVersion: apps/v1",
            "kind: DaemonSet",
            "metadata:",
            "  name: node-exporter",
            "spec:",
            "  selector:",
            "    matchLabels: {app: node-exporter}",
            "  template:",
            "    metadata:",
            "      labels: {app: node-exporter}",
            "    spec:",
            "      initContainers:",
            "        - name: init",
            "          image: docker.io/library/busybox:1.36",
            "          command: [touch, " + probed + "]",
            "      containers:",
            "        - name: exporter",
            "          image: quay.io/prometheus/node-exporter:v1.8.2",
            "          readinessProbe:",
            "            exec:",
            "              command: [touch, " + probed + "]",
            ""));
    Path logs = tmp.resolve("logs");
    try (TestRegistry registry = TestRegistry.start(tmp.resolve("registry"))) {
      MainProcess run =
          MainProcess.run(
              "run-local",
              "--from",
              folder.toString(),
              "--registry",
              registry.host(),
              "--log-dir",
              logs.toString());

      assertThat(Files.readString(logs.resolve("leave/01-background.log")))
          .as(run.err())
          .isEqualTo("started\n");
      assertThat(withMarker(marker)).as("processes the step left running").isEmpty();
      assertThat(run.err())
          .contains(
              "  DaemonSet node-exporter ("
                  + folder.resolve("node-exporter.yaml")
                  + ") is ignored: not the emulator DaemonSet multiarch-tekton generates, so"
                  + " nothing of it runs on this host\n");
      assertThat(probed).as("a file the foreign DaemonSet's commands create").doesNotExist();
    } finally {
      try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
        all.filter(p -> p.info().commandLine().orElse("").contains(marker))
            .forEach(ProcessHandle::destroyForcibly);
      }
    }
  }

  private static List<String> withMarker(String marker) {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(p -> p.info().commandLine().orElse("").contains(marker))
          .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
          .toList();
    }
  }

  private Path copy(String example) throws IOException {
    Path folder = Files.createDirectories(tmp.resolve(example));
    try (Stream<Path> files = Files.list(EXAMPLES.resolve(example).resolve("generated"))) {
      for (Path file : files.toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
    return folder;
  }
}
