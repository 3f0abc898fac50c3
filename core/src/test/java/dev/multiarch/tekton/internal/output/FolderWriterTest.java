package dev.multiarch.tekton.internal.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.multiarch.tekton.OutputFolderException;
import dev.multiarch.tekton.tasks.testing.HostTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output folder's rules: what the writer keeps, what it refuses, and the files beside the
 * output.
 */
class FolderWriterTest {

  static final String MANIFEST = ".multiarch-tekton.sha256";

  @TempDir Path tmp;

  /**
   * Output sets the tests write: {@code old} (a, b, c), {@code new} (a changed, b the same, c gone,
   * d added), and {@code v<N>} (a and only-N), so that a folder's content always says which write
   * made it.
   */
  static Map<String, String> variant(String name) {
    Map<String, String> files = new LinkedHashMap<>();
    switch (name) {
      case "old" -> {
        files.put("a.yaml", FolderWriter.HEADER + "a: old\n");
        files.put("b.yaml", FolderWriter.HEADER + "b: same\n");
        files.put("c.yaml", FolderWriter.HEADER + "c: old\n");
      }
      case "new" -> {
        files.put("a.yaml", FolderWriter.HEADER + "a: new\n");
        files.put("b.yaml", FolderWriter.HEADER + "b: same\n");
        files.put("d.yaml", FolderWriter.HEADER + "d: new\n");
      }
      default -> {
        files.put("a.yaml", FolderWriter.HEADER + "a: " + name + "\n" + "x".repeat(10_000) + "\n");
        files.put("only-" + name + ".yaml", FolderWriter.HEADER + name + "\n");
      }
    }
    return files;
  }

