package dev.multiarch.tekton;

import dev.multiarch.tekton.internal.spec.ImageReference;

/**
 * The registry layer cache of the builds ({@code buildah build --layers --cache-from --cache-to}):
 * each cached platform gets a repository of its own, {@link #repositoryFor(Platform)}, because
 * buildah's cache key holds no platform. Opt-in; only emulated platforms use it unless {@code
 * includeNative} says so.
 *
 * <p>The constructor throws {@link InvalidValueException} naming {@code spec.cache.repository}.
 *
 * @param repository a repository (host and path, no tag or digest) the platforms' repositories
 *     derive from; empty for no cache
 * @param includeNative whether platforms that build natively use the cache too (a native rebuild
 *     can be slower with it than without)
 */
public record LayerCache(String repository, boolean includeNative) {

  public LayerCache {
    repository = repository == null ? "" : repository;
    // buildah takes --cache-from/--cache-to as a repository only: pkg/parse
    // RepoNameToNamedReference
    // (1.28) and RepoNamesToNamedReferences (1.39) refuse a tag or digest; the cache key is the
    // tag.
    if (!repository.isEmpty() && !ImageReference.isRepository(repository)) {
      throw new InvalidValueException(
          "spec.cache.repository",
          repository,
          "an image repository without tag or digest: a registry host[:port] and a lowercase path,"
              + " such as quay.io/org/app-cache");
    }
    if (repository.isEmpty() && includeNative) {
      throw new InvalidValueException(
          "spec.cache.native", "true", "false unless spec.cache.repository is set");
    }
  }

  /** No cache. */
  public static LayerCache none() {
    return new LayerCache("", false);
  }

  /** Whether the builds use a cache at all. */
  public boolean isSet() {
    return !repository.isEmpty();
  }

  /**
   * The cache repository of one platform: {@code <repository>-<os>-<arch>[-<variant>]}, such as
   * {@code quay.io/org/app-cache-linux-arm64}; the build script derives the same name.
   */
  public String repositoryFor(Platform platform) {
    return repository + "-" + platform.tagSuffix();
  }
}
