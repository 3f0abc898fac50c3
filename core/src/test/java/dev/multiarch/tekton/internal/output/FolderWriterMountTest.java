package dev.multiarch.tekton.internal.output;

import static dev.multiarch.tekton.internal.output.FolderWriterTest.assertHolds;
import static dev.multiarch.tekton.internal.output.FolderWriterTest.contents;
import static dev.multiarch.tekton.internal.output.FolderWriterTest.run;
import static dev.multiarch.tekton.internal.output.FolderWriterTest.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.multiarch.tekton.OutputFolderException;
import dev.multiarch.tekton.tasks.testing.HostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output folder that is a mount point ({@code docker run -v $PWD/deploy:/deploy}), which can
 * never be renamed: it is written in place, file by file; and one whose file system fills up, which
 * keeps its old output. As root, with a small tmpfs mounted for each test.
 */
class FolderWriterMountTest {

  @TempDir Path tmp;
  private Path mount;

  @BeforeEach
  void mountASmallTmpfs() throws Exception {
    HostTools.requireRoot();
    mount = Files.createDirectory(tmp.resolve("deploy"));
    run(
        HostTools.require("mount").toString(),
        "-t",
        "tmpfs",
        "-o",
        "size=256k",
        "tmpfs",
        mount.toString());
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null && !Files.getFileStore(mount).equals(Files.getFileStore(tmp))) {
      run("umount", mount.toString());
    }
  }

  @Test
  void mountPoint_isWrittenInPlace() throws Exception {
    FolderWriter.write(mount, variant("old"), false);
    FolderWriter.write(mount, variant("new"), false);

    assertHolds(mount, variant("new"));
    assertThat(Files.getAttribute(mount, "unix:dev"))
        .as("still the mounted file system")
        .isNotEqualTo(Files.getAttribute(tmp, "unix:dev"));
  }

  @Test
  void fullFileSystem_failsSayingSo_andKeepsTheOldOutput() throws Exception {
    FolderWriter.write(mount, variant("old"), false);
    Map<String, String> before = contents(mount);
    Map<String, String> huge = new LinkedHashMap<>(variant("new"));
    huge.put("huge.yaml", FolderWriter.HEADER + "x".repeat(400 * 1024));

    Throwable thrown = catchThrowable(() -> FolderWriter.write(mount, huge, false));

    assertThat(thrown)
        .isInstanceOf(OutputFolderException.class)
        .hasMessage("cannot write " + mount + ": no space left on the device");
    assertThat(contents(mount)).isEqualTo(before);
  }
}