  /** Everything in the folder, name to content. */
  static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.toList()) {
        files.put(entry.getFileName().toString(), Files.readString(entry));
      }
    }
    return files;
  }

  /** The folder holds exactly {@code files} and their manifest, nothing staged, no journal. */
  static void assertHolds(Path dir, Map<String, String> files) throws IOException {
    Map<String, String> expected = new TreeMap<>(files);
    StringBuilder manifest = new StringBuilder();
    new TreeMap<>(files)
        .forEach(
            (name, text) ->
                manifest
                    .append(Durable.sha256(text.getBytes(StandardCharsets.UTF_8)))
                    .append("  ")
                    .append(name)
                    .append('\n'));
    expected.put(MANIFEST, manifest.toString());
    assertThat(contents(dir)).isEqualTo(expected);
  }

  @Test
  void write_newFolder_holdsTheFilesAndTheirManifestOnly() throws Exception {
    Path dir = tmp.resolve("deploy");

    FolderWriter.write(dir, variant("old"), false);

    assertHolds(dir, variant("old"));
    Process check =
        new ProcessBuilder(
                HostTools.require("sha256sum").toString(), "--check", "--quiet", MANIFEST)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    assertThat(check.waitFor()).as("sha256sum --check of the manifest").isZero();
  }

  @Test
  void write_newFolder_getsTheUsualModeNotAPrivateOne() throws IOException {
    Path usual = Files.createDirectory(tmp.resolve("usual"));

    FolderWriter.write(tmp.resolve("deploy"), variant("old"), false);

    assertThat(Files.getPosixFilePermissions(tmp.resolve("deploy")))
        .isEqualTo(Files.getPosixFilePermissions(usual));
  }

  @Test
  void rewrite_replacesFilesInPlace_keepingTheFolderItsModeAndEachFilesMode() throws IOException {
    Path dir = tmp.resolve("deploy");
    FolderWriter.write(dir, variant("old"), false);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
    Files.setPosixFilePermissions(
        dir.resolve("a.yaml"), PosixFilePermissions.fromString("rw-r-----"));
    Object folder = Files.readAttributes(dir, "unix:ino").get("ino");

    FolderWriter.write(dir, variant("new"), false);

    assertHolds(dir, variant("new"));
    assertThat(Files.readAttributes(dir, "unix:ino").get("ino"))
        .as("the same folder")
        .isEqualTo(folder);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwxr-x---");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a.yaml"))))
        .isEqualTo("rw-r-----");
  }

  @Test
  void rewrite_asRoot_keepsTheOwnersAndGivesNewFilesTheFoldersOwner()
      throws IOException, InterruptedException {
    HostTools.requireRoot();
    Path dir = tmp.resolve("deploy");
    FolderWriter.write(dir, variant("old"), false);
    run("chown", "-R", "65534:65534", dir.toString());

    FolderWriter.write(dir, variant("new"), false);

    for (String name : List.of("", "a.yaml", "b.yaml", "d.yaml", MANIFEST)) {
      assertThat(Files.getAttribute(dir.resolve(name), "unix:uid"))
          .as("owner of %s", name)
          .isEqualTo(65534);
      assertThat(Files.getAttribute(dir.resolve(name), "unix:gid"))
          .as("group of %s", name)
          .isEqualTo(65534);
    }
  }

  @Test
  void firstWrite_asRoot_intoSomeonesFolder_leavesEverythingTheirs()
      throws IOException, InterruptedException {
    HostTools.requireRoot();
    Path parent = Files.createDirectories(tmp.resolve("home"));
    run("chown", "65534:65534", parent.toString());
    Path empty = Files.createDirectory(parent.resolve("empty"));
    run("chown", "65534:65534", empty.toString());

    FolderWriter.write(empty, variant("old"), false);
    FolderWriter.write(parent.resolve("new"), variant("old"), false);

    for (Path dir : List.of(empty, parent.resolve("new"))) {
      for (String name : List.of("", "a.yaml", "c.yaml", MANIFEST)) {
        assertThat(Files.getAttribute(dir.resolve(name), "unix:uid"))
            .as("owner of %s", dir.resolve(name))
            .isEqualTo(65534);
      }
    }
  }

  @Test
  void rewrite_ofAnEditedFile_isRefusedNamingIt_andForcedOnlyOnRequest() throws IOException {
    Path dir = tmp.resolve("deploy");
    FolderWriter.write(dir, variant("old"), false);
    Files.writeString(dir.resolve("c.yaml"), "c: mine\n");
    Files.writeString(dir.resolve("a.yaml"), "a: mine\n");
    Map<String, String> before = contents(dir);

    Throwable refused = catchThrowable(() -> FolderWriter.write(dir, variant("new"), false));

    assertThat(refused)
        .isInstanceOf(OutputFolderException.class)
        .hasMessage(
            dir
                + ": not writing there, files "
                + "multiarch-tekton wrote were edited since: a.yaml, c.yaml; move the changes into the spec, or overwrite "
                + "them on purpose");
    assertThat(((OutputFolderException) refused).editedFiles()).containsExactly("a.yaml", "c.yaml");
    assertThat(contents(dir)).isEqualTo(before);

    FolderWriter.write(dir, variant("new"), true);

    assertHolds(dir, variant("new"));
  }

  @Test
  void folderWithTheHeaderButNoManifest_isNotTakenOnTrust() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("deploy"));
    Files.writeString(dir.resolve("pipeline.yaml"), FolderWriter.HEADER + "kind: Pipeline\n");

    assertThatThrownBy(() -> FolderWriter.write(dir, variant("old"), false))
        .isInstanceOf(OutputFolderException.class)
        .hasMessage(
            dir
                + ": not writing there, it holds files with "
                + "multiarch-tekton's header but no record of what it wrote (.multiarch-tekton.sha256 is missing or "
                + "damaged), so edits cannot be told apart: pipeline.yaml; overwrite them on purpose if they are its own");
    assertThat(contents(dir)).containsOnlyKeys("pipeline.yaml");

    FolderWriter.write(dir, variant("old"), true);

    assertHolds(dir, variant("old"));
  }

  @Test
  void foreignEntries_areRefusedEvenWhenForced_andNeverOpened() throws Exception {
    Path dir = tmp.resolve("deploy");
    FolderWriter.write(dir, variant("old"), false);
    Files.writeString(dir.resolve("notes.md"), "mine");
    Files.createDirectory(dir.resolve("sub"));
    Files.createSymbolicLink(dir.resolve("link.yaml"), Path.of("/etc/passwd"));
    run(HostTools.require("mkfifo").toString(), dir.resolve("fifo.yaml").toString());
    Map<String, String> before = contents(dir.resolve("sub"));

    assertThatThrownBy(() -> FolderWriter.write(dir, variant("new"), true))
        .isInstanceOf(OutputFolderException.class)
        .hasMessage(
            dir
                + ": not writing there, it holds files "
                + "multiarch-tekton did not write: fifo.yaml, link.yaml, notes.md, sub; choose an empty folder or one "
                + "multiarch-tekton wrote");
    assertThat(Files.readString(dir.resolve("a.yaml"))).isEqualTo(variant("old").get("a.yaml"));
    assertThat(contents(dir.resolve("sub"))).isEqualTo(before);
  }

  @Test
  void linkToAFolder_writesThatFolderAndStaysALink() throws IOException {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("deploy"), real);

    FolderWriter.write(link, variant("old"), false);
    FolderWriter.write(link, variant("new"), false);

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(real);
    assertHolds(real, variant("new"));
  }

  @Test
  void danglingLinkOrLinkToAFileOrAFile_isRefusedSayingWhy() throws IOException {
    Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("gone"));
    Path file = Files.writeString(tmp.resolve("file"), "x");
    Path toFile = Files.createSymbolicLink(tmp.resolve("tofile"), file);

    assertThatThrownBy(() -> FolderWriter.write(dangling, variant("old"), false))
        .hasMessage(
            dangling
                + ": not writing there, it is a link to "
                + tmp.resolve("gone")
                + ", which is missing; create that folder, "
                + "or name a folder");
    assertThatThrownBy(() -> FolderWriter.write(toFile, variant("old"), false))
        .hasMessage(
            toFile
                + ": not writing there, it is a link to "
                + file
                + ", which is a regular file, not a folder; create that "
                + "folder, or name a folder");
    assertThatThrownBy(() -> FolderWriter.write(file, variant("old"), false))
        .hasMessage(file + ": not writing there, it is a regular file, not a folder");
    assertThat(tmp.resolve("gone")).doesNotExist();
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void emptyPath_isRefusedAndTheWorkingFolderUntouched() {
    assertThatThrownBy(() -> FolderWriter.write(Path.of(""), variant("old"), false))
        .isInstanceOf(OutputFolderException.class)
        .hasMessage("'': not writing there, an empty path names no folder");
    assertThat(Path.of("a.yaml")).doesNotExist();
  }

  @Test
  void failureWhileStaging_leavesTheFolderAsItWasWithNothingStaged() throws IOException {
    Path dir = tmp.resolve("deploy");
    FolderWriter.write(dir, variant("old"), false);
    Map<String, String> before = contents(dir);

    Throwable thrown =
        catchThrowable(
            () ->
                FolderWriter.write(
                    dir,
                    variant("new"),
                    false,
                    step -> {
                      if (step.equals("staged:b.yaml")) {
                        throw new IOException("No space left on device");
                      }
                    }));

    assertThat(thrown)
        .isInstanceOf(OutputFolderException.class)
        .hasMessage("cannot write " + dir + ": no space left on the device");
    assertThat(contents(dir)).isEqualTo(before);
  }

  @Test
  void fileNamesThatAreNotPlain_areAProgrammingError() {
    assertThatThrownBy(() -> FolderWriter.write(tmp.resolve("d"), Map.of("../x.yaml", "x"), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                FolderWriter.write(
                    tmp.resolve("d"), Map.of(".multiarch-tekton.sha256", "x"), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tmp.resolve("d")).doesNotExist();
  }

  static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("%s: %s", String.join(" ", command), out).isZero();
  }

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return new ArrayList<>(entries.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  static boolean exists(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }
}
