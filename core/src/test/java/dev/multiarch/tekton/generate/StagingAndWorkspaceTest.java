package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.WorkspaceClaim;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.WorkspaceBinding;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-arch images in a staging repository instead of an ImageStream, and the shared source claim's
 * StorageClass, size and cleanup.
 */
class StagingAndWorkspaceTest {

  private static final String STAGING = "quay.io/example/hello-staging";

  static Stream<Arguments> placements() {
    return Stream.of(
        Arguments.of(
            Specs.twoPlatforms(),
            List.of(
                "hello-builder-image-builder",
                "hello-builder-pipelines-scc",
                "hello-privileged-privileged-scc"),
            List.of("hello-builder-pipelines-scc", "hello-privileged-privileged-scc")),
        Arguments.of(
            Specs.inPod(),
            List.of(
                "web-builder-image-builder",
                "web-builder-pipelines-scc",
                "web-privileged-privileged-scc",
                "web-privileged-image-builder"),
            List.of("web-builder-pipelines-scc", "web-privileged-privileged-scc")),
        Arguments.of(
            Specs.allNative(),
            List.of("api-builder-image-builder", "api-builder-pipelines-scc"),
            List.of("api-builder-pipelines-scc")));
  }

  @ParameterizedTest
  @MethodSource("placements")
  void generate_withStagingRepository_dropsImageStreamAndImageBuilderBindings(
      BuildSpec spec, List<String> withImageStream, List<String> withStaging) {
    GeneratedPipeline internal = MultiArchTekton.from(spec).generate();
    GeneratedPipeline staged =
        MultiArchTekton.from(spec.toBuilder().stagingRepository(STAGING).build()).generate();

    assertThat(internal.imageStream()).isPresent();
    assertThat(names(internal.roleBindings())).containsExactlyElementsOf(withImageStream);
    assertThat(staged.imageStream()).isEmpty();
    assertThat(names(staged.roleBindings())).containsExactlyElementsOf(withStaging);
    assertThat(staged.resources()).noneMatch(r -> r.getKind().equals("ImageStream"));
    assertThat(staged.files().keySet()).noneMatch(f -> f.startsWith("imagestream-"));
  }

  @Test
  void generate_withStagingRepository_pushesThereWithTheUsualTags() {
    BuildSpec spec = Specs.twoPlatforms().toBuilder().stagingRepository(STAGING).build();

    GeneratedPipeline generated = MultiArchTekton.from(spec).generate();

    var params = generated.pipeline().getSpec().getParams();
    assertThat(params)
        .filteredOn(p -> p.getName().equals("IMAGE"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getDefault().getStringVal()).isEqualTo(STAGING);
              assertThat(p.getDescription())
                  .isEqualTo("Repository of the per-arch images (the staging repository).");
            });
    assertThat(params)
        .filteredOn(p -> p.getName().equals("TAG"))
        .singleElement()
        .satisfies(p -> assertThat(p.getDefault().getStringVal()).isEqualTo("latest"));
    // No credential travels as a param: the builds read the dockerconfig workspace, as the
    // manifest task does.
    assertThat(params).extracting(p -> p.getName()).noneMatch(n -> n.contains("PASSWORD"));
    assertThat(generated.pipeline().getSpec().getTasks())
        .filteredOn(t -> t.getName().equals("build"))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.getWorkspaces())
                    .extracting(w -> w.getName() + "=" + w.getWorkspace())
                    .contains("dockerconfig=dockerconfig"));
  }

  static Stream<Arguments> claims() {
    return Stream.of(
        Arguments.of(WorkspaceClaim.defaults(), null, "1Gi"),
        Arguments.of(new WorkspaceClaim("gp3-csi", null), "gp3-csi", "1Gi"),
        Arguments.of(new WorkspaceClaim(null, "5Gi"), null, "5Gi"),
        Arguments.of(new WorkspaceClaim("lvms-vg1", "500Mi"), "lvms-vg1", "500Mi"));
  }

  @ParameterizedTest
  @MethodSource("claims")
  void generate_sameNode_claimHasTheSpecsClassAndSize(
      WorkspaceClaim claim, String storageClass, String size) {
    BuildSpec spec = Specs.twoPlatforms().toBuilder().workspace(claim).build();

    GeneratedPipeline generated = MultiArchTekton.from(spec).generate();

    PersistentVolumeClaimSpec bound =
        source(generated.pipelineRun()).getVolumeClaimTemplate().getSpec();
    assertThat(bound.getStorageClassName()).isEqualTo(storageClass);
    assertThat(bound.getResources().getRequests().get("storage").toString()).isEqualTo(size);
    String file = generated.files().get("workspace-source-volumeclaimtemplate.yaml");
    assertThat(file).contains("storage: " + size);
    assertThat(file.contains("storageClassName: " + storageClass)).isEqualTo(storageClass != null);
  }

  @Test
  void generate_sameNode_asksTektonToDeleteTheClaimWithTheRun() {
    PipelineRun run = MultiArchTekton.from(Specs.twoPlatforms()).generate().pipelineRun();

    assertThat(run.getMetadata().getAnnotations())
        .isEqualTo(Map.of("tekton.dev/auto-cleanup-pvc", "true"));
  }

  @Test
  void generate_withoutClaim_hasNoCleanupAnnotation() {
    for (BuildSpec spec : List.of(Specs.inPod(), Specs.daemonSet(), Specs.allNative())) {
      PipelineRun run = MultiArchTekton.from(spec).generate().pipelineRun();

      assertThat(source(run).getVolumeClaimTemplate()).isNull();
      assertThat(run.getMetadata().getAnnotations()).isNullOrEmpty();
    }
  }

  private static WorkspaceBinding source(PipelineRun run) {
    return run.getSpec().getWorkspaces().stream()
        .filter(w -> w.getName().equals("source"))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> names(List<? extends HasMetadata> resources) {
    return resources.stream().map(r -> r.getMetadata().getName()).toList();
  }
}
