package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.LayerCache;
import dev.multiarch.tekton.generate.Specs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsTest {

  @Test
  void params_loopbackRegistryWithSourceFolder_movesBothRepositoriesKeepsTlsAndDropsGit() {
    // When
    Map<String, String> params = Endpoints.params(Specs.twoPlatforms(), "127.0.0.1:5000", true);

    // Then
    assertThat(params)
        .containsExactly(
            Map.entry("IMAGE", "127.0.0.1:5000/demo/hello"),
            Map.entry("DESTINATION", "127.0.0.1:5000/example/hello"),
            Map.entry("GIT_URL", ""),
            Map.entry("GIT_REVISION", ""));
  }

  @Test
  void params_remoteRegistryWithoutSourceFolder_keepsTlsAndGit() {
    // When
    Map<String, String> params =
        Endpoints.params(Specs.twoPlatforms(), "registry.example.com:5000", false);

    // Then
    assertThat(params)
        .containsExactly(
            Map.entry("IMAGE", "registry.example.com:5000/demo/hello"),
            Map.entry("DESTINATION", "registry.example.com:5000/example/hello"));
  }

  @Test
  void params_specWithLayerCache_movesTheCacheRepositoryToo() {
    // Given
    BuildSpec spec =
        Specs.twoPlatforms().toBuilder()
            .cache(new LayerCache("quay.io/example/hello-cache", false))
            .build();

    // When
    Map<String, String> params = Endpoints.params(spec, "127.0.0.1:5000", true);

    // Then
    assertThat(params)
        .containsExactly(
            Map.entry("IMAGE", "127.0.0.1:5000/demo/hello"),
            Map.entry("DESTINATION", "127.0.0.1:5000/example/hello"),
            Map.entry("CACHE_REPOSITORY", "127.0.0.1:5000/example/hello-cache"),
            Map.entry("GIT_URL", ""),
            Map.entry("GIT_REVISION", ""));
  }

  @Test
  void pathOf_repository_dropsTheRegistryHost() {
    assertThat(Endpoints.pathOf("quay.io/org/app")).isEqualTo("org/app");
    assertThat(Endpoints.pathOf("image-registry.openshift-image-registry.svc:5000/demo/hello"))
        .isEqualTo("demo/hello");
    assertThat(Endpoints.pathOf("app")).isEqualTo("app");
  }

  @Test
  void isLoopback_loopbackHosts_areLoopback() {
    assertThat(LocalRegistry.isLoopback("127.0.0.1:5000")).isTrue();
    assertThat(LocalRegistry.isLoopback("127.0.0.2")).isTrue();
    assertThat(LocalRegistry.isLoopback("localhost:5000")).isTrue();
    assertThat(LocalRegistry.isLoopback("localhost")).isTrue();
    assertThat(LocalRegistry.isLoopback("[::1]:5000")).isTrue();
  }

  @Test
  void isLoopback_otherHosts_areNotLoopbackAndNeedNoLookup() {
    assertThat(LocalRegistry.isLoopback("10.0.0.1:5000")).isFalse();
    assertThat(LocalRegistry.isLoopback("quay.io")).isFalse();
    assertThat(LocalRegistry.isLoopback("localhost.example.com:5000")).isFalse();
    assertThat(LocalRegistry.isLoopback("127.0.0.1.nip.io:5000")).isFalse();
  }
}
