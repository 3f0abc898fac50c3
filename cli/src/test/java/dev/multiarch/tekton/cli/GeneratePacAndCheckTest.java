package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code generate --pac-dir DIR} and {@code generate --check}. */
class GeneratePacAndCheckTest {

  private static final Path HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml");

  @TempDir Path tmp;

  private Path deploy;
  private Path tekton;

  @BeforeEach
  void folders() {
    deploy = tmp.resolve("deploy");
    tekton = tmp.resolve(".tekton");
  }

  private static CliTest.Result generate(String... args) {
    List<String> all = new ArrayList<>(List.of("generate", "-f", HELLO.toString()));
    all.addAll(List.of(args));
    return CliTest.run(all.toArray(String[]::new));
  }

  @Test
  void pacDirAlone_writesOnlyThePacFolder() throws IOException {
    CliTest.Result result = generate("--pac-dir", tekton.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "wrote 7 files to "
                + tekton
                + " for Pipelines-as-Code: commit them; the ImageStream, ServiceAccounts and"
                + " RoleBindings are not there, apply them once from generate -o DIR\n");
    assertThat(contents(tekton))
        .containsOnlyKeys(
            List.copyOf(
                Stream.concat(
                        MultiArchTekton.fromSpecFile(HELLO).generate().pacFiles().keySet().stream(),
                        Stream.of(".multiarch-tekton.sha256"))
                    .toList()));
    assertThat(tmp.resolve("deploy")).doesNotExist();
  }

  @Test
  void outputAndPacDir_writeBoth() throws IOException {
    CliTest.Result result = generate("-o", deploy.toString(), "--pac-dir", tekton.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.err())
        .startsWith("wrote 17 files to " + deploy + "; deploy and start with:\n")
        .endsWith(
            "wrote 7 files to "
                + tekton
                + " for Pipelines-as-Code: commit them; the"
                + " ImageStream, ServiceAccounts and RoleBindings are not there, apply them once"
                + " from generate -o DIR\n");
    assertThat(deploy.resolve("kustomization.yaml")).exists();
    assertThat(tekton.resolve("pipelinerun-hello-push.yaml")).exists();
  }

  @Test
  void pacDirWithAForeignFile_isRefused_andNeitherFolderIsWritten() throws IOException {
    Files.createDirectories(tekton);
    Files.writeString(tekton.resolve("build.yaml"), "kind: PipelineRun\n");

    CliTest.Result result = generate("-o", deploy.toString(), "--pac-dir", tekton.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: "
                + tekton
                + ": not writing there, it holds files multiarch-tekton did not write: build.yaml;"
                + " choose an empty folder or one multiarch-tekton wrote\n");
    assertThat(deploy).doesNotExist();
    assertThat(contents(tekton)).containsOnlyKeys("build.yaml");
  }

  @Test
  void pacDirSameAsOutput_isRefused() {
    CliTest.Result result = generate("-o", deploy.toString(), "--pac-dir", deploy + "/.");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: --pac-dir: '"
                + deploy
                + "/.' is not allowed; expected a folder other than -o's: the"
                + " Pipelines-as-Code folder holds other files\n");
    assertThat(deploy).doesNotExist();
  }

  @Test
  void pacDirForASpecWithoutGit_isRefused_andNothingIsWritten() {
    CliTest.Result result =
        generate(
            "--git-url",
            "",
            "--git-revision",
            "",
            "-o",
            deploy.toString(),
            "--pac-dir",
            tekton.toString());

    assertThat(result.code()).as(result.err()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: spec.source.git.url: '' is not allowed; expected a git repository"
                + " for Pipelines-as-Code, which builds the repository it runs for\n");
    assertThat(deploy).doesNotExist();
    assertThat(tekton).doesNotExist();
  }

  interface Change {
    void apply(Path deploy, Path tekton) throws IOException;
  }

  static Stream<Arguments> checks() {
    return Stream.of(
        Arguments.of("equal folders", List.of(), (Change) (d, t) -> {}, 0, List.of()),
        Arguments.of(
            "a changed spec",
            List.of("--tags", "2.0"),
            (Change) (d, t) -> {},
            1,
            List.of(
                "differs: DEPLOY/.multiarch-tekton.sha256",
                "differs: DEPLOY/pipeline-hello.yaml",
                "differs: TEKTON/.multiarch-tekton.sha256",
                "differs: TEKTON/pipeline-hello.yaml")),
        Arguments.of(
            "an edited file",
            List.of(),
            (Change)
                (d, t) ->
                    Files.writeString(
                        t.resolve("pipelinerun-hello-push.yaml"),
                        "# mine\n",
                        java.nio.file.StandardOpenOption.APPEND),
            1,
            List.of("differs: TEKTON/pipelinerun-hello-push.yaml")),
        Arguments.of(
            "an extra file",
            List.of(),
            (Change) (d, t) -> Files.writeString(d.resolve("notes.md"), "mine\n"),
            1,
            List.of("extra: DEPLOY/notes.md")),
        Arguments.of(
            "a missing file",
            List.of(),
            (Change) (d, t) -> Files.delete(t.resolve("pipeline-hello.yaml")),
            1,
            List.of("missing: TEKTON/pipeline-hello.yaml")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checks")
  void check_printsOneLinePerDifference_andWritesNothing(
      String label, List<String> flags, Change change, int code, List<String> lines)
      throws IOException {
    assertThat(generate("-o", deploy.toString(), "--pac-dir", tekton.toString()).code()).isZero();
    change.apply(deploy, tekton);
    Map<String, String> before = contents(deploy);
    Map<String, String> beforePac = contents(tekton);
    List<String> args =
        new ArrayList<>(
            List.of("--check", "-o", deploy.toString(), "--pac-dir", tekton.toString()));
    args.addAll(flags);

    CliTest.Result result = generate(args.toArray(String[]::new));

    assertThat(result.code()).as(result.err()).isEqualTo(code);
    assertThat(result.out().lines().toList())
        .isEqualTo(
            lines.stream()
                .map(
                    l ->
                        l.replace("DEPLOY", deploy.toString()).replace("TEKTON", tekton.toString()))
                .toList());
    assertThat(result.err())
        .isEqualTo(
            code == 0
                ? "generated files are current\n"
                : lines.size()
                    + (lines.size() == 1 ? " file differs" : " files differ")
                    + " from what the spec generates; regenerate without --check and commit the"
                    + " result\n");
    assertThat(contents(deploy)).isEqualTo(before);
    assertThat(contents(tekton)).isEqualTo(beforePac);
  }

  @Test
  void check_ofAMissingFolder_listsEveryFileMissing_andCreatesNothing() {
    CliTest.Result result = generate("--check", "--pac-dir", tekton.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out())
        .startsWith("missing: " + tekton.resolve(".multiarch-tekton.sha256") + "\n");
    assertThat(result.out().lines()).hasSize(8);
    assertThat(tekton).doesNotExist();
  }

  @Test
  void check_withoutAFolder_isAUsageError() {
    CliTest.Result result = generate("--check");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: generate: --check compares folders: give -o DIR and/or --pac-dir"
                + " DIR\n");
  }

  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.toList()) {
        files.put(entry.getFileName().toString(), Files.readString(entry));
      }
    }
    return files;
  }
}
