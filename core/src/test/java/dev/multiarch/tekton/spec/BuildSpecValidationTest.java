package dev.multiarch.tekton.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.Destination;
import dev.multiarch.tekton.ImageFormat;
import dev.multiarch.tekton.ImageStreamTarget;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.Placement;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildSpecValidationTest {

  static final String LABEL_57 =
      "a DNS-1123 label of at most 57 characters: lowercase letters, digits and '-', "
          + "starting and ending with a letter or digit";

  static BuildSpec.Builder valid() {
    return BuildSpec.builder()
        .name("hello")
        .namespace("demo")
        .platforms(List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")))
        .destination(Destination.parse("quay.io/example/hello"));
  }

  @Test
  void build_withOnlyRequiredValues_appliesDefaults() {
    BuildSpec spec = valid().build();

    assertThat(spec.source()).isEqualTo(new Source("", "", ".", "Containerfile", null));
    assertThat(spec.imageStream()).isEqualTo(new ImageStreamTarget("hello", "latest"));
    assertThat(spec.destination().tags()).containsExactly("latest");
    assertThat(spec.builderImage())
        .isEqualTo(
            "image-registry.openshift-image-registry.svc:5000/"
                + spec.namespace()
                + "/buildah-qemu:1.39.0-1");
    assertThat(spec.bootstrapsBuilderImage()).isTrue();
    assertThat(spec.binfmtImage()).isEqualTo(BuildSpec.DEFAULT_BINFMT_IMAGE);
    assertThat(spec.nodePlatform()).isEqualTo(Platform.parse("linux/amd64"));
    assertThat(spec.placement()).isEqualTo(Placement.SAME_NODE);
    assertThat(spec.format()).isEqualTo(ImageFormat.OCI);
    assertThat(spec.cleanupEmulators()).isFalse();
  }

  @Test
  void build_withLongestAllowedName_accepts() {
    String name = "a".repeat(57);

    assertThat(valid().name(name).build().name()).isEqualTo(name);
  }

  @Test
  void build_withNameLongerThan57_namesFieldAndLimit() {
    String name = "a".repeat(58);

    assertThatThrownBy(() -> valid().name(name).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("metadata.name: '" + name + "' is not allowed; expected " + LABEL_57);
  }

  @Test
  void build_withUppercaseName_rejects() {
    assertThatThrownBy(() -> valid().name("Hello").build())
        .hasMessage("metadata.name: 'Hello' is not allowed; expected " + LABEL_57);
  }

  @Test
  void build_withoutName_rejectsEmpty() {
    assertThatThrownBy(() -> valid().name(null).build())
        .hasMessage("metadata.name: '' is not allowed; expected " + LABEL_57);
  }

  @Test
  void build_withNameEndingInDash_rejects() {
    assertThatThrownBy(() -> valid().name("hello-").build())
        .isInstanceOf(InvalidValueException.class)
        .extracting(e -> ((InvalidValueException) e).field())
        .isEqualTo("metadata.name");
  }

  @Test
  void build_withBadNamespace_namesFieldAndLimit63() {
    assertThatThrownBy(() -> valid().namespace("my_ns").build())
        .hasMessage(
            "metadata.namespace: 'my_ns' is not allowed; expected a DNS-1123 label of at most 63 "
                + "characters: lowercase letters, digits and '-', starting and ending with a letter or digit");
    assertThat(valid().namespace("n".repeat(63)).build().namespace()).hasSize(63);
  }

  @Test
  void build_withoutPlatforms_rejects() {
    assertThatThrownBy(() -> valid().platforms(List.of()).build())
        .hasMessage(
            "spec.platforms: '[]' is not allowed; expected at least one platform, such as linux/amd64");
  }

  @Test
  void build_withDuplicatePlatform_namesBothIndexes() {
    List<Platform> platforms =
        List.of(
            Platform.parse("linux/arm64"),
            Platform.parse("linux/amd64"),
            Platform.parse("linux/arm64"));

    assertThatThrownBy(() -> valid().platforms(platforms).build())
        .hasMessage(
            "spec.platforms[2]: 'linux/arm64' is not allowed; expected each platform once; "
                + "it is already spec.platforms[0]");
  }

  @Test
  void build_withEmulatedPlatforms_keepsOrder() {
    BuildSpec spec =
        valid()
            .platforms(
                List.of(
                    Platform.parse("linux/s390x"),
                    Platform.parse("linux/amd64"),
                    Platform.parse("linux/arm/v7")))
            .build();

    assertThat(spec.emulatedPlatforms())
        .extracting(Platform::toString)
        .containsExactly("linux/s390x", "linux/arm/v7");
  }

  @Test
  void build_withoutDestination_rejects() {
    assertThatThrownBy(() -> valid().destination(null).build())
        .hasMessage(
            "spec.destination.image: '' is not allowed; expected an image repository such as "
                + "quay.io/org/app");
  }

  @Test
  void build_withBinfmtImageLatest_asksForPinnedVersion() {
    assertThatThrownBy(() -> valid().binfmtImage("docker.io/tonistiigi/binfmt:latest").build())
        .hasMessage(
            "spec.binfmtImage: 'docker.io/tonistiigi/binfmt:latest' is not allowed; expected a pinned "
                + "image: pin a version tag such as qemu-v9.2.2 or a digest");
  }

  @Test
  void build_withBinfmtImageWithoutTag_asksForPinnedVersion() {
    assertThatThrownBy(() -> valid().binfmtImage("docker.io/tonistiigi/binfmt").build())
        .hasMessage(
            "spec.binfmtImage: 'docker.io/tonistiigi/binfmt' is not allowed; expected a pinned "
                + "image: pin a version tag such as qemu-v9.2.2 or a digest");
  }

  @Test
  void build_withBuilderImageLatest_rejects() {
    assertThatThrownBy(() -> valid().builderImage("quay.io/buildah/stable:latest").build())
        .hasMessage(
            "spec.builderImage: 'quay.io/buildah/stable:latest' is not allowed; expected a pinned "
                + "image: a version tag other than latest, or a digest");
  }

  @Test
  void build_withShortImageName_asksForFullReference() {
    assertThatThrownBy(() -> valid().builderImage("buildah:1.39").build())
        .hasMessage(
            "spec.builderImage: 'buildah:1.39' is not allowed; expected an image reference with a "
                + "registry host, a lowercase path and a tag or digest, such as quay.io/org/image:1.2 or "
                + "quay.io/org/image@sha256:<64 hex digits>");
  }

  @Test
  void build_withPinnedImages_accepts() {
    String digest = "sha256:" + "0123456789abcdef".repeat(4);

    BuildSpec spec =
        valid()
            .builderImage("registry.local:5000/tools/buildah-qemu@" + digest)
            .binfmtImage("docker.io/tonistiigi/binfmt:qemu-v8.1.5-43@" + digest)
            .build();

    assertThat(spec.builderImage()).isEqualTo("registry.local:5000/tools/buildah-qemu@" + digest);
    assertThat(spec.binfmtImage()).endsWith(digest);
  }

  @Test
  void toBuilder_changingOneField_keepsTheOthers() {
    BuildSpec spec = valid().format(ImageFormat.DOCKER).build();

    BuildSpec changed = spec.toBuilder().cleanupEmulators(true).build();

    assertThat(changed)
        .isEqualTo(valid().format(ImageFormat.DOCKER).cleanupEmulators(true).build());
  }

  @Test
  void build_inPodWithCleanup_isRejectedBecauseNoPodReachesEveryBuildNode() {
    assertThatThrownBy(() -> valid().placement(Placement.IN_POD).cleanupEmulators(true).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "spec.cleanupEmulators: 'true' is not allowed; expected false with placement in-pod: cleanup"
                + " runs on the builds' node in placement same-node, and when its pods stop in placement daemonset");
  }
}
