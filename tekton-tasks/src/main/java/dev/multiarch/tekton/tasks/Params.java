package dev.multiarch.tekton.tasks;

/** Names of the catalog Tasks' params, for wiring the Pipeline's task params to them. */
public final class Params {

  /** Array: every target platform ({@code multiarch-binfmt}). */
  public static final String PLATFORMS = "PLATFORMS";

  /**
   * String: comma-separated platforms whose emulators binfmt installs or uninstalls; may be empty.
   * An in-pod build gets its own platform when it is emulated and nothing when it is native.
   */
  public static final String EMULATORS = "EMULATORS";

  /** String: the tonistiigi/binfmt image. */
  public static final String BINFMT_IMAGE = "BINFMT_IMAGE";

  /** String: the qemu-enabled buildah image that runs the scripts. */
  public static final String BUILDER_IMAGE = "BUILDER_IMAGE";

  /**
   * String: the plain buildah image ({@code quay.io/buildah/stable}) the builder image bootstrap
   * builds with.
   */
  public static final String BUILDAH_IMAGE = "BUILDAH_IMAGE";

  /** String: the one platform a build TaskRun builds (the Pipeline's matrix param). */
  public static final String PLATFORM = "PLATFORM";

  /** String: the per-platform images' repository, without tag. */
  public static final String IMAGE = "IMAGE";

  /** String: the tag prefix; each platform pushes {@code <TAG>-<os>-<arch>[-<variant>]}. */
  public static final String TAG = "TAG";

  /**
   * String: the git repository to clone; empty when the source workspace already holds the source.
   */
  public static final String GIT_URL = "GIT_URL";

  /** String: the branch, tag, ref or commit to clone; empty for the remote's default branch. */
  public static final String GIT_REVISION = "GIT_REVISION";

  /**
   * String: the commit to build, resolved once for every platform by {@code
   * multiarch-resolve-commit}; empty to fetch GIT_REVISION as it is.
   */
  public static final String GIT_COMMIT = "GIT_COMMIT";

  /**
   * String: the node whose emulators the binfmt task registered (same-node placement); a build that
   * needs emulation elsewhere fails at once. Empty skips the check.
   */
  public static final String BINFMT_NODE = "BINFMT_NODE";

  /** String: the build context, relative to the source root. */
  public static final String CONTEXT = "CONTEXT";

  /** String: the Containerfile, relative to CONTEXT. */
  public static final String CONTAINERFILE = "CONTAINERFILE";

  /** Array: build arguments, each {@code KEY=VALUE}. */
  public static final String BUILD_ARGS = "BUILD_ARGS";

  /** String: {@code oci} or {@code docker}, for the images and the manifest list alike. */
  public static final String FORMAT = "FORMAT";

  /** String: {@code true} or {@code false}: verify registries' TLS certificates. */
  public static final String TLS_VERIFY = "TLS_VERIFY";

  /**
   * String: the proxy of plain-HTTP requests of git and buildah, {@code http://host:port}; empty
   * for none.
   */
  public static final String HTTP_PROXY = "HTTP_PROXY";

  /** String: the proxy of HTTPS requests of git and buildah; empty for none. */
  public static final String HTTPS_PROXY = "HTTPS_PROXY";

  /** String: comma-separated hosts, domains and CIDRs reached without the proxy; may be empty. */
  public static final String NO_PROXY = "NO_PROXY";

  /** The three proxy params, in the order the Tasks declare them. */
  public static final java.util.List<String> PROXY =
      java.util.List.of(HTTP_PROXY, HTTPS_PROXY, NO_PROXY);

  /**
   * String: the layer cache's repository, without tag; each cached platform uses {@code
   * <repository>-<os>-<arch>[-<variant>]}. Empty for no cache.
   */
  public static final String CACHE_REPOSITORY = "CACHE_REPOSITORY";

  /** String: {@code true} or {@code false}: whether native builds use the layer cache too. */
  public static final String CACHE_NATIVE = "CACHE_NATIVE";

  /** String: buildah's storage driver, {@code vfs} by default. */
  public static final String STORAGE_DRIVER = "STORAGE_DRIVER";

  /** Array: {@code repo@sha256:...} of every per-platform image ({@code multiarch-manifest}). */
  public static final String IMAGE_REFS = "IMAGE_REFS";

  /**
   * Array: the platform of each IMAGE_REFS entry, in the same order; empty when the refs are in
   * list order.
   */
  public static final String IMAGE_PLATFORMS = "IMAGE_PLATFORMS";

  /**
   * Array: the platforms in the order the manifest list gets them; empty keeps the order of
   * IMAGE_REFS.
   */
  public static final String PLATFORM_ORDER = "PLATFORM_ORDER";

  /** String: the manifest list's repository, without tag. */
  public static final String DESTINATION = "DESTINATION";

  /** String: space-separated tags of the manifest list. */
  public static final String DESTINATION_TAGS = "DESTINATION_TAGS";

  /**
   * String: the ImageStream the multi-arch image is imported into ({@code multiarch-import-index}).
   */
  public static final String IMAGE_STREAM = "IMAGE_STREAM";

  /** String: the digest of the published image index, {@code sha256:...}. */
  public static final String IMAGE_DIGEST = "IMAGE_DIGEST";

  /**
   * String: {@code true} or {@code false}: import the published image index into the ImageStream
   * tag; run-local, which has no ImageStream, sets it to false.
   */
  public static final String IMPORT_INDEX = "IMPORT_INDEX";

  /** String: the imported tag's reference policy, {@code source} or {@code local}. */
  public static final String REFERENCE_POLICY = "REFERENCE_POLICY";

  /** String: an image with OpenShift's {@code oc} and bash. */
  public static final String OC_IMAGE = "OC_IMAGE";

  private Params() {}
}
