package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.tasks.testing.HostTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands {@code generate -o DIR} prints (and {@code startCommands} returns) pasted into bash
 * as they are: each passes {@code bash -n}, and run with stub {@code oc} and {@code tkn} that
 * record their arguments, each receives the folder as exactly one argument; no part of a hostile
 * folder name runs.
 */
class PastedCommandsTest {

  private static final Path HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml");

  @TempDir Path tmp;
  private Path work;
  private Path bin;

  @BeforeEach
  void stubs() throws IOException {
    HostTools.require("bash");
    work = Files.createDirectories(tmp.resolve("work"));
    bin = Files.createDirectories(tmp.resolve("bin"));
    for (String tool : List.of("oc", "tkn")) {
      Path stub = bin.resolve(tool);
      // One argument per NUL-terminated record, the tool's name first.
      Files.writeString(
          stub, "#!/bin/sh\nprintf '%s\\0' \"$(basename \"$0\")\" \"$@\" > \"$ARGV_LOG\"\n");
      Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "d;touch x",
        "a b",
        "$(touch y)",
        "`touch z`",
        "it's",
        "new\nline",
        "tab\there",
        "*",
        "~root",
        "a:~root",
        "é ü",
        "a & b | c > d",
        "back\\slash",
        "\u001b[31mred",
        "\u202eevil",
        "plain"
      })
  void printedCommands_giveTheFolderAsOneArgument_andRunNothingElse(String name) throws Exception {
    Path dir = work.resolve(name);

    CliTest.Result result = CliTest.run("generate", "-f", HELLO.toString(), "-o", dir.toString());

    assertThat(result.code()).as(result.err()).isZero();
    List<String> lines = result.err().lines().toList();
    // rbac.yaml for a cluster admin, the kustomization, the bootstrap (a comment and its run), the
    // PipelineRun, tkn, the console caveat.
    assertThat(lines).hasSize(8);
    assertThat(result.err()).doesNotContain("\u001b", "\u202e", "\t");
    String quoted =
        lines
            .get(0)
            .replaceFirst("^wrote \\d+ files to ", "")
            .replaceFirst("; deploy and start with:$", "");
    assertThat(bash("printf '%s' " + quoted)).isEqualTo(dir.toString());
    List<String> commands = lines.subList(1, 8).stream().map(line -> line.substring(2)).toList();
    GeneratedPipeline generated = MultiArchTekton.fromSpecFile(HELLO).generate();
    assertThat(commands).isEqualTo(generated.startCommands(dir));

    assertThat(argv(commands.get(0)))
        .containsExactly("oc", "apply", "-f", dir.resolve("rbac.yaml").toString());
    assertThat(argv(commands.get(1))).containsExactly("oc", "apply", "-k", dir.toString());
    assertThat(commands.get(2)).startsWith("# once per namespace: build the builder image ");
    assertThat(argv(commands.get(2))).as("a comment runs nothing").isEmpty();
    assertThat(argv(commands.get(3)))
        .containsExactly(
            "oc",
            "create",
            "-f",
            dir.resolve("pipelinerun-buildah-qemu-bootstrap.yaml").toString());
    assertThat(argv(commands.get(4)))
        .containsExactly("oc", "create", "-f", dir.resolve("pipelinerun-hello.yaml").toString());
    // tkn gets what it gets for a plain folder, the folder aside.
    Path plain = work.resolve("plain");
    List<String> expected =
        argv(generated.startCommands(plain).get(5)).stream()
            .map(word -> word.replace(plain.toString(), dir.toString()))
            .toList();
    assertThat(argv(commands.get(5)))
        .isEqualTo(expected)
        .startsWith("tkn", "pipeline", "start", "hello", "-n", "demo")
        .contains(
            "--workspace",
            "name=source,volumeClaimTemplateFile="
                + dir.resolve("workspace-source-volumeclaimtemplate.yaml"));
    try (Stream<Path> entries = Files.list(work)) {
      assertThat(entries)
          .as("nothing but the folder: no injected command ran")
          .containsExactly(dir);
    }
  }

  @Test
  void relativeFolderStartingWithADash_isNotReadAsAnOption() throws Exception {
    List<String> commands =
        MultiArchTekton.fromSpecFile(HELLO).generate().startCommands(Path.of("-rf"));

    assertThat(commands.get(0))
        .isEqualTo("oc apply -f ./-rf/rbac.yaml  # as a cluster admin, once");
    assertThat(commands.get(1)).isEqualTo("oc apply -k ./-rf");
    assertThat(argv(commands.get(1))).containsExactly("oc", "apply", "-k", "./-rf");
    assertThat(argv(commands.get(3)))
        .containsExactly("oc", "create", "-f", "./-rf/pipelinerun-buildah-qemu-bootstrap.yaml");
    assertThat(argv(commands.get(4)))
        .containsExactly("oc", "create", "-f", "./-rf/pipelinerun-hello.yaml");
  }

  @Test
  void folderWithAComma_leavesOutTheTknCommand_whichCannotTakeIt() {
    List<String> commands =
        MultiArchTekton.fromSpecFile(HELLO).generate().startCommands(Path.of("a,b"));

    assertThat(commands)
        .containsSequence(
            "oc apply -k a,b",
            "# once per namespace: build the builder image"
                + " image-registry.openshift-image-registry.svc:5000/demo/buildah-qemu:1.39.0-1, and"
                + " wait for this run to succeed before the first build",
            "oc create -f a,b/pipelinerun-buildah-qemu-bootstrap.yaml",
            "oc create -f a,b/pipelinerun-hello.yaml")
        .noneMatch(command -> command.startsWith("tkn "));
  }

  /**
   * What {@code command} runs with: bash parses it, then it runs with the stubs first on the PATH.
   */
  private List<String> argv(String command) throws Exception {
    assertThat(run(List.of("bash", "-n", "-c", command)).code).as("bash -n %s", command).isZero();
    Path log = tmp.resolve("argv");
    Files.deleteIfExists(log);
    Ran ran =
        run(
            List.of("bash", "-c", command),
            "PATH",
            bin + ":" + System.getenv("PATH"),
            "ARGV_LOG",
            log.toString());
    assertThat(ran.code).as("%s: %s", command, ran.output).isZero();
    if (!Files.exists(log)) {
      return List.of();
    }
    String recorded = Files.readString(log, StandardCharsets.UTF_8);
    return new ArrayList<>(
        Arrays.asList(recorded.substring(0, recorded.length() - 1).split("\0", -1)));
  }

  private String bash(String command) throws Exception {
    Ran ran = run(List.of("bash", "-c", command));
    assertThat(ran.code).isZero();
    return ran.output;
  }

  private record Ran(int code, String output) {}

  private Ran run(List<String> command, String... env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
    for (int i = 0; i < env.length; i += 2) {
      builder.environment().put(env[i], env[i + 1]);
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Ran(process.exitValue(), output);
  }
}
