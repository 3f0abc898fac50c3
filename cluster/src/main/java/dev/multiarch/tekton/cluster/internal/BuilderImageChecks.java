package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.BuilderImageBootstrap;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.cluster.Check;
import dev.multiarch.tekton.tasks.Images;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.ImageManifest;
import io.fabric8.openshift.api.model.ImageStreamTag;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The default builder image is in the namespace before a run needs it: nobody publishes it, the
 * generated bootstrap builds it into ImageStream {@code buildah-qemu}. With a staging repository it
 * lives in a registry this tool cannot read, and is not checked.
 */
final class BuilderImageChecks {

  private static final String TOPIC = "builder-image";

  private final KubernetesClient client;
  private final Failures failures;

  BuilderImageChecks(KubernetesClient client, Failures failures) {
    this.client = client;
    this.failures = failures;
  }

  List<Check> run(GeneratedPipeline generated) {
    BuilderImageBootstrap bootstrap = generated.bootstrap().orElse(null);
    if (bootstrap == null || bootstrap.imageStream().isEmpty()) {
      return List.of();
    }
    String namespace = generated.spec().namespace();
    String tag = Images.BUILDER_STREAM + ":" + Images.BUILDER_TAG;
    ImageStreamTag found;
    try {
      found =
          Reads.read(
              failures,
              () ->
                  client.resources(ImageStreamTag.class).inNamespace(namespace).withName(tag).get(),
              "get",
              "imagestreamtags.image.openshift.io/" + tag,
              namespace);
    } catch (Reads.Unanswered e) {
      return List.of(
          Check.warning(TOPIC, e.getMessage() + ": the default builder image was not checked"));
    }
    if (found == null) {
      return List.of(
          Check.problem(
              TOPIC,
              "ImageStreamTag "
                  + tag
                  + " is not in namespace "
                  + namespace
                  + ": builds would fail pulling the default builder image "
                  + bootstrap.image()
                  + "; fix: oc create -f FOLDER/"
                  + bootstrap.pipelineRunFile()
                  + " (FOLDER: the generated folder) and wait for it to succeed, or set"
                  + " spec.builderImage"));
    }
    List<ImageManifest> manifests =
        found.getImage() == null || found.getImage().getDockerImageManifests() == null
            ? List.of()
            : found.getImage().getDockerImageManifests();
    if (manifests.isEmpty()) {
      return List.of(
          Check.ok(TOPIC, "ImageStreamTag " + tag + " exists (its platforms were not listed)"));
    }
    List<String> missing = new ArrayList<>();
    for (Platform platform : nodePlatforms(generated.spec())) {
      if (manifests.stream().noneMatch(m -> matches(m, platform))) {
        missing.add(platform.toString());
      }
    }
    if (!missing.isEmpty()) {
      return List.of(
          Check.problem(
              TOPIC,
              "ImageStreamTag "
                  + tag
                  + " has no image for "
                  + String.join(", ", missing)
                  + ", whose nodes run this spec's steps; fix: run the bootstrap of this spec's"
                  + " folder again (oc create -f FOLDER/"
                  + bootstrap.pipelineRunFile()
                  + "), which builds the image for every node platform of the spec"));
    }
    return List.of(
        Check.ok(
            TOPIC,
            "ImageStreamTag "
                + tag
                + " has the default builder image for "
                + String.join(
                    ", ",
                    nodePlatforms(generated.spec()).stream().map(Platform::toString).toList())));
  }

  /** The platforms whose nodes run steps: nodePlatform and the native platforms. */
  private static Set<Platform> nodePlatforms(BuildSpec spec) {
    Set<Platform> platforms = new LinkedHashSet<>();
    platforms.add(spec.nodePlatform());
    spec.nativePlatforms().stream().map(NativePlatform::platform).forEach(platforms::add);
    return platforms;
  }

  private static boolean matches(ImageManifest manifest, Platform platform) {
    String variant = manifest.getVariant() == null ? "" : manifest.getVariant();
    return platform.os().equals(manifest.getOs())
        && platform.architecture().equals(manifest.getArchitecture())
        && (platform.variant().isEmpty() || platform.variant().equals(variant));
  }
}
