package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.Destination;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run-local's reading of the source folder's Containerfile against spec.crossCompiled. */
class CrossCompileCheckTest {

  private static final String CROSS =
      "FROM --platform=$BUILDPLATFORM golang AS build\nRUN go build -o /app .\n"
          + "FROM scratch\nCOPY --from=build /app /app\n";
  private static final String EMULATED = "FROM debian\n\nRUN make\n";

  @TempDir Path source;

  @Test
  void crossCompiledSpec_containerfileRunningATargetInstruction_isRefusedNamingIt()
      throws IOException {
    // Given
    Files.createDirectories(source.resolve("app"));
    Files.writeString(source.resolve("app/Build.containerfile"), EMULATED);

    // When / Then
    assertThatThrownBy(() -> CrossCompileCheck.check(Optional.of(source), inputs(true, "app")))
        .isInstanceOf(LocalRunException.class)
        .hasMessage(
            "run-local refuses this build: spec.crossCompiled says no instruction runs on the target"
                + " platform, but app/Build.containerfile:3: RUN make does, and no emulator would be"
                + " registered for it; move it into a stage FROM --platform=$BUILDPLATFORM, or drop"
                + " spec.crossCompiled");
  }

  @Test
  void emulatingSpec_crossCompilingContainerfile_getsOneLineOfAdvice() throws IOException {
    // Given
    Files.createDirectories(source.resolve("app"));
    Files.writeString(source.resolve("app/Build.containerfile"), CROSS);

    // When
    Optional<String> advice = CrossCompileCheck.check(Optional.of(source), inputs(false, "app"));

    // Then
    assertThat(advice)
        .contains(
            "advice: app/Build.containerfile runs no instruction on the target platform, so"
                + " linux/arm64 need no emulator: spec.crossCompiled: true registers none and makes"
                + " nothing privileged");
  }

  @Test
  void agreeingSpecs_andNoSourceFolder_sayNothing() throws IOException {
    // Given
    Files.createDirectories(source.resolve("app"));
    Files.writeString(source.resolve("app/Build.containerfile"), EMULATED);

    // Then
    assertThat(CrossCompileCheck.check(Optional.of(source), inputs(false, "app"))).isEmpty();
    assertThat(CrossCompileCheck.check(Optional.empty(), inputs(true, "app"))).isEmpty();
    Files.writeString(source.resolve("app/Build.containerfile"), CROSS);
    assertThat(CrossCompileCheck.check(Optional.of(source), inputs(true, "app"))).isEmpty();
  }

  @Test
  void missingContainerfile_isLeftToTheBuild() {
    assertThat(CrossCompileCheck.check(Optional.of(source), inputs(true, "app"))).isEmpty();
  }

  private static RunInputs inputs(boolean crossCompiled, String context) {
    BuildSpec spec =
        BuildSpec.builder()
            .name("hello")
            .namespace("demo")
            .platforms(List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")))
            .source(new Source("", "", context, "Build.containerfile", Map.of()))
            .destination(new Destination("quay.io/example/hello", List.of("1.0"), ""))
            .crossCompiled(crossCompiled)
            .build();
    return RunInputs.of(MultiArchTekton.from(spec).generate());
  }
}
