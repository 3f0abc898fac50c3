package dev.multiarch.tekton.internal.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.FolderDifference;
import dev.multiarch.tekton.OutputFolderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FolderWriter#compare} ({@code generate --check}) and {@link FolderWriter#checkWritable}:
 * both read a folder the writer wrote and change nothing in it.
 */
class FolderCompareTest {

  @TempDir Path tmp;

  private interface Edit {
    void apply(Path dir) throws IOException;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("equal", "old", (Edit) dir -> {}, List.of()),
        Arguments.of(
            "changed spec",
            "new",
            (Edit) dir -> {},
            List.of(
                "differs: .multiarch-tekton.sha256",
                "differs: a.yaml",
                "extra: c.yaml",
                "missing: d.yaml")),
        Arguments.of(
            "edited file",
            "old",
            (Edit) dir -> Files.writeString(dir.resolve("b.yaml"), "b: mine\n"),
            List.of("differs: b.yaml")),
        Arguments.of(
            "extra file",
            "old",
            (Edit) dir -> Files.writeString(dir.resolve("notes.txt"), "mine\n"),
            List.of("extra: notes.txt")),
        Arguments.of(
            "extra folder",
            "old",
            (Edit) dir -> Files.createDirectory(dir.resolve("sub")),
            List.of("extra: sub")),
        Arguments.of(
            "missing file",
            "old",
            (Edit) dir -> Files.delete(dir.resolve("c.yaml")),
            List.of("missing: c.yaml")),
        Arguments.of(
            "missing manifest",
            "old",
            (Edit) dir -> Files.delete(dir.resolve(FolderWriterTest.MANIFEST)),
            List.of("missing: .multiarch-tekton.sha256")),
        Arguments.of(
            "a folder where a file belongs",
            "old",
            (Edit)
                dir -> {
                  Files.delete(dir.resolve("a.yaml"));
                  Files.createDirectory(dir.resolve("a.yaml"));
                },
            List.of("differs: a.yaml")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void compare_listsEachDifference_andWritesNothing(
      String label, String generated, Edit edit, List<String> expected) throws IOException {
    Path dir = tmp.resolve("deploy");
    FolderWriter.write(dir, FolderWriterTest.variant("old"), false);
    edit.apply(dir);
    Map<String, String> before = contents(dir);

    List<FolderDifference> differences =
        FolderWriter.compare(dir, FolderWriterTest.variant(generated));

    assertThat(differences).extracting(FolderDifference::toString).isEqualTo(expected);
    assertThat(contents(dir)).isEqualTo(before);
  }

  @Test
  void compare_missingFolder_lacksEveryFile_andIsNotCreated() {
    Path dir = tmp.resolve("absent");

    List<FolderDifference> differences = FolderWriter.compare(dir, FolderWriterTest.variant("old"));

    assertThat(differences)
        .extracting(FolderDifference::toString)
        .containsExactly(
            "missing: .multiarch-tekton.sha256",
            "missing: a.yaml",
            "missing: b.yaml",
            "missing: c.yaml");
    assertThat(dir).doesNotExist();
  }

  @Test
  void compare_file_isRefused() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");

    assertThatThrownBy(() -> FolderWriter.compare(file, FolderWriterTest.variant("old")))
        .isInstanceOf(OutputFolderException.class)
        .hasMessage(file + ": cannot compare, it is a regular file, not a folder");
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            "foreign file",
            false,
            (Consumer<Path>) dir -> write(dir.resolve("notes.txt"), "mine\n"),
            ": not writing there, it holds files multiarch-tekton did not write: notes.txt;"
                + " choose an empty folder or one multiarch-tekton wrote"),
        Arguments.of(
            "foreign file, overwriting edited files",
            true,
            (Consumer<Path>) dir -> write(dir.resolve("notes.txt"), "mine\n"),
            ": not writing there, it holds files multiarch-tekton did not write: notes.txt;"
                + " choose an empty folder or one multiarch-tekton wrote"),
        Arguments.of(
            "edited file",
            false,
            (Consumer<Path>) dir -> write(dir.resolve("a.yaml"), FolderWriter.HEADER + "a: mine\n"),
            ": not writing there, files multiarch-tekton wrote were edited since: a.yaml; move the"
                + " changes into the spec, or overwrite them on purpose"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void checkWritable_refusesAsWriteWould_andWritesNothing(
      String label, boolean overwriteEdited, Consumer<Path> edit, String message)
      throws IOException {
    Path dir = tmp.resolve("deploy");
    FolderWriter.write(dir, FolderWriterTest.variant("old"), false);
    edit.accept(dir);
    Map<String, String> before = contents(dir);

    assertThatThrownBy(() -> FolderWriter.checkWritable(dir, overwriteEdited))
        .isInstanceOf(OutputFolderException.class)
        .hasMessage(dir + message);
    assertThat(contents(dir)).isEqualTo(before);
  }

  @Test
  void checkWritable_acceptsTheToolsFolder_anEditedOneWhenOverwriting_andAMissingOne()
      throws IOException {
    Path dir = tmp.resolve("deploy");
    FolderWriter.write(dir, FolderWriterTest.variant("old"), false);

    FolderWriter.checkWritable(dir, false);
    Files.writeString(dir.resolve("a.yaml"), FolderWriter.HEADER + "a: mine\n");
    FolderWriter.checkWritable(dir, true);
    FolderWriter.checkWritable(tmp.resolve("absent"), false);

    assertThat(tmp.resolve("absent")).doesNotExist();
  }

  /** Everything in the folder: a file's content, or what else an entry is. */
  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> entries = new java.util.TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path entry : list.toList()) {
        entries.put(
            entry.getFileName().toString(),
            Files.isRegularFile(entry) ? Files.readString(entry) : "(folder)");
      }
    }
    return entries;
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
