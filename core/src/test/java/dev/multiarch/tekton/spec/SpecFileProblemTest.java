package dev.multiarch.tekton.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.FieldPath;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.SpecField;
import dev.multiarch.tekton.SpecFile;
import dev.multiarch.tekton.SpecFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec read from a file and changed through its builder: where a value that no longer fits is
 * reported.
 */
class SpecFileProblemTest {

  static final String WITH_NATIVE =
      SpecFileTest.MINIMAL + "  native:\n    - platform: linux/arm64\n";

  @TempDir Path dir;

  @Test
  void problemAt_valueTheChangeMadeInvalid_namesTheFileLineAndField() throws IOException {
    Path file = Files.writeString(dir.resolve("multiarch.yaml"), WITH_NATIVE);
    BuildSpec spec = SpecFile.read(file);

    InvalidValueException e =
        catchThrowableOfType(
            InvalidValueException.class,
            () -> spec.toBuilder().platforms(List.of(Platform.parse("linux/amd64"))).build());
    SpecFileException problem = SpecFile.problemAt(file, e);

    assertThat(e.path()).contains(new FieldPath(SpecField.NATIVE_PLATFORM, List.of(0)));
    assertThat(problem.line()).isEqualTo(11);
    assertThat(problem.path()).isEqualTo(e.path());
    assertThat(problem)
        .hasMessage(
            file
                + ":11: spec.native[0].platform: 'linux/arm64' is not allowed; expected one"
                + " of spec.platforms: linux/amd64");
  }

  @Test
  void problemAt_fileGoneSinceItWasRead_hasNoLine() throws IOException {
    Path file = Files.writeString(dir.resolve("multiarch.yaml"), WITH_NATIVE);
    BuildSpec spec = SpecFile.read(file);
    Files.delete(file);

    InvalidValueException e =
        catchThrowableOfType(
            InvalidValueException.class,
            () -> spec.toBuilder().platforms(List.of(Platform.parse("linux/amd64"))).build());

    assertThat(SpecFile.problemAt(file, e))
        .hasMessageStartingWith(file + ": spec.native[0].platform: ");
  }

  @Test
  void problemAt_pipeReadOnce_hasNoLineAndIsNotReadAgain()
      throws IOException, InterruptedException {
    Path fifo = dir.resolve("stdin");
    Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
    InvalidValueException e =
        new InvalidValueException("spec.native[0].platform", "linux/arm64", "y");

    // Opening a pipe without a writer would block: the test would hang rather than fail.
    assertThat(SpecFile.problemAt(fifo, e))
        .hasMessage(
            fifo + ": spec.native[0].platform: 'linux/arm64' is not" + " allowed; expected y");
  }

  @Test
  void specFileException_forStructuralProblem_hasNoValue() {
    SpecFileException e =
        catchThrowableOfType(
            SpecFileException.class, () -> SpecFile.parse("kind: [x]\n", "f.yaml"));

    assertThat(e.value()).isEmpty();
    assertThat(e.allowed()).isEmpty();
    assertThat(e.problem()).isEqualTo("required");
    assertThat(e.field()).isEqualTo("apiVersion");
  }
}
