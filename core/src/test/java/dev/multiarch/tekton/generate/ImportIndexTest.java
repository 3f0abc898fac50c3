package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.ImageStreamTarget;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.tasks.ImportIndexTask;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.PipelineTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, the multi-arch index in the ImageStream: {@code spec.imageStream.importIndex} adds a
 * last task that imports the published index into the release's ImageStream tag, with the least
 * RBAC a project admin may grant.
 */
class ImportIndexTest {

  private static BuildSpec importing(BuildSpec spec) {
    return spec.toBuilder().imageStream(spec.imageStream().withImportIndex(true)).build();
  }

  private static PipelineTask task(GeneratedPipeline generated, String name) {
    return generated.pipeline().getSpec().getTasks().stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, Object> params(PipelineTask task) {
    return task.getParams().stream()
        .collect(
            Collectors.toMap(
                Param::getName,
                p ->
                    p.getValue().getStringVal() != null
                        ? p.getValue().getStringVal()
                        : p.getValue().getArrayVal()));
  }

  @Test
  void importIndex_addsTheImportAfterTheManifest_withTheDigestAndEveryPlatform() {
    // When
    GeneratedPipeline generated = MultiArchTekton.from(importing(Specs.hybrid())).generate();

    // Then
    PipelineTask importTask = task(generated, "import-index");
    assertThat(importTask.getTaskRef().getName()).isEqualTo(ImportIndexTask.NAME);
    assertThat(importTask.getTimeout().getDuration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(params(importTask))
        .containsEntry("IMAGE_STREAM", "hello")
        .containsEntry("TAG", "$(params.TAG)")
        .containsEntry("DESTINATION", "$(params.DESTINATION)")
        .containsEntry("IMAGE_DIGEST", "$(tasks.manifest.results.IMAGE_DIGEST)")
        .containsEntry("PLATFORMS", List.of("$(params.PLATFORMS[*])", "linux/arm64"))
        .containsEntry("IMPORT_INDEX", "$(params.IMPORT_INDEX)");
    assertThat(generated.pipeline().getSpec().getParams())
        .filteredOn(p -> p.getName().equals("IMPORT_INDEX"))
        .singleElement()
        .satisfies(p -> assertThat(p.getDefault().getStringVal()).isEqualTo("true"));
    assertThat(generated.tasks())
        .extracting(t -> t.getMetadata().getName())
        .contains(ImportIndexTask.NAME);
  }

  @Test
  void importIndex_grantsTheGeneratedBuilderOnlyTheImport_onThatStreamAndTag() {
    // When
    GeneratedPipeline generated = MultiArchTekton.from(importing(Specs.twoPlatforms())).generate();

    // Then
    Role role = generated.roles().get(0);
    assertThat(role.getMetadata().getName()).isEqualTo("hello-import-index");
    assertThat(role.getRules())
        .extracting(PolicyRule::getResources, PolicyRule::getVerbs, PolicyRule::getResourceNames)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                List.of("imagestreamimports"), List.of("create"), List.of()),
            org.assertj.core.groups.Tuple.tuple(
                List.of("imagestreams"), List.of("get"), List.of("hello")),
            org.assertj.core.groups.Tuple.tuple(
                List.of("imagestreamtags"), List.of("get"), List.of("hello:latest")));
    RoleBinding binding =
        generated.roleBindings().stream()
            .filter(b -> b.getMetadata().getName().equals("hello-builder-import-index"))
            .findFirst()
            .orElseThrow();
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo("hello-import-index");
    // a project admin's part: in the kustomization, not in rbac.yaml
    assertThat(generated.clusterAdminBindings()).doesNotContain(binding);
    assertThat(generated.files())
        .containsKeys(
            "role-hello-import-index.yaml", "rolebinding-hello-builder-import-index.yaml");
    assertThat(generated.files().get("kustomization.yaml"))
        .contains("role-hello-import-index.yaml", "rolebinding-hello-builder-import-index.yaml");
  }

  @Test
  void importIndex_withAnExistingAccount_generatesNoRole() {
    // When
    GeneratedPipeline generated =
        MultiArchTekton.from(
                importing(Specs.twoPlatforms().toBuilder().serviceAccount("pipeline").build()))
            .generate();

    // Then
    assertThat(generated.roles()).isEmpty();
    assertThat(generated.roleBindings())
        .extracting(b -> b.getMetadata().getName())
        .noneMatch(n -> n.endsWith("import-index"));
    assertThat(task(generated, "import-index")).isNotNull();
  }

  @Test
  void importIndex_addsTheImportsTimeoutToThePipelines() {
    // When
    Duration without = Specs.twoPlatforms().pipelineTimeout();
    Duration with = importing(Specs.twoPlatforms()).pipelineTimeout();

    // Then
    assertThat(with.minus(without)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void withoutImportIndex_nothingIsAdded() {
    // When
    GeneratedPipeline generated = MultiArchTekton.from(Specs.twoPlatforms()).generate();

    // Then
    assertThat(generated.roles()).isEmpty();
    assertThat(generated.pipeline().getSpec().getTasks())
        .extracting(PipelineTask::getName)
        .doesNotContain("import-index");
    assertThat(generated.pipeline().getSpec().getParams())
        .extracting(p -> p.getName())
        .doesNotContain("IMPORT_INDEX");
  }

  @Test
  void importIndex_withAStagingRepository_isRefused() {
    // Given
    BuildSpec.Builder builder =
        Specs.twoPlatforms().toBuilder()
            .stagingRepository("quay.io/example/hello-staging")
            .imageStream(new ImageStreamTarget("hello", "latest", true));

    // When / Then
    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "spec.imageStream.importIndex: 'true' is not allowed; expected false with"
                + " spec.staging.repository: the per-arch images go there, and there is no"
                + " ImageStream to import the multi-arch image into");
  }
}
