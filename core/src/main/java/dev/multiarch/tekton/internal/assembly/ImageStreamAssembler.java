package dev.multiarch.tekton.internal.assembly;

import dev.multiarch.tekton.BuildSpec;
import io.fabric8.openshift.api.model.ImageStream;
import io.fabric8.openshift.api.model.ImageStreamBuilder;
import java.util.List;

/**
 * The ImageStream that holds the per-architecture images (it cannot hold the manifest list itself),
 * and those of a layer cache in the internal registry.
 */
public final class ImageStreamAssembler {

  private ImageStreamAssembler() {}

  public static ImageStream assemble(BuildSpec spec) {
    return imageStream(spec, spec.imageStream().name());
  }

  /**
   * The ImageStreams of the layer cache, one per cached platform, when the cache is in this
   * namespace's internal registry; each holds one tag per cache key.
   */
  public static List<ImageStream> cache(BuildSpec spec) {
    return spec.cacheImageStreams().stream().map(name -> imageStream(spec, name)).toList();
  }

  private static ImageStream imageStream(BuildSpec spec, String name) {
    return new ImageStreamBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(spec.namespace())
        .withLabels(Labels.of(spec))
        .endMetadata()
        .withNewSpec()
        .withNewLookupPolicy()
        .withLocal(false)
        .endLookupPolicy()
        .endSpec()
        .build();
  }
}
