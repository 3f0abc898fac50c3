package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.Placement;
import dev.multiarch.tekton.Platform;
import io.fabric8.tekton.v1.PipelineTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * spec.crossCompiled: a Containerfile that runs nothing on the target platform needs no emulator,
 * so whatever the placement nothing registers one and nothing is privileged.
 */
class CrossCompiledTest {

  @ParameterizedTest
  @EnumSource(Placement.class)
  void crossCompiled_anyPlacement_registersNoEmulatorAndHasNothingPrivileged(Placement placement) {
    // Given
    BuildSpec spec =
        Specs.twoPlatforms().toBuilder().placement(placement).crossCompiled(true).build();

    // When
    GeneratedPipeline generated = MultiArchTekton.from(spec).generate();

    // Then
    assertThat(spec.emulatedPlatforms()).isEmpty();
    assertThat(generated.pipeline().getSpec().getTasks())
        .extracting(PipelineTask::getName)
        .containsExactly("resolve-commit", "build", "manifest");
    assertThat(generated.tasks())
        .extracting(t -> t.getMetadata().getName())
        .containsExactly("multiarch-resolve-commit", "multiarch-buildah", "multiarch-manifest");
    assertThat(generated.daemonSets()).isEmpty();
    assertThat(generated.roleBindings())
        .extracting(b -> b.getRoleRef().getName())
        .doesNotContain("system:openshift:scc:privileged");
    assertThat(generated.clusterAdminBindings())
        .extracting(b -> b.getRoleRef().getName())
        .doesNotContain("system:openshift:scc:privileged");
    assertThat(generated.serviceAccounts())
        .extracting(a -> a.getMetadata().getName())
        .containsExactly("hello-builder");
    assertThat(generated.startCaveat()).isEmpty();
    assertThat(privilegedSteps(generated)).isEmpty();
  }

  @Test
  void notCrossCompiled_emulatesTheOtherPlatform() {
    assertThat(Specs.twoPlatforms().emulatedPlatforms())
        .containsExactly(Platform.parse("linux/arm64"));
  }

  @Test
  void specFile_crossCompiledTrue_setsIt(@TempDir Path tmp) throws IOException {
    // Given
    Path file = tmp.resolve("multiarch.yaml");
    Files.writeString(
        file,
        """
        apiVersion: multiarch-tekton.dev/v1alpha1
        kind: MultiArchBuild
        metadata:
          name: hello
          namespace: demo
        spec:
          platforms: [linux/amd64, linux/arm64]
          destination:
            image: quay.io/example/hello
          crossCompiled: true
        """);

    // When
    BuildSpec spec = MultiArchTekton.fromSpecFile(file).spec();

    // Then
    assertThat(spec.crossCompiled()).isTrue();
    assertThat(spec.emulatedPlatforms()).isEmpty();
  }

  private static List<String> privilegedSteps(GeneratedPipeline generated) {
    List<String> privileged = new ArrayList<>();
    GeneratedSteps.of(generated)
        .forEach(
            (label, step) -> {
              if (step.getSecurityContext() != null
                  && Boolean.TRUE.equals(step.getSecurityContext().getPrivileged())) {
                privileged.add(label);
              }
            });
    return privileged;
  }
}
