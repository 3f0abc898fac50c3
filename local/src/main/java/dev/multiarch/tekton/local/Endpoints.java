package dev.multiarch.tekton.local;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.tasks.Params;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PipelineRun params that point a generated Pipeline at this host instead of a cluster, as one
 * would pass them to {@code tkn pipeline start -p}: the per-arch images' repository and the
 * destination (and the layer cache, when the Pipeline has one) move to the local registry, keeping
 * their paths, so that a second run with the same registry reuses the first's cached layers; with a
 * source folder the git URL is emptied so that the builds read the source workspace. TLS_VERIFY
 * keeps the PipelineRun's value: a loopback registry is reached without TLS through the
 * registries.conf of the run ({@link RegistriesConf}), not by turning verification off for every
 * registry as TLS_VERIFY=false would.
 */
final class Endpoints {

  private Endpoints() {}

  static Map<String, String> params(BuildSpec spec, String registry, boolean sourceFolder) {
    return params(
        spec.perArchRepository(),
        spec.destination().repository(),
        spec.cache().repository(),
        registry,
        sourceFolder);
  }

  static Map<String, String> params(
      String imageRepository,
      String destinationRepository,
      String cacheRepository,
      String registry,
      boolean sourceFolder) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put(Params.IMAGE, registry + "/" + pathOf(imageRepository));
    params.put(Params.DESTINATION, registry + "/" + pathOf(destinationRepository));
    if (!cacheRepository.isEmpty()) {
      params.put(Params.CACHE_REPOSITORY, registry + "/" + pathOf(cacheRepository));
    }
    if (sourceFolder) {
      params.put(Params.GIT_URL, "");
      params.put(Params.GIT_REVISION, "");
    }
    return params;
  }

  /** The repository without its registry host: {@code quay.io/org/app} gives {@code org/app}. */
  static String pathOf(String repository) {
    int slash = repository.indexOf('/');
    return slash < 0 ? repository : repository.substring(slash + 1);
  }
}
