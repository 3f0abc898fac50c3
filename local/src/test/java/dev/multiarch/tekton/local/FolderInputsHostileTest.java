package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.validate.YamlInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * run-local --from takes nothing of the folder's objects on trust: a subPath or name that would
 * leave the run's folders, a DaemonSet of the wrong shape, a param of the wrong type and an edited
 * emulator DaemonSet are each refused before anything runs, naming the file, line and field; a
 * DaemonSet that is not the project's own is left alone with a note.
 */
class FolderInputsHostileTest {

  private static final Path EXAMPLES = GoldenFiles.projectRoot().resolve("examples");
  private static final Platform AMD64 = Platform.parse("linux/amd64");

  @TempDir Path tmp;

  /** One edit of a generated folder: the file, the text replaced and its replacement. */
  record Edit(String example, String file, String from, String to) {}

  static Stream<Arguments> refusedEdits() {
    return Stream.of(
        Arguments.of(
            new Edit(
                "hello",
                "pipelinerun-hello.yaml",
                "    - name: source\n",
                "    - name: source\n      subPath: /some/folder\n"),
            "pipelinerun-hello.yaml:37: PipelineRun/hello-* spec.workspaces[0].subPath:"
                + " '/some/folder' must be a relative path (Kubernetes refuses a volume mount whose"
                + " subPath leaves its volume)"),
        Arguments.of(
            new Edit(
                "hello",
                "pipelinerun-hello.yaml",
                "    - name: source\n",
                "    - name: source\n      subPath: a/../../..\n"),
            "pipelinerun-hello.yaml:37: PipelineRun/hello-* spec.workspaces[0].subPath:"
                + " 'a/../../..' must not contain '..' (Kubernetes refuses a volume mount whose"
                + " subPath leaves its volume)"),
        Arguments.of(
            new Edit(
                "hello",
                "pipeline-hello.yaml",
                "        - name: shared\n          workspace: source\n",
                "        - name: shared\n          workspace: source\n          subPath: ../x\n"),
            "pipeline-hello.yaml:149: Pipeline/hello spec.tasks[1].workspaces[0].subPath: '../x'"
                + " must not contain '..' (Kubernetes refuses a volume mount whose subPath leaves"
                + " its volume)"),
        Arguments.of(
            new Edit(
                "hello",
                "pipeline-hello.yaml",
                "    - default:\n        - linux/amd64\n        - linux/arm64\n"
                    + "      description: Target platforms; each gets one build TaskRun.\n"
                    + "      name: PLATFORMS\n      type: array\n",
                "    - default: linux/amd64\n      name: PLATFORMS\n      type: string\n"),
            "pipeline-hello.yaml:17: Pipeline/hello spec.params[0].default: must be an array (of"
                + " platforms), as the generated Pipeline has it"),
        Arguments.of(
            new Edit(
                "daemonset",
                "daemonset-cache-binfmt.yaml",
                "spec:\n  selector:",
                "spec: x\nz:\n  selector:"),
            "daemonset-cache-binfmt.yaml:14: DaemonSet/cache-binfmt spec: must be a mapping, the"
                + " DaemonSet's spec"),
        Arguments.of(
            new Edit(
                "daemonset",
                "daemonset-cache-binfmt.yaml",
                "spec:\n  selector:",
                "z:\n  selector:"),
            "daemonset-cache-binfmt.yaml:2: DaemonSet/cache-binfmt spec: must be a mapping, the"
                + " DaemonSet's spec"),
        Arguments.of(
            new Edit(
                "daemonset",
                "daemonset-cache-binfmt.yaml",
                "metadata:\n  annotations:",
                "z:\n  annotations:"),
            "daemonset-cache-binfmt.yaml:2: DaemonSet/? metadata: must be a mapping with the"
                + " DaemonSet's name"),
        Arguments.of(
            new Edit(
                "daemonset",
                "daemonset-cache-binfmt.yaml",
                "  name: cache-binfmt\n",
                "  name: ../../etc\n"),
            "daemonset-cache-binfmt.yaml:12: DaemonSet/../../etc metadata.name: must be a DNS-1123"
                + " subdomain, as Kubernetes names one"),
        Arguments.of(
            new Edit(
                "daemonset",
                "daemonset-cache-binfmt.yaml",
                "                - binfmt-ready\n",
                "                - binfmt-ready\n                - touch /tmp/x\n"),
            "daemonset-cache-binfmt.yaml:195: DaemonSet/cache-binfmt"
                + " spec.template.spec.containers[0].readinessProbe.exec.command: differs from the"
                + " emulator DaemonSet multiarch-tekton generates; run-local runs on this host only"
                + " the commands generate writes (regenerate the folder)"),
        Arguments.of(
            new Edit(
                "daemonset",
                "daemonset-cache-binfmt.yaml",
                "              value: /binfmt-state/unusable\n",
                "              value: /etc/passwd\n"),
            "daemonset-cache-binfmt.yaml:430: DaemonSet/cache-binfmt"
                + " spec.template.spec.initContainers[0].env: differs from the"
                + " emulator DaemonSet multiarch-tekton generates; run-local runs on this host only"
                + " the commands generate writes (regenerate the folder)"),
        Arguments.of(
            new Edit(
                "daemonset",
                "daemonset-cache-binfmt.yaml",
                "          image: docker.io/tonistiigi/binfmt:qemu-v9.2.2\n",
                "          image: docker.io/example/other:1\n"),
            "daemonset-cache-binfmt.yaml:523: DaemonSet/cache-binfmt"
                + " spec.template.spec.initContainers[2].image: differs from the"
                + " emulator DaemonSet multiarch-tekton generates; run-local runs on this host only"
                + " the commands generate writes (regenerate the folder)"));
  }

