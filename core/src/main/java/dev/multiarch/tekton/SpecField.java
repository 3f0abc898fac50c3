package dev.multiarch.tekton;

import dev.multiarch.tekton.tasks.Images;
import java.util.ArrayList;
import java.util.List;

/**
 * The one table of a spec file's fields: each row's path ({@code spec.native[].platform}, {@code
 * []} standing for every item of a list), type, default and meaning. It is the spec file's known
 * fields ({@link SpecFile} rejects any other), the subject of {@link FieldPath}, and the source of
 * {@code docs/spec.md}, which a test keeps current.
 *
 * <p>A row is a field a user sets, not every key: the maps that only group fields ({@code
 * spec.source}, {@code spec.timeouts}) follow from the paths, and a native platform's tolerations
 * are one row because their keys are Kubernetes' {@code Toleration} fields. How a front end spells
 * a field (the command line's flags) is the front end's business; the library names fields only by
 * path.
 */
public enum SpecField {
  API_VERSION("apiVersion", "string", true, "", "exactly `" + SpecFile.API_VERSION + "`"),
  KIND("kind", "string", true, "", "exactly `" + SpecFile.KIND + "`"),
  NAME(
      "metadata.name",
      "string",
      true,
      "",
      "the Pipeline's name; every other name derives from it. A DNS-1123"
          + " label of at most "
          + BuildSpec.MAX_NAME
          + " characters (a PipelineRun adds `-xxxxx`)"),
  NAMESPACE(
      "metadata.namespace", "string", true, "", "namespace of every resource; a DNS-1123 label"),
  PLATFORMS(
      "spec.platforms",
      "list of platforms",
      true,
      "",
      "target platforms `os/arch[/variant]`, in"
          + " manifest-list order, each once. Known: "
          + String.join(", ", Platform.known().stream().map(p -> "`" + p + "`").toList())),
  NODE_PLATFORM(
      "spec.nodePlatform",
      "platform",
      false,
      "`" + BuildSpec.DEFAULT_NODE_PLATFORM + "`",
      "the platform"
          + " of the nodes that run the builds: no emulator is installed for it (registering a node's own architecture"
          + " would route every native binary through QEMU)"),
  NATIVE_PLATFORM(
      "spec.native[].platform",
      "platform",
      false,
      "none",
      "a platform built natively, on nodes of its"
          + " own architecture, in a pipeline task of its own (`build-<os>-<arch>[-<variant>]`); one of `platforms`,"
          + " each once. No emulator is ever registered for it"),
  NATIVE_NODE_SELECTOR(
      "spec.native[].nodeSelector",
      "map of labels",
      false,
      "`kubernetes.io/arch: <arch>`," + " `kubernetes.io/os: linux`",
      "the labels of the nodes it builds on (`arm` for `linux/arm/v7`); given, it"
          + " replaces the default. Keys and values are Kubernetes label keys and values"),
  NATIVE_TOLERATIONS(
      "spec.native[].tolerations",
      "list of tolerations",
      false,
      "none",
      "taints of those nodes the"
          + " build tolerates: `key`, `operator` (`Equal`, the default, or `Exists`), `value`, `effect` (`NoSchedule`,"
          + " `PreferNoSchedule`, `NoExecute` or empty for all)"),
  GIT_URL(
      "spec.source.git.url",
      "string",
      false,
      "none",
      "repository each build clones: `https://`, `http://`,"
          + " `ssh://`, `git://`, `file://` or `user@host:path`. Without it, the content of the `source` workspace is"
          + " built"),
  GIT_REVISION(
      "spec.source.git.revision",
      "string",
      false,
      "default branch",
      "branch, tag or commit (needs a url)"),
  GIT_CREDENTIALS_SECRET(
      "spec.source.git.credentialsSecret",
      "string",
      false,
      "none",
      "a Secret bound to the `basic-auth` workspace of every task that touches git: `.gitconfig` and"
          + " `.git-credentials`, the layout of the Tekton catalog's git-clone Task and of"
          + " Pipelines-as-Code's `{{ git_auth_secret }}`; for a private repository over HTTPS. A user"
          + " name or token inside the url is refused: it would be readable in every PipelineRun"),
  GIT_SSH_SECRET(
      "spec.source.git.sshSecret",
      "string",
      false,
      "none",
      "a Secret bound to the `ssh-directory` workspace of every task that touches git: a private key"
          + " (`id_rsa`, `id_ed25519`, ...), `known_hosts` (required: host keys are always checked)"
          + " and an optional ssh `config`; for a private repository over ssh"),
  CONTEXT(
      "spec.source.context",
      "string",
      false,
      "`" + Source.DEFAULT_CONTEXT + "`",
      "build context, relative to" + " the source root, inside it"),
  CONTAINERFILE(
      "spec.source.containerfile",
      "string",
      false,
      "`" + Source.DEFAULT_CONTAINERFILE + "`",
      "relative to the context"),
  BUILD_ARGS(
      "spec.source.buildArgs",
      "map of strings",
      false,
      "none",
      "`--build-arg` values, order kept. Names"
          + " `[A-Za-z_][A-Za-z0-9_]*`; values any text without control characters: they reach buildah as single"
          + " arguments, never through a shell"),
  BUILD_SECRET(
      "spec.source.buildSecret",
      "string",
      false,
      "none",
      "a Secret bound to the builds' `build-secrets` workspace: each key becomes `buildah build"
          + " --secret id=<key>`, which a `RUN --mount=type=secret,id=<key>` reads without storing it in a"
          + " layer; only the build tasks get it"),
  IMAGE_STREAM_NAME(
      "spec.imageStream.name",
      "string",
      false,
      "`metadata.name`",
      "the ImageStream that receives" + " the per-arch images; none with `staging.repository`"),
  IMAGE_STREAM_TAG(
      "spec.imageStream.tag",
      "string",
      false,
      "`" + ImageStreamTarget.DEFAULT_TAG + "`",
      "per-arch"
          + " images are pushed as `<tag>-<os>-<arch>[-<variant>]`, e.g. `latest-linux-arm-v7`, to `"
          + ImageStreamTarget.INTERNAL_REGISTRY
          + "/<namespace>/<image stream>`, or to `staging.repository`"),
  IMAGE_STREAM_IMPORT_INDEX(
      "spec.imageStream.importIndex",
      "boolean",
      false,
      "`false`",
      "after the push, import the published multi-arch image (its index, by digest) into"
          + " ImageStream tag `<image stream>:<tag>`, every platform kept (`importMode:"
          + " PreserveOriginal`, OpenShift 4.12 and later), so that workloads and ImageStream triggers"
          + " of the namespace get it; a last task `import-index` runs `oc import-image` with the"
          + " cluster's own `openshift/cli` image. Not with `staging.repository`"),
  STAGING_REPOSITORY(
      "spec.staging.repository",
      "string",
      false,
      "none",
      "a repository such as `quay.io/org/app-staging` (no tag or digest) that receives the per-arch"
          + " images instead of an ImageStream, for clusters whose internal registry is `Removed`: then"
          + " no ImageStream and no image-builder RoleBinding are generated, and the builds push with"
          + " the credentials of the `dockerconfig` workspace (`destination.credentialsSecret`) or of"
          + " the ServiceAccount's registry secrets, as the manifest task does"),
  DESTINATION_IMAGE(
      "spec.destination.image",
      "string",
      true,
      "",
      "repository of the multi-arch image, e.g."
          + " `quay.io/org/app:1.2`; a tag given here is the first tag. No digest"),
  DESTINATION_TAGS(
      "spec.destination.tags",
      "list of strings",
      false,
      "`[" + Destination.DEFAULT_TAG + "]` if the" + " image has no tag",
      "more tags; the list is pushed to every one"),
  CREDENTIALS_SECRET(
      "spec.destination.credentialsSecret",
      "string",
      false,
      "none",
      "a docker-config Secret bound"
          + " to the `dockerconfig` workspace; without it the tasks push with the ServiceAccount's own registry"
          + " secrets"),
  HTTP_PROXY(
      "spec.proxy.httpProxy",
      "string",
      false,
      "none",
      "the proxy of plain-HTTP requests, `http://host:port`, without user or password (it is a"
          + " Pipeline param, `HTTP_PROXY`, readable by whoever reads the PipelineRun); git and buildah"
          + " read it as `HTTP_PROXY` and `http_proxy` in the steps that fetch the source or talk to a"
          + " registry"),
  HTTPS_PROXY(
      "spec.proxy.httpsProxy",
      "string",
      false,
      "none",
      "the proxy of HTTPS requests, the same way (`HTTPS_PROXY`, `https_proxy`)"),
  NO_PROXY(
      "spec.proxy.noProxy",
      "string",
      false,
      "none",
      "comma-separated hosts, `.domains`, IP addresses and CIDRs reached without the proxy (`NO_PROXY`,"
          + " `no_proxy`), such as `.cluster.local,.svc,10.0.0.0/16`; the internal registry is a `.svc`"
          + " host"),
  CA_BUNDLE(
      "spec.caBundle",
      "string",
      false,
      "none",
      "a ConfigMap of CA certificates (PEM, any keys such as `ca-bundle.crt`) bound to the"
          + " `ssl-ca-directory` workspace of every task that talks to git or a registry: git and buildah"
          + " trust them besides the system CAs (a corporate CA, a TLS-intercepting proxy's); on"
          + " OpenShift, `config-trusted-cabundle`"),
  SERVICE_ACCOUNT(
      "spec.serviceAccount",
      "string",
      false,
      "`<name>-builder`, generated",
      "an existing ServiceAccount every unprivileged TaskRun runs as instead of a generated one,"
          + " such as `pipeline`, which OpenShift Pipelines creates in every namespace with the"
          + " RoleBindings `pipelines-scc-rolebinding` (SCC `pipelines-scc`) and `openshift-pipelines-edit`"
          + " (role `edit`, which may push to ImageStreams). Given, neither `<name>-builder` nor its"
          + " RoleBindings are generated, so a project admin needs a cluster admin only for what"
          + " registers emulators (`rbac.yaml`)"),
  BUILDER_IMAGE(
      "spec.builderImage",
      "string",
      false,
      "`"
          + Images.internalBuilder("<namespace>")
          + "`; with `spec.staging.repository` `<repository>:"
          + Images.stagingBuilderTag()
          + "`",
      "the qemu-enabled Buildah image of the build and manifest steps (`containers/`); pinned, never"
          + " `latest`. Nobody publishes the default: the generated bootstrap Pipeline `"
          + BuildSpec.BOOTSTRAP_PIPELINE
          + "` builds it on the cluster, once per namespace; naming an image here generates no"
          + " bootstrap"),
  BINFMT_IMAGE(
      "spec.binfmtImage",
      "string",
      false,
      "`" + BuildSpec.DEFAULT_BINFMT_IMAGE + "`",
      "the image that" + " registers the emulators; a version tag or digest, never `latest`"),
  PLACEMENT(
      "spec.placement",
      "string",
      false,
      "`" + Placement.SAME_NODE + "`",
      "`same-node`, `in-pod` or" + " `daemonset`: where emulation happens"),
  EMULATION_NODE_SELECTOR(
      "spec.emulationNodeSelector",
      "map of labels",
      false,
      "`multiarch-tekton.dev/emulation: \"true\"`",
      "placement `daemonset` only: the labels of the nodes the"
          + " emulator DaemonSet runs on and the emulated builds are pinned to, besides `kubernetes.io/arch` and"
          + " `kubernetes.io/os` of `nodePlatform`, which are always added"),
  FORMAT(
      "spec.format",
      "string",
      false,
      "`" + ImageFormat.OCI + "`",
      "`oci` or `docker`: one manifest format for" + " every image and the list"),
  CLEANUP_EMULATORS(
      "spec.cleanupEmulators",
      "boolean",
      false,
      "`false`",
      "uninstall the emulators again: a"
          + " `finally` task in placement `same-node`, the DaemonSet's pods when they stop in placement `daemonset`;"
          + " not with `in-pod`, nor when nothing is emulated"),
  INLINE_TASKS(
      "spec.inlineTasks",
      "boolean",
      false,
      "`false`",
      "embed the Tasks in the Pipeline (`taskSpec`)"
          + " instead of separate Task resources: one self-contained file, for clusters that allow inline specs"),
  BUILD_TIMEOUT(
      "spec.timeouts.build",
      "duration",
      false,
      "`" + BuildTimeouts.format(BuildTimeouts.DEFAULT_BUILD) + "`",
      "each build TaskRun's timeout, per attempt (a Go duration: `90m`, `1h30m`)"),
  MANIFEST_TIMEOUT(
      "spec.timeouts.manifest",
      "duration",
      false,
      "`" + BuildTimeouts.format(BuildTimeouts.DEFAULT_MANIFEST) + "`",
      "the manifest task's timeout"),
  PIPELINE_TIMEOUT(
      "spec.timeouts.pipeline",
      "duration",
      false,
      "computed",
      "the whole run's; by default room for"
          + " the setup tasks ("
          + BuildTimeouts.format(BuildTimeouts.SETUP)
          + "), every build attempt, the manifest"
          + " task and the import of the index ("
          + BuildTimeouts.format(BuildTimeouts.SETUP)
          + "). At least one attempt of everything"),
  RETRIES(
      "spec.retries",
      "whole number",
      false,
      "`" + BuildSpec.DEFAULT_RETRIES + "`",
      "how often Tekton retries"
          + " a failed build TaskRun (0 to "
          + BuildSpec.MAX_RETRIES
          + "): one flaky emulated step or registry hiccup"
          + " no longer fails the image"),
  BUILD_CPU(
      "spec.resources.build.cpu",
      "quantity",
      false,
      "`" + BuildResources.DEFAULT_CPU + "`",
      "CPU request of"
          + " each build pod (no CPU limit unless `cpuLimit`: throttling only slows an emulated build)"),
  BUILD_MEMORY(
      "spec.resources.build.memory",
      "quantity",
      false,
      "`" + BuildResources.DEFAULT_MEMORY + "`",
      "memory request of each build pod, also its limit"),
  BUILD_EPHEMERAL_STORAGE(
      "spec.resources.build.ephemeralStorage",
      "quantity",
      false,
      "`" + BuildResources.DEFAULT_EPHEMERAL_STORAGE + "`",
      "ephemeral-storage request of each build pod: buildah's" + " vfs layers live in an emptyDir"),
  BUILD_CPU_LIMIT(
      "spec.resources.build.cpuLimit",
      "quantity",
      false,
      "none",
      "CPU limit of each build: Tekton gives every step of the TaskRun this limit (task-level"
          + " `computeResources`), so each step may use that much; at least `cpu`. For namespaces whose"
          + " LimitRange or quota wants one; without it a build uses what its node has free"),
  WORKSPACE_STORAGE_CLASS(
      "spec.workspace.storageClassName",
      "string",
      false,
      "the cluster's default class",
      "placement `same-node`, when a platform is emulated: the StorageClass of the claim each PipelineRun gets for the shared"
          + " `source` workspace (`volumeClaimTemplate`); name one where the cluster has no default"
          + " StorageClass, or the claim stays `Pending`. The other placements bind no claim and"
          + " ignore both `workspace` fields"),
  WORKSPACE_SIZE(
      "spec.workspace.size",
      "quantity",
      false,
      "`" + WorkspaceClaim.DEFAULT_SIZE + "`",
      "placement `same-node`, when a platform is emulated: the storage that claim requests, room for one clone of the source"
          + " per build"),
  PAC_MAX_KEEP_RUNS(
      "spec.pac.maxKeepRuns",
      "whole number",
      false,
      "`" + BuildSpec.DEFAULT_PAC_MAX_KEEP_RUNS + "`",
      "the Pipelines-as-Code folder (`generate --pac-dir`): how many runs of each kind (push, pull"
          + " request) Pipelines-as-Code keeps, deleting older ones (annotation"
          + " `pipelinesascode.tekton.dev/max-keep-runs`); 1 to 9999"),
  CROSS_COMPILED(
      "spec.crossCompiled",
      "boolean",
      false,
      "`false`",
      "the Containerfile runs no instruction on the target platform (every `RUN` in a stage `FROM"
          + " --platform=$BUILDPLATFORM`, the target stages only `COPY`, `ENV`, `LABEL`, ...; see"
          + " [cross-compilation.md](cross-compilation.md)): no platform needs an emulator, so no emulator"
          + " is registered and nothing is privileged. One Containerfile serves every platform, so it is"
          + " one switch, not a list. Each build still reads its Containerfile and checks the"
          + " emulator of a platform it would run an instruction of, failing where there is none"),
  CACHE_REPOSITORY(
      "spec.cache.repository",
      "string",
      false,
      "none",
      "a registry layer cache for the emulated builds (`buildah build --layers --cache-from"
          + " --cache-to`): a repository without tag or digest, each cached platform using"
          + " `<repository>-<os>-<arch>[-<variant>]` (buildah's cache key holds no platform). An"
          + " ImageStream of the namespace (`"
          + ImageStreamTarget.INTERNAL_REGISTRY
          + "/<namespace>/<name>`) gets its ImageStreams generated; any other registry is reached"
          + " with the push credentials. See docs/cache.md"),
  CACHE_NATIVE(
      "spec.cache.native",
      "boolean",
      false,
      "`false`",
      "whether platforms built natively use the cache too; needs `repository`. Off by default:"
          + " a native rebuild measured slower with the cache than without");

