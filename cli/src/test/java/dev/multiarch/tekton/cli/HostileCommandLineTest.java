package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.tasks.testing.HostTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line against hostile or careless use: every case ends with one printable line on
 * stderr, the exit code README documents, nothing written, in well under the 5 seconds allowed
 * (each time is printed).
 */
class HostileCommandLineTest {

  private static final Path HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml");
  private static final Duration BOUND = Duration.ofSeconds(5);

  @TempDir Path tmp;

  /**
   * The first generation in a JVM loads the fabric8 models (seconds on a busy machine); the bound
   * is for the rest.
   */
  @BeforeAll
  static void warmUp() {
    assertThat(CliTest.run("generate", "-f", HELLO.toString()).code()).isZero();
  }

  /** Runs the command in this JVM within the bound, printing how long it took. */
  static CliTest.Result timed(String... args) {
    return assertTimeoutPreemptively(
        BOUND,
        () -> {
          long start = System.nanoTime();
          CliTest.Result result = CliTest.run(args);
          System.out.printf(
              "hostile command line: %-40.40s exit %d in %4d ms%n",
              String.join(" ", args).replace('\n', ' '),
              result.code(),
              (System.nanoTime() - start) / 1_000_000);
          return result;
        });
  }

  static Stream<Arguments> repeatedFlags() {
    return Stream.of(
        Arguments.of(
            List.of("generate", "--name", "a", "--name", "b"),
            "generate: --name given 2 times ('a', 'b'); give it once"),
        Arguments.of(
            List.of("generate", "-f", "a.yaml", "--file", "b.yaml"),
            "generate: --file given 2 times ('a.yaml', 'b.yaml'); give it once"),
        Arguments.of(
            List.of("generate", "-f", HELLO.toString(), "-o", "d1", "-o", "d2"),
            "generate: --output given 2 times ('d1', 'd2'); give it once"),
        Arguments.of(
            List.of("generate", "--platforms", "linux/amd64", "--platforms", "linux/arm64"),
            "generate: --platforms given 2 times ('linux/amd64', 'linux/arm64'); give it once"),
        Arguments.of(
            List.of("validate", "--feature-flags", "beta", "--feature-flags", "alpha", "x.yaml"),
            "validate: --feature-flags given 2 times ('beta', 'alpha'); give it once"),
        Arguments.of(
            List.of("run-local", "--source", "a", "--source", "b"),
            "run-local: --source given 2 times ('a', 'b'); give it once"),
        Arguments.of(
            List.of("generate", "-f", HELLO.toString(), "--build-arg", "K=1", "--build-arg", "K=2"),
            "--build-arg: 'K=2' is not allowed; expected each KEY once; K is already K=1"));
  }

  @ParameterizedTest
  @MethodSource("repeatedFlags")
  void repeatedSingleValueFlag_isAnErrorNamingIt(List<String> args, String message) {
    CliTest.Result result = timed(args.toArray(String[]::new));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("multiarch-tekton: " + message + "\n");
    assertThat(result.out()).isEmpty();
    assertThat(Path.of("d1")).doesNotExist();
    assertThat(Path.of("d2")).doesNotExist();
  }

  @Test
  void emptyOutputOrSpecPath_isBadInputAndTheWorkingFolderUntouched() {
    CliTest.Result output = timed("generate", "-f", HELLO.toString(), "-o", "");
    CliTest.Result spec = timed("generate", "-f", "");

    assertThat(output.code()).isEqualTo(2);
    assertThat(output.err())
        .isEqualTo(
            "multiarch-tekton: --output: '' is not allowed; expected a folder to write; "
                + "an empty path names none\n");
    assertThat(spec.err())
        .isEqualTo(
            "multiarch-tekton: --file: '' is not allowed; expected a spec file; an empty "
                + "path names none\n");
    assertThat(Path.of("kustomization.yaml")).doesNotExist();
    assertThat(Path.of(".multiarch-tekton.sha256")).doesNotExist();
  }

