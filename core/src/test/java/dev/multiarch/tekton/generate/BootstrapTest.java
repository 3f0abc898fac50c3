package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.BuilderImageBootstrap;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.ImageStreamTarget;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.Proxy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.PipelineTaskRunSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The builder image bootstrap: generated when the spec uses the default builder image only. */
class BootstrapTest {

  private static final String INTERNAL = "image-registry.openshift-image-registry.svc:5000";

  static Stream<Arguments> specs() {
    return Stream.of(
        Arguments.of(
            "default, internal registry",
            Specs.twoPlatforms(),
            INTERNAL + "/demo/buildah-qemu:1.39.0-1",
            List.of(
                "ImageStream/buildah-qemu",
                "Task/multiarch-builder-image",
                "Pipeline/buildah-qemu-bootstrap"),
            List.of("build-linux-amd64", "manifest")),
        Arguments.of(
            "staging repository",
            Specs.twoPlatforms().toBuilder().stagingRepository("quay.io/org/staging").build(),
            "quay.io/org/staging:buildah-qemu-1.39.0-1",
            List.of("Task/multiarch-builder-image", "Pipeline/buildah-qemu-bootstrap"),
            List.of("build-linux-amd64", "manifest")),
        Arguments.of(
            "native platform",
            Specs.hybrid(),
            INTERNAL + "/demo/buildah-qemu:1.39.0-1",
            List.of(
                "ImageStream/buildah-qemu",
                "Task/multiarch-builder-image",
                "Pipeline/buildah-qemu-bootstrap"),
            List.of("build-linux-amd64", "build-linux-arm64", "manifest")),
        Arguments.of(
            "inline tasks",
            Specs.inline(),
            INTERNAL + "/demo/buildah-qemu:1.39.0-1",
            List.of("ImageStream/buildah-qemu", "Pipeline/buildah-qemu-bootstrap"),
            List.of("build-linux-amd64", "manifest")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void generate_withDefaultBuilderImage_addsTheBootstrap(
      String name,
      BuildSpec spec,
      String image,
      List<String> resources,
      List<String> pipelineTasks) {
    // When
    GeneratedPipeline generated = MultiArchTekton.from(spec).generate();

    // Then
    assertThat(spec.builderImage()).isEqualTo(image);
    assertThat(spec.bootstrapsBuilderImage()).isTrue();
    BuilderImageBootstrap bootstrap = generated.bootstrap().orElseThrow();
    assertThat(bootstrap.image()).isEqualTo(image);
    assertThat(bootstrap.resources()).extracting(BootstrapTest::kindAndName).isEqualTo(resources);
    assertThat(generated.resources()).containsAll(bootstrap.resources());
    assertThat(bootstrap.pipeline().getSpec().getTasks())
        .extracting(PipelineTask::getName)
        .isEqualTo(pipelineTasks);
    // The builder image is the manifest task's destination under its tag.
    Map<String, String> defaults =
        Map.of(
            "IMAGE", image.substring(0, image.lastIndexOf(':')),
            "TAG", image.substring(image.lastIndexOf(':') + 1),
            "BUILDAH_IMAGE", "quay.io/buildah/stable:v1.39.0");
    defaults.forEach(
        (param, value) ->
            assertThat(bootstrap.pipeline().getSpec().getParams())
                .filteredOn(p -> p.getName().equals(param))
                .singleElement()
                .satisfies(p -> assertThat(p.getDefault().getStringVal()).isEqualTo(value)));
    PipelineTask manifest = task(bootstrap, "manifest");
    assertThat(manifest.getParams())
        .extracting(p -> p.getName() + "=" + value(p))
        .contains(
            "DESTINATION=$(params.IMAGE)",
            "DESTINATION_TAGS=$(params.TAG)",
            "BUILDER_IMAGE=$(params.BUILDAH_IMAGE)");
    // Every build pinned to its platform's nodes; nothing privileged.
    assertThat(bootstrap.pipelineRun().getSpec().getTaskRunSpecs())
        .extracting(PipelineTaskRunSpec::getPipelineTaskName)
        .isEqualTo(pipelineTasks.subList(0, pipelineTasks.size() - 1));
    assertThat(bootstrap.pipelineRun().getSpec().getTaskRunSpecs())
        .allSatisfy(s -> assertThat(s.getServiceAccountName()).isNull());
    assertThat(bootstrap.pipelineRun().getMetadata().getGenerateName())
        .isEqualTo("buildah-qemu-bootstrap-");
    assertThat(bootstrap.pipelineRun().getSpec().getTaskRunTemplate().getServiceAccountName())
        .isEqualTo(spec.name() + "-builder");
    assertThat(generated.files()).containsKey("pipelinerun-buildah-qemu-bootstrap.yaml");
    assertThat(generated.files().get("kustomization.yaml"))
        .contains("  - pipeline-buildah-qemu-bootstrap.yaml\n")
        .doesNotContain("pipelinerun-buildah-qemu-bootstrap.yaml");
    assertThat(dev.multiarch.tekton.yaml.YamlWriter.toYaml(bootstrap.resources()))
        .doesNotContain("privileged: true");
  }

  @Test
  void generate_withInlineTasks_embedsTheBootstrapsTasks() {
    // When
    BuilderImageBootstrap bootstrap =
        MultiArchTekton.from(Specs.inline()).generate().bootstrap().orElseThrow();

    // Then
    assertThat(bootstrap.tasks()).isEmpty();
    assertThat(bootstrap.pipeline().getSpec().getTasks())
        .allSatisfy(
            t -> {
              assertThat(t.getTaskRef()).isNull();
              assertThat(t.getTaskSpec().getSteps()).isNotEmpty();
            });
  }

  @Test
  void generate_withNativePlatform_pinsItsBuildAsTheSpecSays() {
    // When
    BuilderImageBootstrap bootstrap =
        MultiArchTekton.from(Specs.hybrid()).generate().bootstrap().orElseThrow();

    // Then
    List<PipelineTaskRunSpec> specs = bootstrap.pipelineRun().getSpec().getTaskRunSpecs();
    assertThat(specs.get(0).getPodTemplate().getNodeSelector())
        .containsExactly(
            Map.entry("kubernetes.io/arch", "amd64"), Map.entry("kubernetes.io/os", "linux"));
    assertThat(specs.get(1).getPodTemplate().getNodeSelector())
        .containsExactly(
            Map.entry("kubernetes.io/arch", "arm64"), Map.entry("kubernetes.io/os", "linux"));
    assertThat(specs.get(1).getPodTemplate().getTolerations())
        .singleElement()
        .satisfies(t -> assertThat(t.getKey() + "=" + t.getValue()).isEqualTo("arch=arm64"));
    assertThat(task(bootstrap, "build-linux-arm64").getParams())
        .extracting(p -> p.getName() + "=" + value(p))
        .contains("PLATFORM=linux/arm64");
  }

  @Test
  void generate_withBuilderImage_addsNoBootstrap() {
    // Given
    BuildSpec spec =
        Specs.twoPlatforms().toBuilder()
            .builderImage("registry.example.com/tools/buildah-qemu:1.39.0-1")
            .build();

    // When
    GeneratedPipeline generated = MultiArchTekton.from(spec).generate();

    // Then
    assertThat(spec.bootstrapsBuilderImage()).isFalse();
    assertThat(generated.bootstrap()).isEmpty();
    assertThat(generated.resources())
        .extracting(BootstrapTest::kindAndName)
        .doesNotContain(
            "ImageStream/buildah-qemu",
            "Task/multiarch-builder-image",
            "Pipeline/buildah-qemu-bootstrap");
    assertThat(generated.files()).doesNotContainKey("pipelinerun-buildah-qemu-bootstrap.yaml");
    assertThat(generated.startCommands(java.nio.file.Path.of("deploy")))
        .noneMatch(c -> c.contains("bootstrap"));
  }

  @Test
  void toBuilder_withOtherNamespace_movesTheDefaultBuilderImageAlong() {
    // When
    BuildSpec spec = Specs.twoPlatforms().toBuilder().namespace("other").build();

    // Then
    assertThat(spec.builderImage()).isEqualTo(INTERNAL + "/other/buildah-qemu:1.39.0-1");
  }

  @Test
  void build_withTheBootstrapsNames_rejects() {
    assertThatThrownBy(
            () -> Specs.twoPlatforms().toBuilder().name("buildah-qemu-bootstrap").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "metadata.name: 'buildah-qemu-bootstrap' is not allowed; expected another name:"
                + " buildah-qemu-bootstrap is the Pipeline that builds the default builder image");
    assertThatThrownBy(
            () ->
                Specs.twoPlatforms().toBuilder()
                    .imageStream(new ImageStreamTarget("buildah-qemu", "latest"))
                    .build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "spec.imageStream.name: 'buildah-qemu' is not allowed; expected another name:"
                + " buildah-qemu is the ImageStream of the default builder image");
  }

  @Test
  void generate_withProxyAndCaBundle_theBootstrapPullsThroughThemToo() {
    // Given: a corporate network, where quay.io and docker.io are reached through a proxy that
    // presents the company's CA
    BuildSpec spec =
        Specs.twoPlatforms().toBuilder()
            .proxy(
                new Proxy("http://proxy.corp:3128", "http://proxy.corp:3128", ".corp,10.0.0.0/8"))
            .caBundle("config-trusted-cabundle")
            .build();

    // When
    BuilderImageBootstrap bootstrap =
        MultiArchTekton.from(spec).generate().bootstrap().orElseThrow();

    // Then: the Pipeline's proxy params default to the spec's and reach every task
    Map<String, String> defaults = new java.util.HashMap<>();
    bootstrap
        .pipeline()
        .getSpec()
        .getParams()
        .forEach(p -> defaults.put(p.getName(), p.getDefault().getStringVal()));
    assertThat(defaults)
        .containsEntry("HTTP_PROXY", "http://proxy.corp:3128")
        .containsEntry("HTTPS_PROXY", "http://proxy.corp:3128")
        .containsEntry("NO_PROXY", ".corp,10.0.0.0/8");
    for (PipelineTask task : bootstrap.pipeline().getSpec().getTasks()) {
      assertThat(task.getParams())
          .extracting(Param::getName)
          .as(task.getName())
          .contains("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY");
      assertThat(task.getWorkspaces())
          .extracting(w -> w.getName() + "=" + w.getWorkspace())
          .as(task.getName())
          .contains("ssl-ca-directory=ssl-ca-directory");
    }
    // and the run binds the ConfigMap
    assertThat(bootstrap.pipelineRun().getSpec().getWorkspaces())
        .filteredOn(w -> w.getName().equals("ssl-ca-directory"))
        .singleElement()
        .satisfies(
            w -> assertThat(w.getConfigMap().getName()).isEqualTo("config-trusted-cabundle"));
  }

  @Test
  void generate_bootstrapPipeline_passesTheProjectsValidator() {
    // Given
    GeneratedPipeline generated =
        MultiArchTekton.from(
                Specs.hybrid().toBuilder().nodePlatform(Platform.parse("linux/amd64")).build())
            .generate();
    Map<String, String> files =
        Map.of(
            "task.yaml",
                dev.multiarch.tekton.yaml.YamlWriter.toYaml(
                    generated.bootstrap().orElseThrow().tasks().get(0)),
            "pipeline.yaml",
                dev.multiarch.tekton.yaml.YamlWriter.toYaml(
                    generated.bootstrap().orElseThrow().pipeline()),
            "manifest.yaml",
                dev.multiarch.tekton.yaml.YamlWriter.toYaml(
                    generated.tasks().stream()
                        .filter(t -> t.getMetadata().getName().equals("multiarch-manifest"))
                        .findFirst()
                        .orElseThrow()),
            "run.yaml",
                dev.multiarch.tekton.yaml.YamlWriter.toYaml(
                    generated.bootstrap().orElseThrow().pipelineRun()));

    // When / Then
    assertThat(MultiArchTekton.validator().validate(files).problems()).isEmpty();
  }

  private static PipelineTask task(BuilderImageBootstrap bootstrap, String name) {
    return bootstrap.pipeline().getSpec().getTasks().stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static String value(Param param) {
    return param.getValue().getStringVal() != null
        ? param.getValue().getStringVal()
        : String.valueOf(param.getValue().getArrayVal());
  }

  private static String kindAndName(HasMetadata resource) {
    return resource.getKind() + "/" + resource.getMetadata().getName();
  }
}
