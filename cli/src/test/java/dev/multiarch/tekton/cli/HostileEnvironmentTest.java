package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.tasks.testing.HostTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command's environment and the small values it parses, through the real main: a deleted
 * working folder, an unusable temporary folder, links into the kernel's files, feature flags on a
 * pipe, durations past Go's range and run names that are no names. Each ends as one line and the
 * documented exit code.
 */
class HostileEnvironmentTest {

  private static final Path ROOT = GoldenFiles.projectRoot();
  private static final Path HELLO = ROOT.resolve("examples/hello/multiarch.yaml");
  private static final String RUN_NAME =
      " is not allowed; expected a PipelineRun name: at most 253 lowercase letters, digits, '-' "
          + "and '.', starting and ending with a letter or digit\n";

  @TempDir Path tmp;

  static Stream<Arguments> badRunNames() {
    return Stream.of(
        Arguments.of("status", "", "''"),
        Arguments.of("logs", "", "''"),
        Arguments.of("status", "a/b?c=d", "'a/b?c=d'"),
        Arguments.of("logs", "../../api/v1/secrets", "'../../api/v1/secrets'"),
        Arguments.of("status", "Build-1", "'Build-1'"),
        Arguments.of("logs", "run%2F1", "'run%2F1'"),
        Arguments.of("status", "-run", "'-run'"),
        Arguments.of(
            "status", "a".repeat(254), "'" + "a".repeat(200) + "'... (54 more characters)"));
  }

  @ParameterizedTest
  @MethodSource("badRunNames")
  void runArgumentThatIsNoKubernetesName_isOneLineExitTwo(
      String command, String run, String shown) {
    CliTest.Result result = CliTest.run(command, "-f", HELLO.toString(), "--", run);

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("multiarch-tekton: " + command + " RUN: " + shown + RUN_NAME);
    assertThat(result.out()).isEmpty();
  }

