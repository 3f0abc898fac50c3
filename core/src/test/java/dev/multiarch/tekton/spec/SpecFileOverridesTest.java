package dev.multiarch.tekton.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.SpecFile;
import dev.multiarch.tekton.SpecFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFileOverridesTest {

  @TempDir
  Path dir;

  Path specFile() throws IOException {
    return Files.writeString(dir.resolve("multiarch.yaml"), SpecFileTest.MINIMAL
        + "  source:\n    buildArgs:\n      A: file\n      B: file\n");
  }

  @Test
  void read_withOverrides_replacesValuesAndMergesMaps() throws IOException {
    Map<String, Object> overrides = Map.of(
        "metadata", Map.of("namespace", "other"),
        "spec", Map.of(
            "platforms", List.of("linux/s390x"),
            "source", Map.of("buildArgs", Map.of("B", "flag", "C", "flag")),
            "cleanupEmulators", true));

    BuildSpec spec = SpecFile.read(specFile(), overrides);

    assertThat(spec.name()).isEqualTo("hello");
    assertThat(spec.namespace()).isEqualTo("other");
    assertThat(spec.platforms()).extracting(Object::toString).containsExactly("linux/s390x");
    assertThat(spec.source().buildArgs()).containsEntry("A", "file").containsEntry("B", "flag")
        .containsEntry("C", "flag");
    assertThat(spec.cleanupEmulators()).isTrue();
  }

  @Test
  void read_withBadOverride_reportsFieldWithoutLine() throws IOException {
    Path file = specFile();

    SpecFileException e = catchSpecFileException(() -> SpecFile.read(file,
        Map.of("spec", Map.of("platforms", List.of("linux/amd64", "linux/ppc")))));

    assertThat(e.line()).isZero();
    assertThat(e.field()).isEqualTo("spec.platforms[1]");
    assertThat(e.value()).isEqualTo("linux/ppc");
    assertThat(e.allowed()).startsWith("a known platform: linux/amd64, ");
    assertThat(e.getMessage()).startsWith(file + ": spec.platforms[1]: 'linux/ppc' is not allowed; expected ");
  }

  @Test
  void fromOverrides_withEveryRequiredField_buildsSpec() {
    BuildSpec spec = SpecFile.fromOverrides(Map.of(
        "metadata", Map.of("name", "hello", "namespace", "demo"),
        "spec", Map.of("platforms", List.of("linux/amd64", "linux/arm64"),
            "destination", Map.of("image", "quay.io/example/hello:1.2", "tags", List.of("latest")))));

    assertThat(spec).isEqualTo(SpecFile.parse(SpecFileTest.MINIMAL.replace("quay.io/example/hello\n",
        "quay.io/example/hello:1.2\n    tags: [latest]\n"), "x.yaml"));
  }

  @Test
  void fromOverrides_withoutDestination_saysRequired() {
    assertThatThrownBy(() -> SpecFile.fromOverrides(Map.of(
        "metadata", Map.of("name", "hello", "namespace", "demo"),
        "spec", Map.of("platforms", List.of("linux/amd64")))))
        .hasMessage("command line: spec.destination: required");
  }

  @Test
  void specFileException_forStructuralProblem_hasNoValue() {
    SpecFileException e = catchSpecFileException(() -> SpecFile.parse("kind: [x]\n", "f.yaml"));

    assertThat(e.value()).isEmpty();
    assertThat(e.allowed()).isEmpty();
    assertThat(e.problem()).isEqualTo("required");
    assertThat(e.field()).isEqualTo("apiVersion");
  }

  private static SpecFileException catchSpecFileException(Runnable action) {
    try {
      action.run();
    } catch (SpecFileException e) {
      return e;
    }
    throw new AssertionError("expected a SpecFileException");
  }
}