  private final String path;
  private final String type;
  private final boolean required;
  private final String defaultValue;
  private final String description;

  SpecField(String path, String type, boolean required, String defaultValue, String description) {
    this.path = path;
    this.type = type;
    this.required = required;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /**
   * The field's path in a spec file, {@code []} standing for every item of a list: {@code
   * spec.native[].platform}.
   */
  public String path() {
    return path;
  }

  /**
   * What the field holds, in words: {@code string}, {@code list of platforms}, {@code duration},
   * ...
   */
  public String type() {
    return type;
  }

  /** Whether a spec file must set it. */
  public boolean required() {
    return required;
  }

  /**
   * The value an absent field takes, as Markdown ({@code `latest`}, {@code none}), or empty if it
   * is required.
   */
  public String defaultValue() {
    return defaultValue;
  }

  /** What the field means and allows, one Markdown sentence or two. */
  public String description() {
    return description;
  }

  /**
   * The names of the fields directly under {@code parent} (a path such as {@code spec.source} or
   * {@code spec.native[]}, empty for the document's root), in the table's order, each once: the
   * keys a spec file's map may hold there.
   */
  public static List<String> keysUnder(String parent) {
    String prefix = parent.isEmpty() ? "" : parent + ".";
    List<String> keys = new ArrayList<>();
    for (SpecField field : values()) {
      if (field.path.startsWith(prefix)) {
        String key = field.path.substring(prefix.length()).split("[.\\[]", 2)[0];
        if (!keys.contains(key)) {
          keys.add(key);
        }
      }
    }
    return List.copyOf(keys);
  }
}
