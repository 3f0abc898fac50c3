package dev.multiarch.tekton.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.Option;

/**
 * A spec setting that can be given as a command-line flag: the option and the spec-file field it
 * overrides. One table, so flags, help text and error messages can never disagree.
 */
enum Flag {
  NAME("name", "NAME", "metadata.name", "Pipeline name (DNS-1123 label)", Kind.TEXT),
  NAMESPACE("namespace", "n", "NAMESPACE", "metadata.namespace", "namespace of every resource", Kind.TEXT),
  PLATFORMS("platforms", "LIST", "spec.platforms", "target platforms, e.g. linux/amd64,linux/arm64,linux/arm/v7",
      Kind.LIST),
  NODE_PLATFORM("node-platform", "PLATFORM", "spec.nodePlatform",
      "platform of the cluster's nodes; gets no emulator (default linux/amd64)", Kind.TEXT),
  NATIVE("native", "LIST", "spec.native", "build these platforms natively, each pinned to nodes of its"
      + " architecture (kubernetes.io/arch); repeatable or a comma list", Kind.NATIVE),
  NATIVE_NODE_SELECTOR("native-node-selector", "PLATFORM:KEY=VALUE", "spec.native[*].nodeSelector",
      "a label of the nodes a --native platform builds on, instead of the default selector; repeatable",
      Kind.NATIVE),
  NATIVE_TOLERATION("native-toleration", "PLATFORM:KEY[=VALUE][:EFFECT]", "spec.native[*].tolerations",
      "a taint of those nodes that a --native platform's build tolerates; repeatable", Kind.NATIVE),
  GIT_URL("git-url", "URL", "spec.source.git.url", "git repository to build", Kind.TEXT),
  GIT_REVISION("git-revision", "REV", "spec.source.git.revision", "branch, tag or commit", Kind.TEXT),
  CONTEXT("context", "DIR", "spec.source.context", "build context in the source (default .)", Kind.TEXT),
  CONTAINERFILE("containerfile", "FILE", "spec.source.containerfile",
      "Containerfile in the context (default Containerfile)", Kind.TEXT),
  BUILD_ARG("build-arg", "KEY=VALUE", "spec.source.buildArgs", "build argument; repeatable", Kind.ENTRIES),
  IMAGE_STREAM("image-stream", "NAME", "spec.imageStream.name",
      "ImageStream of the per-arch images (default: the name)", Kind.TEXT),
  TAG("tag", "TAG", "spec.imageStream.tag", "per-arch tags are <TAG>-<os>-<arch>[-<variant>] (default latest)",
      Kind.TEXT),
  DESTINATION("destination", "IMAGE[:TAG]", "spec.destination.image",
      "where the multi-arch image goes, e.g. quay.io/org/app:1.2", Kind.TEXT),
  TAGS("tags", "LIST", "spec.destination.tags", "more tags of the multi-arch image, e.g. latest,stable",
      Kind.LIST),
  CREDENTIALS_SECRET("credentials-secret", "SECRET", "spec.destination.credentialsSecret",
      "docker-config Secret with the destination's push credentials", Kind.TEXT),
  BUILDER_IMAGE("builder-image", "IMAGE", "spec.builderImage", "qemu-enabled Buildah step image (pinned)",
      Kind.TEXT),
  BINFMT_IMAGE("binfmt-image", "IMAGE", "spec.binfmtImage", "tonistiigi/binfmt image (pinned, never latest)",
      Kind.TEXT),
  PLACEMENT("placement", "MODE", "spec.placement", "same-node (default), in-pod or daemonset", Kind.TEXT),
  EMULATION_NODE_SELECTOR("emulation-node-selector", "KEY=VALUE", "spec.emulationNodeSelector",
      "a label of the nodes the emulator DaemonSet runs on, with the emulated builds (placement daemonset;"
      + " default multiarch-tekton.dev/emulation=true); repeatable", Kind.ENTRIES),
  FORMAT("format", "FORMAT", "spec.format", "oci (default) or docker", Kind.TEXT),
  CLEANUP_EMULATORS("cleanup-emulators", null, "spec.cleanupEmulators",
      "uninstall the emulators in a finally task", Kind.SWITCH),
  INLINE_TASKS("inline-tasks", null, "spec.inlineTasks",
      "embed the Tasks in the Pipeline (taskSpec) instead of separate Task resources", Kind.SWITCH),
  BUILD_TIMEOUT("build-timeout", "DURATION", "spec.timeouts.build", "timeout of each build attempt (default 2h)",
      Kind.TEXT),
  MANIFEST_TIMEOUT("manifest-timeout", "DURATION", "spec.timeouts.manifest",
      "timeout of the manifest task (default 30m)", Kind.TEXT),
  PIPELINE_TIMEOUT("pipeline-timeout", "DURATION", "spec.timeouts.pipeline",
      "timeout of the whole run (default: room for setup, every build attempt and the manifest)", Kind.TEXT),
  RETRIES("retries", "N", "spec.retries", "retries of a failed build TaskRun, 0 to 5 (default 1)", Kind.TEXT),
  BUILD_CPU("build-cpu", "QUANTITY", "spec.resources.build.cpu", "CPU request of each build pod (default 1)",
      Kind.TEXT),
  BUILD_MEMORY("build-memory", "QUANTITY", "spec.resources.build.memory",
      "memory request and limit of each build pod (default 2Gi)", Kind.TEXT),
  BUILD_EPHEMERAL_STORAGE("build-ephemeral-storage", "QUANTITY", "spec.resources.build.ephemeralStorage",
      "ephemeral-storage request of each build pod (default 10Gi)", Kind.TEXT);

  /** How a flag's text becomes a spec value; the NATIVE flags together make the list of native platforms. */
  enum Kind { TEXT, LIST, ENTRIES, SWITCH, NATIVE }

  final String longName;
  /** The one-letter form, kubectl's where there is one ({@code -n}); null for most. */
  final String shortName;
  final String argName;
  final String field;
  final String description;
  final Kind kind;

  Flag(String longName, String argName, String field, String description, Kind kind) {
    this(longName, null, argName, field, description, kind);
  }

  Flag(String longName, String shortName, String argName, String field, String description, Kind kind) {
    this.longName = longName;
    this.shortName = shortName;
    this.argName = argName;
    this.field = field;
    this.description = description;
    this.kind = kind;
  }

  Option option() {
    Option.Builder option = Option.builder(shortName).longOpt(longName).desc(description);
    if (kind != Kind.SWITCH) {
      option.hasArg().argName(argName);
    }
    return option.build();
  }

  /**
   * The flag that set {@code field} (a spec path such as {@code spec.platforms[1]}), if one did: the one whose field
   * is the longest match, so that {@code spec.native[0].nodeSelector} is --native-node-selector's, not --native's.
   */
  static Optional<Flag> owning(String field, List<Flag> given) {
    String path = field.replaceAll("\\[\\d+]", "[*]");
    return given.stream()
        .filter(f -> path.equals(f.field) || path.startsWith(f.field + "[") || path.startsWith(f.field + "."))
        .max(Comparator.comparingInt(f -> f.field.length()));
  }
}
