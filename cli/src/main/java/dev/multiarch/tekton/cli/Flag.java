package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.SpecField;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.cli.Option;

/**
 * The command line's column of the spec-field table ({@link SpecField}, core's): the flag that sets
 * each field, its argument and help text. The library owns the fields and names them by path only;
 * the spelling of a field on the command line is this module's, so it lives here, keyed by the
 * field, and a test checks that every field has a flag or is one of {@link #FILE_ONLY}. {@code
 * docs/spec.md} shows both columns.
 */
enum Flag {
  NAME("name", "NAME", SpecField.NAME, "Pipeline name (DNS-1123 label)", Kind.TEXT),
  NAMESPACE(
      "namespace", "n", "NAMESPACE", SpecField.NAMESPACE, "namespace of every resource", Kind.TEXT),
  PLATFORMS(
      "platforms",
      "LIST",
      SpecField.PLATFORMS,
      "target platforms, e.g. linux/amd64,linux/arm64,linux/arm/v7",
      Kind.LIST),
  NODE_PLATFORM(
      "node-platform",
      "PLATFORM",
      SpecField.NODE_PLATFORM,
      "platform of the cluster's nodes; gets no emulator (default linux/amd64)",
      Kind.TEXT),
  NATIVE(
      "native",
      "LIST",
      SpecField.NATIVE_PLATFORM,
      "build these platforms natively, each pinned to nodes of its"
          + " architecture (kubernetes.io/arch); repeatable or a comma list",
      Kind.NATIVE),
  NATIVE_NODE_SELECTOR(
      "native-node-selector",
      "PLATFORM:KEY=VALUE",
      SpecField.NATIVE_NODE_SELECTOR,
      "a label of the nodes a --native platform builds on, instead of the default selector; repeatable",
      Kind.NATIVE),
  NATIVE_TOLERATION(
      "native-toleration",
      "PLATFORM:KEY[=VALUE][:EFFECT]",
      SpecField.NATIVE_TOLERATIONS,
      "a taint of those nodes that a --native platform's build tolerates; repeatable",
      Kind.NATIVE),
  GIT_URL("git-url", "URL", SpecField.GIT_URL, "git repository to build", Kind.TEXT),
  GIT_REVISION("git-revision", "REV", SpecField.GIT_REVISION, "branch, tag or commit", Kind.TEXT),
  GIT_CREDENTIALS_SECRET(
      "git-credentials-secret",
      "NAME",
      SpecField.GIT_CREDENTIALS_SECRET,
      "Secret with .gitconfig and .git-credentials for a private repository (basic-auth workspace)",
      Kind.TEXT),
  GIT_SSH_SECRET(
      "git-ssh-secret",
      "NAME",
      SpecField.GIT_SSH_SECRET,
      "Secret with an ssh private key and known_hosts for a private repository (ssh-directory"
          + " workspace)",
      Kind.TEXT),
  CONTEXT(
      "context", "DIR", SpecField.CONTEXT, "build context in the source (default .)", Kind.TEXT),
  CONTAINERFILE(
      "containerfile",
      "FILE",
      SpecField.CONTAINERFILE,
      "Containerfile in the context (default Containerfile)",
      Kind.TEXT),
  BUILD_ARG(
      "build-arg", "KEY=VALUE", SpecField.BUILD_ARGS, "build argument; repeatable", Kind.ENTRIES),
  IMAGE_STREAM(
      "image-stream",
      "NAME",
      SpecField.IMAGE_STREAM_NAME,
      "ImageStream of the per-arch images (default: the name)",
      Kind.TEXT),
  TAG(
      "tag",
      "TAG",
      SpecField.IMAGE_STREAM_TAG,
      "per-arch tags are <TAG>-<os>-<arch>[-<variant>] (default latest)",
      Kind.TEXT),
  IMPORT_INDEX(
      "import-index",
      null,
      SpecField.IMAGE_STREAM_IMPORT_INDEX,
      "after the push, import the multi-arch image into ImageStream tag <image stream>:<TAG>,"
          + " every platform kept (OpenShift 4.12+)",
      Kind.SWITCH),
  STAGING_REPOSITORY(
      "staging-repository",
      "REPO",
      SpecField.STAGING_REPOSITORY,
      "repository of the per-arch images instead of an ImageStream, e.g. quay.io/org/app-staging",
      Kind.TEXT),
  DESTINATION(
      "destination",
      "IMAGE[:TAG]",
      SpecField.DESTINATION_IMAGE,
      "where the multi-arch image goes, e.g. quay.io/org/app:1.2",
      Kind.TEXT),
  TAGS(
      "tags",
      "LIST",
      SpecField.DESTINATION_TAGS,
      "more tags of the multi-arch image, e.g. latest,stable",
      Kind.LIST),
  CREDENTIALS_SECRET(
      "credentials-secret",
      "SECRET",
      SpecField.CREDENTIALS_SECRET,
      "docker-config Secret with the destination's push credentials",
      Kind.TEXT),
  CA_BUNDLE(
      "ca-bundle",
      "CONFIGMAP",
      SpecField.CA_BUNDLE,
      "ConfigMap of CA certificates (PEM) git and buildah trust besides the system ones",
      Kind.TEXT),
  BUILD_SECRET(
      "build-secret",
      "SECRET",
      SpecField.BUILD_SECRET,
      "Secret whose keys the builds get as buildah build --secret id=<key> (RUN --mount=type=secret)",
      Kind.TEXT),
  HTTP_PROXY(
      "http-proxy",
      "URL",
      SpecField.HTTP_PROXY,
      "proxy of git's and buildah's plain-HTTP requests, http://host:port (no user or password)",
      Kind.TEXT),
  HTTPS_PROXY(
      "https-proxy",
      "URL",
      SpecField.HTTPS_PROXY,
      "proxy of git's and buildah's HTTPS requests, http://host:port (no user or password)",
      Kind.TEXT),
  NO_PROXY(
      "no-proxy",
      "LIST",
      SpecField.NO_PROXY,
      "comma-separated hosts, .domains and CIDRs reached without the proxy",
      Kind.TEXT),
  SERVICE_ACCOUNT(
      "service-account",
      "NAME",
      SpecField.SERVICE_ACCOUNT,
      "existing ServiceAccount of the unprivileged tasks, e.g. pipeline (default: a generated one)",
      Kind.TEXT),
  BUILDER_IMAGE(
      "builder-image",
      "IMAGE",
      SpecField.BUILDER_IMAGE,
      "qemu-enabled Buildah step image (pinned)",
      Kind.TEXT),
  BINFMT_IMAGE(
      "binfmt-image",
      "IMAGE",
      SpecField.BINFMT_IMAGE,
      "tonistiigi/binfmt image (pinned, never latest)",
      Kind.TEXT),
  PLACEMENT(
      "placement",
      "MODE",
      SpecField.PLACEMENT,
      "same-node (default), in-pod or daemonset",
      Kind.TEXT),
  EMULATION_NODE_SELECTOR(
      "emulation-node-selector",
      "KEY=VALUE",
      SpecField.EMULATION_NODE_SELECTOR,
      "a label of the nodes the emulator DaemonSet runs on, with the emulated builds (placement daemonset;"
          + " default multiarch-tekton.dev/emulation=true); repeatable",
      Kind.ENTRIES),
  FORMAT("format", "FORMAT", SpecField.FORMAT, "oci (default) or docker", Kind.TEXT),
  CLEANUP_EMULATORS(
      "cleanup-emulators",
      null,
      SpecField.CLEANUP_EMULATORS,
      "uninstall the emulators in a finally task",
      Kind.SWITCH),
  INLINE_TASKS(
      "inline-tasks",
      null,
      SpecField.INLINE_TASKS,
      "embed the Tasks in the Pipeline (taskSpec) instead of separate Task resources",
      Kind.SWITCH),
  BUILD_TIMEOUT(
      "build-timeout",
      "DURATION",
      SpecField.BUILD_TIMEOUT,
      "timeout of each build attempt (default 2h)",
      Kind.TEXT),
  MANIFEST_TIMEOUT(
      "manifest-timeout",
      "DURATION",
      SpecField.MANIFEST_TIMEOUT,
      "timeout of the manifest task (default 30m)",
      Kind.TEXT),
  PIPELINE_TIMEOUT(
      "pipeline-timeout",
      "DURATION",
      SpecField.PIPELINE_TIMEOUT,
      "timeout of the whole run (default: room for setup, every build attempt and the manifest)",
      Kind.TEXT),
  RETRIES(
      "retries",
      "N",
      SpecField.RETRIES,
      "retries of a failed build TaskRun, 0 to 5 (default 1)",
      Kind.TEXT),
  BUILD_CPU(
      "build-cpu",
      "QUANTITY",
      SpecField.BUILD_CPU,
      "CPU request of each build pod (default 1)",
      Kind.TEXT),
  BUILD_MEMORY(
      "build-memory",
      "QUANTITY",
      SpecField.BUILD_MEMORY,
      "memory request and limit of each build pod (default 2Gi)",
      Kind.TEXT),
  BUILD_EPHEMERAL_STORAGE(
      "build-ephemeral-storage",
      "QUANTITY",
      SpecField.BUILD_EPHEMERAL_STORAGE,
      "ephemeral-storage request of each build pod (default 10Gi)",
      Kind.TEXT),
  BUILD_CPU_LIMIT(
      "build-cpu-limit",
      "QUANTITY",
      SpecField.BUILD_CPU_LIMIT,
      "CPU limit of each build step, at least the request (default none)",
      Kind.TEXT),
  STORAGE_CLASS(
      "storage-class",
      "CLASS",
      SpecField.WORKSPACE_STORAGE_CLASS,
      "StorageClass of the shared source claim, same-node (default: the cluster's)",
      Kind.TEXT),
  WORKSPACE_SIZE(
      "workspace-size",
      "QUANTITY",
      SpecField.WORKSPACE_SIZE,
      "size of the shared source claim, same-node (default 1Gi)",
      Kind.TEXT),
  PAC_MAX_KEEP_RUNS(
      "pac-max-keep-runs",
      "N",
      SpecField.PAC_MAX_KEEP_RUNS,
      "runs of each kind Pipelines-as-Code keeps (--pac-dir), 1 to 9999 (default 5)",
      Kind.TEXT),
  CROSS_COMPILED(
      "cross-compiled",
      null,
      SpecField.CROSS_COMPILED,
      "the Containerfile runs nothing on the target platform (RUN only in FROM"
          + " --platform=$BUILDPLATFORM stages): register no emulator",
      Kind.SWITCH),
  CACHE_REPOSITORY(
      "cache-repository",
      "REPO",
      SpecField.CACHE_REPOSITORY,
      "registry layer cache of the emulated builds; each platform uses REPO-<os>-<arch>",
      Kind.TEXT),
  CACHE_NATIVE(
      "cache-native",
      null,
      SpecField.CACHE_NATIVE,
      "the native builds use the layer cache too",
      Kind.SWITCH);

  /**
   * How a flag's text becomes a spec value; the NATIVE flags together make the list of native
   * platforms.
   */
  enum Kind {
    TEXT,
    LIST,
    ENTRIES,
    SWITCH,
    NATIVE
  }

  /** The fields only a spec file sets: they say what the file is. */
  static final Set<SpecField> FILE_ONLY = EnumSet.of(SpecField.API_VERSION, SpecField.KIND);

  final String longName;

  /** The one-letter form, kubectl's where there is one ({@code -n}); null for most. */
  final String shortName;

  final String argName;
  final SpecField field;
  final String description;
  final Kind kind;

  Flag(String longName, String argName, SpecField field, String description, Kind kind) {
    this(longName, null, argName, field, description, kind);
  }

  Flag(
      String longName,
      String shortName,
      String argName,
      SpecField field,
      String description,
      Kind kind) {
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

  /** The flag that sets {@code field}, or empty if only a spec file does. */
  static Optional<Flag> of(SpecField field) {
    return Arrays.stream(values()).filter(flag -> flag.field == field).findFirst();
  }
}