  @Test
  void escapeAndOtherControlCharacters_areNeverEchoedRaw() {
    CliTest.Result name =
        timed("generate", "-f", HELLO.toString(), "--name", "a\u001b]0;owned\u0007\u202e\u009b");
    CliTest.Result command = timed("gen\u001b[2Jerate");
    CliTest.Result option = timed("generate", "--na\u001bme", "x");

    assertThat(name.err())
        .isEqualTo(
            "multiarch-tekton: --name: 'a\\x1b]0;owned\\x07\\u202e\\x9b' is not allowed; "
                + "expected a DNS-1123 label of at most 57 characters: lowercase letters, digits and '-', starting and "
                + "ending with a letter or digit\n");
    assertThat(command.err())
        .isEqualTo(
            "multiarch-tekton: unknown command 'gen\\x1b[2Jerate'; expected one of: "
                + "generate, validate, run-local, doctor, deploy, start, status, logs, graph (see --help)\n");
    assertThat(option.err())
        .startsWith("multiarch-tekton: generate: Unrecognized option: --na\\x1bme");
    for (CliTest.Result result : List.of(name, command, option)) {
      assertThat(result.code()).isEqualTo(2);
      assertThat(result.err())
          .hasLineCount(1)
          .doesNotContain("\u001b", "\u0007", "\u202e", "\u009b");
    }
  }

