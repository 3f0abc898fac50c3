package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.InvalidValueException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names and subPaths of the run's objects stay inside the run's folders. */
class RunPathsTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "sub                | -",
        "a/b/c              | -",
        "a/./b              | -",
        "a..b/..c           | -",
        "/etc               | must be a relative path",
        "/                  | must be a relative path",
        "..                 | must not contain '..'",
        "a/../b             | must not contain '..'",
        "a/b/..             | must not contain '..'",
      })
  void subPathProblem_followsKubernetesVolumeMountRule(String subPath, String problem) {
    assertThat(RunPaths.subPathProblem(subPath)).isEqualTo(Optional.ofNullable(problem));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "source      | -",
        "a..b        | -",
        "''          | is not a name a folder can have",
        ".           | is not a name a folder can have",
        "..          | is not a name a folder can have",
        "a/b         | must not contain '/' or a NUL character",
        "../../etc   | must not contain '/' or a NUL character",
      })
  void nameProblem_refusesWhatLeavesTheFolder(String name, String problem) {
    assertThat(RunPaths.nameProblem(name)).isEqualTo(Optional.ofNullable(problem));
  }

  @Test
  void subPath_createsTheFoldersInsideTheVolume() throws IOException {
    Path dir = RunPaths.subPath(tmp.resolve("volume"), "a/b", "workspace source subPath");

    assertThat(dir).isEqualTo(tmp.resolve("volume/a/b")).isDirectory();
  }

  @Test
  void subPath_throughALink_isRefusedAndNothingIsCreatedOutside() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path volume = Files.createDirectories(tmp.resolve("volume"));
    Files.createSymbolicLink(volume.resolve("a"), outside);

    assertThatThrownBy(() -> RunPaths.subPath(volume, "a/b", "workspace source subPath"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "workspace source subPath: 'a/b' is not allowed; expected a path inside the volume: it"
                + " goes through the symbolic link a, which may lead out of it");
    assertThat(outside.resolve("b")).doesNotExist();
  }

  @Test
  void child_nameThatClimbsOut_isRefusedNamingWhatItIs() {
    assertThatThrownBy(() -> RunPaths.child(tmp, "../x", "DaemonSet name"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "DaemonSet name: '../x' is not allowed; expected a name that stays inside the run's"
                + " folders: it must not contain '/' or a NUL character");
  }
}
