package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.LayerCache;
import dev.multiarch.tekton.MultiArchTekton;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.PipelineTask;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** spec.cache: the Pipeline's cache params, what each build gets, and the cache ImageStreams. */
class LayerCacheTest {

  private static final String INTERNAL = "image-registry.openshift-image-registry.svc:5000";

  private static BuildSpec cached(BuildSpec spec, String repository, boolean includeNative) {
    return spec.toBuilder().cache(new LayerCache(repository, includeNative)).build();
  }

  @Test
  void generate_withoutCache_hasNoCacheParamsOrImageStreams() {
    GeneratedPipeline generated = MultiArchTekton.from(Specs.twoPlatforms()).generate();

    assertThat(paramNames(generated)).doesNotContain("CACHE_REPOSITORY", "CACHE_NATIVE");
    assertThat(generated.cacheImageStreams()).isEmpty();
    assertThat(generated.pipeline().getSpec().getTasks())
        .allSatisfy(
            task ->
                assertThat(task.getParams())
                    .extracting(Param::getName)
                    .doesNotContain("CACHE_REPOSITORY"));
  }

  @Test
  void generate_withCacheElsewhere_passesRepositoryAndNativeSwitchToEveryBuild() {
    GeneratedPipeline generated =
        MultiArchTekton.from(cached(Specs.hybrid(), "quay.io/example/gateway-cache", false))
            .generate();

    assertThat(defaults(generated))
        .containsEntry("CACHE_REPOSITORY", "quay.io/example/gateway-cache")
        .containsEntry("CACHE_NATIVE", "false");
    List<PipelineTask> builds =
        generated.pipeline().getSpec().getTasks().stream()
            .filter(task -> task.getName().startsWith("build"))
            .toList();
    assertThat(builds)
        .extracting(PipelineTask::getName)
        .containsExactly("build", "build-linux-arm64");
    assertThat(builds)
        .allSatisfy(
            task ->
                assertThat(task.getParams())
                    .filteredOn(p -> p.getName().startsWith("CACHE_"))
                    .extracting(p -> p.getName() + "=" + p.getValue().getStringVal())
                    .containsExactly(
                        "CACHE_REPOSITORY=$(params.CACHE_REPOSITORY)",
                        "CACHE_NATIVE=$(params.CACHE_NATIVE)"));
    assertThat(generated.cacheImageStreams()).isEmpty();
  }

  static Stream<Arguments> imageStreams() {
    return Stream.of(
        Arguments.of(Specs.twoPlatforms(), false, List.of("hello-cache-linux-arm64")),
        Arguments.of(
            Specs.twoPlatforms(),
            true,
            List.of("hello-cache-linux-amd64", "hello-cache-linux-arm64")),
        Arguments.of(Specs.hybrid(), false, List.of("hello-cache-linux-arm-v7")),
        Arguments.of(Specs.allNative(), false, List.of()));
  }

  @ParameterizedTest
  @MethodSource("imageStreams")
  void generate_withCacheInTheNamespacesImageStream_generatesOneImageStreamPerCachedPlatform(
      BuildSpec spec, boolean includeNative, List<String> expected) {
    GeneratedPipeline generated =
        MultiArchTekton.from(
                cached(spec, INTERNAL + "/" + spec.namespace() + "/hello-cache", includeNative))
            .generate();

    assertThat(generated.cacheImageStreams())
        .extracting(stream -> stream.getMetadata().getName())
        .containsExactlyElementsOf(expected);
    assertThat(generated.cacheImageStreams())
        .allSatisfy(stream -> assertThat(stream.getMetadata().getNamespace()).isEqualTo("demo"));
    assertThat(generated.resources())
        .filteredOn(r -> r.getKind().equals("ImageStream"))
        .extracting(HasMetadata::getMetadata)
        .extracting(m -> m.getName())
        .containsAll(expected);
  }

  @Test
  void generate_withStagingAndCacheImageStream_keepsTheImageBuilderBinding() {
    BuildSpec spec =
        cached(
            Specs.twoPlatforms().toBuilder()
                .stagingRepository("quay.io/example/hello-staging")
                .build(),
            INTERNAL + "/demo/hello-cache",
            false);

    GeneratedPipeline generated = MultiArchTekton.from(spec).generate();

    assertThat(generated.imageStream()).isEmpty();
    assertThat(generated.roleBindings())
        .extracting(b -> b.getMetadata().getName())
        .contains("hello-builder-image-builder");
  }

  @Test
  void generate_withCacheInAnotherNamespace_generatesNoImageStream() {
    GeneratedPipeline generated =
        MultiArchTekton.from(cached(Specs.twoPlatforms(), INTERNAL + "/shared/cache", false))
            .generate();

    assertThat(generated.cacheImageStreams()).isEmpty();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(
            "quay.io/example/cache:v1",
            false,
            "spec.cache.repository: 'quay.io/example/cache:v1' is not allowed; expected an image"
                + " repository without tag or digest: a registry host[:port] and a lowercase path,"
                + " such as quay.io/org/app-cache"),
        Arguments.of(
            "cache",
            false,
            "spec.cache.repository: 'cache' is not allowed; expected an image repository without"
                + " tag or digest: a registry host[:port] and a lowercase path, such as"
                + " quay.io/org/app-cache"),
        Arguments.of(
            "",
            true,
            "spec.cache.native: 'true' is not allowed; expected false unless"
                + " spec.cache.repository is set"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void layerCache_badValue_isRefusedNamingTheField(
      String repository, boolean includeNative, String message) {
    assertThatThrownBy(() -> new LayerCache(repository, includeNative)).hasMessage(message);
  }

  @Test
  void repositoryFor_platform_appendsItsTagSuffix() {
    LayerCache cache = new LayerCache("quay.io/example/cache", false);

    assertThat(cache.repositoryFor(Specs.platforms("linux/arm/v7").get(0)))
        .isEqualTo("quay.io/example/cache-linux-arm-v7");
    assertThat(new LayerCache(null, false)).isEqualTo(LayerCache.none());
    assertThat(LayerCache.none().isSet()).isFalse();
  }

  private static List<String> paramNames(GeneratedPipeline generated) {
    return generated.pipeline().getSpec().getParams().stream().map(ParamSpec::getName).toList();
  }

  private static Map<String, String> defaults(GeneratedPipeline generated) {
    return generated.pipeline().getSpec().getParams().stream()
        .filter(p -> p.getDefault() != null && p.getDefault().getStringVal() != null)
        .collect(
            java.util.stream.Collectors.toMap(
                ParamSpec::getName, p -> p.getDefault().getStringVal()));
  }
}