  @Test
  void validateFolder_skipsALinkIntoProc_andAFileGivenThroughOneIsRefused() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("deploy"));
    Files.copy(
        ROOT.resolve("examples/hello/generated/task-multiarch-binfmt.yaml"),
        dir.resolve("task.yaml"));
    // /proc/version stands for /proc/kmsg, whose read blocks (and, as root, takes the kernel's
    // messages from whoever else reads them).
    Path link = Files.createSymbolicLink(dir.resolve("kmsg.yaml"), Path.of("/proc/version"));

    CliTest.Result folder = CliTest.run("validate", dir.toString());
    CliTest.Result file = CliTest.run("validate", link.toString());

    assertThat(folder.code()).as(folder.err()).isZero();
    assertThat(folder.out()).isEqualTo("1 passed, 0 failed\n");
    assertThat(folder.err())
        .isEqualTo(
            "multiarch-tekton: validate: skipped "
                + link
                + ": a link to /proc/version (files under /proc, /sys and /dev are not read "
                + "through a link)\n");
    assertThat(file.code()).isEqualTo(2);
    assertThat(file.err())
        .isEqualTo(
            "multiarch-tekton: "
                + link
                + ": cannot read: a link to /proc/version (files under /proc, /sys and /dev are "
                + "not read through a link)\n");
  }

  @Test
  void featureFlagsFileOnAPipe_isReadAsASpecFileOnAPipeIs() throws IOException {
    byte[] flags =
        ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: feature-flags\ndata:\n"
                + "  enable-api-fields: stable\n")
            .getBytes(StandardCharsets.UTF_8);
    Path pipeline =
        Files.writeString(
            tmp.resolve("pipeline.yaml"),
            "apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata:\n  name: p\nspec:\n  tasks:\n"
                + "    - name: t\n      params:\n        - name: a\n          value: $(params.a)\n"
                + "      matrix:\n        params:\n          - name: b\n            value: [x, y]\n"
                + "      taskRef:\n        name: elsewhere\n  params:\n    - name: a\n");

    MainProcess piped =
        MainProcess.run(
            builder -> {},
            MainProcess.input(flags),
            "validate",
            "--feature-flags-file",
            "/dev/stdin",
            pipeline.toString());

    // The flags were read: under enable-api-fields stable, the matrix is refused.
    assertThat(piped.err()).isEmpty();
    assertThat(piped.out())
        .isEqualTo(
            pipeline
                + ":11: Pipeline/p: spec.tasks[0].matrix: matrix needs feature flag "
                + "enable-api-fields: \"beta\"\n0 passed, 1 failed (1 Tekton problem, 0 "
                + "[multiarch-tekton])\n");
    assertThat(piped.code()).isEqualTo(1);
  }

  @Test
  void durationPastGosRange_isRefusedAsTektonWould() throws IOException {
    Path run =
        Files.writeString(
            tmp.resolve("taskrun.yaml"),
            "apiVersion: tekton.dev/v1\nkind: TaskRun\nmetadata:\n  name: tr\nspec:\n"
                + "  timeout: 99999999999999999999h\n  taskSpec:\n    steps:\n      - name: s\n"
                + "        image: alpine\n        timeout: 2562048h\n        script: echo\n");

    CliTest.Result validate = CliTest.run("validate", run.toString());
    CliTest.Result runLocal =
        CliTest.run("run-local", "-f", HELLO.toString(), "--default-task-timeout", "2562048h");

    assertThat(validate.code()).isEqualTo(1);
    assertThat(validate.out())
        .isEqualTo(
            run
                + ":6: TaskRun/tr: spec.timeout: '99999999999999999999h' is longer than the "
                + "longest duration, 2562047h47m16.854775807s (Go's time: invalid duration)\n"
                + run
                + ":11: TaskRun/tr: spec.taskSpec.steps[0].timeout: '2562048h' is longer than the "
                + "longest duration, 2562047h47m16.854775807s (Go's time: invalid duration)\n"
                + "0 passed, 1 failed (2 Tekton problems, 0 [multiarch-tekton])\n");
    assertThat(runLocal.code()).isEqualTo(2);
    assertThat(runLocal.err())
        .isEqualTo(
            "multiarch-tekton: --default-task-timeout: '2562048h' is not allowed; expected a "
                + "duration such as 60m or 2h, at most 2562047h47m16.854775807s, or 0 for none\n");
  }

  @Test
  void temporaryFolderThatIsAFileOrUnwritable_isOneLineExitTwoNamingIt() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-folder"), "");
    Path locked = Files.createDirectories(tmp.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
    Consumer<ProcessBuilder> asUser = MainProcess.asUser();
    String[] runLocal = {"run-local", "-f", HELLO.toString(), "--platforms", "linux/amd64"};

    MainProcess notAFolder = MainProcess.run(tmpdir(file), in -> {}, runLocal);
    MainProcess unwritable = MainProcess.run(tmpdir(locked).andThen(asUser), in -> {}, runLocal);

    assertThat(notAFolder.code()).isEqualTo(2);
    assertThat(notAFolder.err())
        .isEqualTo(
            "multiarch-tekton: cannot create a folder in the temporary folder "
                + file
                + ": not a folder; point TMPDIR (java.io.tmpdir) at a folder you can write\n");
    assertThat(unwritable.code()).isEqualTo(2);
    assertThat(unwritable.err())
        .isEqualTo(
            "multiarch-tekton: cannot create a folder in the temporary folder "
                + locked
                + ": permission denied; point TMPDIR (java.io.tmpdir) at a folder you can write\n");
  }

  @Test
  void deletedWorkingFolder_isOneLineExitTwoNamingIt_fromTheLauncher() throws Exception {
    Path gone = Files.createDirectories(tmp.resolve("gone"));
    // Java cannot start there at all, so the launcher script is what answers.
    Process process =
        new ProcessBuilder(
                HostTools.require("bash").toString(),
                "-c",
                "cd \"$1\" && rmdir \"$1\" && exec \"$2\" --version 2>&1 | tail -n 1; "
                    + "exit ${PIPESTATUS[0]}",
                "bash",
                gone.toString(),
                ROOT.resolve("multiarch-tekton").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isEqualTo(2);
    // Bash itself says first that it cannot find its folder; the launcher's line is the last.
    assertThat(output.lines().reduce((a, b) -> b).orElse(""))
        .isEqualTo(
            "multiarch-tekton: the working folder "
                + gone
                + " no longer exists; cd to a folder that does");
    assertThat(gone).doesNotExist();
  }

  /** Runs the process with {@code dir} as its temporary folder; the last -D of a property wins. */
  private static Consumer<ProcessBuilder> tmpdir(Path dir) {
    return builder -> {
      List<String> command = new ArrayList<>(builder.command());
      command.add(command.indexOf("-cp"), "-Djava.io.tmpdir=" + dir);
      builder.command(command);
    };
  }
}