  @Test
  void longValue_isCutSayingHowMuch() {
    CliTest.Result result =
        timed("generate", "-f", HELLO.toString(), "--name", "x".repeat(100_000));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: --name: '"
                + "x".repeat(200)
                + "'... (99800 more "
                + "characters) is not allowed; expected a DNS-1123 label of at most 57 characters: lowercase letters, digits "
                + "and '-', starting and ending with a letter or digit\n");
  }

  @Test
  void devZeroAndAFifoAsSpecFile_areRefusedAtOnce() throws Exception {
    Path fifo = tmp.resolve("spec.yaml");
    assertThat(
            new ProcessBuilder(HostTools.require("mkfifo").toString(), fifo.toString())
                .start()
                .waitFor())
        .isZero();

    CliTest.Result zero = timed("generate", "-f", "/dev/zero");
    CliTest.Result pipe = timed("generate", "-f", fifo.toString());
    CliTest.Result validate = timed("validate", fifo.toString());

    assertThat(zero.err())
        .isEqualTo(
            "multiarch-tekton: /dev/zero: cannot read: a character device, not a regular "
                + "file\n");
    assertThat(pipe.err())
        .isEqualTo(
            "multiarch-tekton: "
                + fifo
                + ": cannot read: a FIFO (named pipe), not a "
                + "regular file\n");
    assertThat(validate.err()).isEqualTo(pipe.err());
    for (CliTest.Result result : List.of(zero, pipe, validate)) {
      assertThat(result.code()).isEqualTo(2);
    }
  }

  @Test
  void hugeOrLongLinedOrAliasedSpecFiles_areOneLineExitTwo_andWriteNothing() throws IOException {
    String spec = Files.readString(HELLO);
    Path longLine =
        Files.writeString(tmp.resolve("long.yaml"), spec + "# " + "x".repeat(70_000) + "\n");
    Path huge =
        Files.writeString(
            tmp.resolve("huge.yaml"), spec + ("# " + "x".repeat(1000) + "\n").repeat(1100));
    Path aliased =
        Files.writeString(
            tmp.resolve("aliased.yaml"), spec.replace("namespace: demo", "namespace: &ns demo"));
    Path out = tmp.resolve("deploy");

    CliTest.Result longResult = timed("generate", "-f", longLine.toString(), "-o", out.toString());
    CliTest.Result hugeResult = timed("generate", "-f", huge.toString(), "-o", out.toString());
    CliTest.Result aliasedResult =
        timed("generate", "-f", aliased.toString(), "-o", out.toString());

    int last = (int) spec.lines().count() + 1;
    assertThat(longResult.err())
        .isEqualTo(
            "multiarch-tekton: "
                + longLine
                + ":"
                + last
                + ": a line longer than 65536 "
                + "characters, the limit for a spec file\n");
    assertThat(hugeResult.err())
        .isEqualTo(
            "multiarch-tekton: " + huge + ": larger than 1 MiB, the limit for a spec " + "file\n");
    assertThat(aliasedResult.err())
        .startsWith("multiarch-tekton: " + aliased + ":")
        .endsWith(
            ": anchor '&ns': a "
                + "spec file takes no anchors or aliases (&name, *name); write the value out\n");
    for (CliTest.Result result : List.of(longResult, hugeResult, aliasedResult)) {
      assertThat(result.code()).isEqualTo(2);
      assertThat(result.out()).isEmpty();
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void aliasBombGivenToValidate_isOneLineExitTwo() throws IOException {
    StringBuilder bomb = new StringBuilder("l0: &l0 [a, a]\n");
    for (int i = 1; i <= 24; i++) {
      bomb.append("l")
          .append(i)
          .append(": &l")
          .append(i)
          .append(" [*l")
          .append(i - 1)
          .append(", *l")
          .append(i - 1)
          .append("]\n");
    }
    Path file = Files.writeString(tmp.resolve("bomb.yaml"), bomb);

    CliTest.Result result = timed("validate", file.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: "
                + file
                + ":15: more than 100000 YAML nodes once aliases "
                + "are expanded, the limit for a YAML file\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void validateFolder_namesTheEntriesItSkipsAndWhy() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("deploy"));
    Path generated = GoldenFiles.projectRoot().resolve("examples/hello/generated");
    Files.copy(generated.resolve("task-multiarch-binfmt.yaml"), dir.resolve("task.yaml"));
    Files.createSymbolicLink(dir.resolve("broken.yaml"), tmp.resolve("gone.yaml"));
    Files.createDirectory(dir.resolve("sub.yaml"));
    assertThat(
            new ProcessBuilder(
                    HostTools.require("mkfifo").toString(), dir.resolve("pipe.yaml").toString())
                .start()
                .waitFor())
        .isZero();

    CliTest.Result result = timed("validate", dir.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("1 passed, 0 failed\n");
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: validate: skipped "
                + dir.resolve("broken.yaml")
                + ": a broken link to "
                + tmp.resolve("gone.yaml")
                + ", not a regular file\n"
                + "multiarch-tekton: validate: skipped "
                + dir.resolve("pipe.yaml")
                + ": a FIFO (named pipe), not a "
                + "regular file\n");
  }

  @Test
  void unreadableFolderForValidate_andUnwritableOutput_sayPermissionDeniedAndExitTwo()
      throws IOException {
    HostTools.require("setpriv");
    Path locked = Files.createDirectories(tmp.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
    Path unreadable = Files.createDirectories(tmp.resolve("unreadable"));
    Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("-wx------"));
    // Only root has the power to ignore permissions; a process without it sees them as any user
    // does.
    var asUser = MainProcess.asUser();

    MainProcess validate = MainProcess.run(asUser, in -> {}, "validate", unreadable.toString());
    MainProcess generate =
        MainProcess.run(
            asUser,
            in -> {},
            "generate",
            "-f",
            HELLO.toString(),
            "-o",
            locked.resolve("deploy").toString());

    assertThat(validate.code()).isEqualTo(2);
    assertThat(validate.err())
        .isEqualTo(
            "multiarch-tekton: "
                + unreadable
                + ": cannot list the folder: permission "
                + "denied\n");
    assertThat(generate.code()).isEqualTo(2);
    assertThat(generate.err())
        .isEqualTo(
            "multiarch-tekton: cannot write " + locked.resolve("deploy") + ": permission denied\n");
    assertThat(locked.resolve("deploy")).doesNotExist();
  }

  @Test
  void noArguments_printsUsageOnStandardErrorAndExitsTwo() {
    MainProcess result = MainProcess.run();

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("usage: multiarch-tekton <command> [options]\n")
        .contains("exit codes: 0 done, 1 failed, 2 bad input");
  }

  @Test
  void standardInput_asAPipeIsReadUpToTheLimit_asADeviceIsRefused() throws IOException {
    byte[] noise = new byte[64 * 1024];
    new Random(9).nextBytes(noise);

    MainProcess endless =
        MainProcess.run(
            builder -> {},
            in -> {
              try {
                while (true) {
                  in.write(noise);
                }
              } catch (IOException e) {
                // the reader stopped: the limit was reached
              }
            },
            "generate",
            "-f",
            "/dev/stdin");
    MainProcess device =
        MainProcess.run(
            builder -> builder.redirectInput(Path.of("/dev/urandom").toFile()),
            in -> {},
            "generate",
            "-f",
            "/dev/stdin");
    byte[] spec = Files.readAllBytes(HELLO);
    MainProcess piped =
        MainProcess.run(builder -> {}, MainProcess.input(spec), "generate", "-f", "/dev/stdin");

    System.out.printf(
        "hostile command line: endless pipe on /dev/stdin refused in %d ms, JVM start included%n",
        endless.millis());
    assertThat(endless.code()).isEqualTo(2);
    assertThat(endless.err())
        .isEqualTo(
            "multiarch-tekton: /dev/stdin: larger than 1 MiB, the limit for a spec " + "file\n");
    assertThat(device.code()).isEqualTo(2);
    assertThat(device.err())
        .isEqualTo(
            "multiarch-tekton: /dev/stdin: cannot read: a character device, not a "
                + "regular file\n");
    assertThat(piped.code()).as(piped.err()).isZero();
    assertThat(piped.out()).contains("kind: Pipeline\n");
  }

  @Test
  void editedOutputFile_isRefusedNamingIt_untilForced() throws IOException {
    Path out = tmp.resolve("deploy");
    assertThat(CliTest.run("generate", "-f", HELLO.toString(), "-o", out.toString()).code())
        .isZero();
    Path pipeline = out.resolve("pipeline-hello.yaml");
    String edited = Files.readString(pipeline) + "# my change\n";
    Files.writeString(pipeline, edited);

    CliTest.Result refused = timed("generate", "-f", HELLO.toString(), "-o", out.toString());

    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .isEqualTo(
            "multiarch-tekton: "
                + out
                + ": not writing there, files multiarch-tekton "
                + "wrote were edited since: pipeline-hello.yaml; move the changes into the spec, or overwrite them on purpose "
                + "with --force\n");
    assertThat(Files.readString(pipeline)).isEqualTo(edited);

    CliTest.Result forced =
        CliTest.run("generate", "-f", HELLO.toString(), "-o", out.toString(), "--force");

    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(Files.readString(pipeline)).doesNotContain("# my change");
  }

  @Test
  void outputInsideAFile_saysWhichPartIsNotAFolder() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");

    CliTest.Result result =
        timed("generate", "-f", HELLO.toString(), "-o", file.resolve("deploy").toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: "
                + file.resolve("deploy")
                + ": not writing there, "
                + file
                + " is a regular file, not a folder\n");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void runLocalSourceHoldingAFifo_isOneLineExitTwo_beforeAnythingRuns() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("Containerfile"), "FROM scratch\n");
    assertThat(
            new ProcessBuilder(
                    HostTools.require("mkfifo").toString(), src.resolve("pipe").toString())
                .start()
                .waitFor())
        .isZero();
    Path logs = tmp.resolve("logs");

    CliTest.Result result =
        timed(
            "run-local",
            "-f",
            HELLO.toString(),
            "--source",
            src.toString(),
            "--log-dir",
            logs.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: --source: '"
                + src.resolve("pipe")
                + "' is not allowed; "
                + "expected a regular file, folder or link inside the source, not a FIFO (named pipe)\n");
    assertThat(result.out()).isEmpty();
    assertThat(logs).as("nothing ran").doesNotExist();
  }

  static Stream<Arguments> badSources() {
    String tmpdir = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().toString();
    return Stream.of(
        Arguments.of(
            "",
            "'' is not allowed; expected an existing folder; an empty path names none (it would copy "
                + "the working folder)"),
        Arguments.of("/", "'/' is not allowed; expected a folder other than the root folder"),
        Arguments.of(
            "/proc",
            "'/proc' is not allowed; expected a folder of files, not of the proc pseudo file "
                + "system"),
        Arguments.of(
            tmpdir,
            "'"
                + tmpdir
                + "' is not allowed; expected a folder that does not hold the temporary "
                + "folder, where run-local's work folder goes, "
                + tmpdir
                + " (the copy would copy itself)"));
  }

  @ParameterizedTest
  @MethodSource("badSources")
  void runLocalSourceThatCannotBeCopied_isOneLineExitTwo(String source, String message) {
    CliTest.Result result = timed("run-local", "-f", HELLO.toString(), "--source", source);

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("multiarch-tekton: --source: " + message + "\n");
  }

  @Test
  void runLocalLogFolderInsideTheSource_isRefused() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));

    CliTest.Result result =
        timed(
            "run-local",
            "-f",
            HELLO.toString(),
            "--source",
            src.toString(),
            "--log-dir",
            src.resolve("logs").toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: --source: '"
                + src
                + "' is not allowed; expected a folder "
                + "that does not hold the log folder "
                + src.resolve("logs")
                + " (the copy would copy itself)\n");
    assertThat(src.resolve("logs")).doesNotExist();
  }
}