  @ParameterizedTest
  @MethodSource("refusedEdits")
  void read_hostileEdit_isRefusedNamingFileLineAndField(Edit edit, String message)
      throws IOException {
    Path dir = edited(edit);

    assertThatThrownBy(() -> FolderInputs.read(dir, AMD64))
        .isInstanceOf(YamlInputException.class)
        .hasMessage(dir.resolve(edit.file()) + ":" + message.substring(message.indexOf(':') + 1));
  }

  @Test
  void read_foreignDaemonSet_isLeftAloneWithANote() throws IOException {
    Path dir =
        edited(
            new Edit(
                "daemonset",
                "daemonset-cache-binfmt.yaml",
                "    app.kubernetes.io/component: binfmt\n    app.kubernetes.io/managed-by: multiarch-tekton\n    app.kubernetes.io/name: cache\n    app.kubernetes.io/part-of: multiarch-tekton\n  name: cache-binfmt\n",
                "    app: node-exporter\n  name: node-exporter\n"));

    RunInputs inputs = FolderInputs.read(dir, AMD64);

    assertThat(inputs.daemonSets()).isEmpty();
    assertThat(inputs.notes())
        .containsExactly(
            "DaemonSet node-exporter ("
                + dir.resolve("daemonset-cache-binfmt.yaml")
                + ") is ignored: not the emulator DaemonSet multiarch-tekton generates, so nothing"
                + " of it runs on this host");
  }

  @Test
  void read_generatedDaemonSet_isStoodInFor() {
    RunInputs inputs = FolderInputs.read(EXAMPLES.resolve("daemonset/generated"), AMD64);

    assertThat(inputs.daemonSets()).hasSize(1);
    assertThat(inputs.notes()).isEmpty();
  }

  private Path edited(Edit edit) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("folder"));
    try (Stream<Path> files = Files.list(EXAMPLES.resolve(edit.example()).resolve("generated"))) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    Path file = dir.resolve(edit.file());
    String text = Files.readString(file);
    assertThat(text).as("the text the edit replaces").contains(edit.from());
    Files.writeString(file, text.replace(edit.from(), edit.to()));
    return dir;
  }
}
