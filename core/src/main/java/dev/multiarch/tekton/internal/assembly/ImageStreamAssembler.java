package dev.multiarch.tekton.internal.assembly;

import dev.multiarch.tekton.BuildSpec;
import io.fabric8.openshift.api.model.ImageStream;
import io.fabric8.openshift.api.model.ImageStreamBuilder;

/**
 * The ImageStream that holds the per-architecture images (it cannot hold the manifest list itself).
 */
public final class ImageStreamAssembler {

  private ImageStreamAssembler() {}

  public static ImageStream assemble(BuildSpec spec) {
    return new ImageStreamBuilder()
        .withNewMetadata()
        .withName(spec.imageStream().name())
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
