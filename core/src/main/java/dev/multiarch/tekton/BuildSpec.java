package dev.multiarch.tekton;

import dev.multiarch.tekton.internal.assembly.PlatformLayout;
import dev.multiarch.tekton.internal.assembly.SpecRules;
import dev.multiarch.tekton.internal.spec.Checks;
import dev.multiarch.tekton.internal.spec.ImageReference;
import dev.multiarch.tekton.tasks.Images;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to generate one multi-arch build: what to build, for which platforms, where the
 * per-arch images go and where the multi-arch image is published. Immutable; change one field with
 * {@link #toBuilder()}.
 *
 * <p>The constructor throws {@link InvalidValueException} if a value is not allowed; its field is
 * the value's path in a spec file, such as {@code metadata.name} or {@code spec.platforms[2]}, and
 * {@link InvalidValueException#path()} its row of {@link SpecField} (every field, its default and
 * meaning: {@code docs/spec.md}).
 *
 * @param name the Pipeline's name; the other resources' names derive from it
 * @param namespace the namespace everything is generated for
 * @param platforms the target platforms, in order
 * @param source where the source comes from
 * @param imageStream where the per-arch images are pushed, and their tag prefix; with a {@code
 *     stagingRepository} only the tag prefix is used
 * @param stagingRepository a repository (host and path, no tag or digest) the per-arch images are
 *     pushed to instead of an ImageStream, for clusters without an internal registry; empty for the
 *     ImageStream
 * @param destination where the multi-arch image is published
 * @param builderImage the qemu-enabled Buildah image of the build and manifest steps; empty for
 *     {@link #defaultBuilderImage()}, which the generated bootstrap Pipeline builds on the cluster
 * @param binfmtImage the tonistiigi/binfmt image that registers emulators
 * @param nodePlatform the platform of the nodes that run the builds; no emulator is installed for
 *     it
 * @param nativePlatforms the platforms built natively on nodes of their own ({@code spec.native});
 *     each one of {@code platforms}, once; never emulated
 * @param placement how emulator registration reaches the build pods
 * @param emulationNodeSelector in placement daemonset, the labels of the nodes that register the
 *     emulators and run the emulated builds; empty otherwise
 * @param format the manifest format of the images and of the list
 * @param cleanupEmulators whether a finally task uninstalls the emulators again
 * @param inlineTasks whether the Pipeline embeds its Tasks ({@code taskSpec}) instead of
 *     referencing Task resources, for one self-contained file
 * @param timeouts how long the builds, the manifest task and the whole run may take
 * @param retries how many times Tekton retries a failed build TaskRun (a flaky emulated step, a
 *     registry hiccup)
 * @param resources what each build pod requests of its node
 * @param workspace the claim behind the shared source workspace (placement same-node)
 * @param serviceAccount an existing ServiceAccount the unprivileged TaskRuns run as instead of the
 *     generated {@code <name>-builder}, such as OpenShift Pipelines' {@code pipeline}; empty for
 *     the generated one
 * @param buildSecret a Secret bound to the builds' {@code build-secrets} workspace, each of its
 *     keys a {@code buildah build --secret id=<key>}; empty for none
 * @param caBundle a ConfigMap of CA certificates (PEM) bound to the {@code ssl-ca-directory}
 *     workspace of every task that talks to git or a registry; empty for none
 * @param proxy the HTTP proxy git and buildah go through; {@link Proxy#none()} for none
 * @param pacMaxKeepRuns the runs of each kind Pipelines-as-Code keeps ({@code max-keep-runs} of
 *     {@link GeneratedPipeline#pacFiles()}), 1 to 9999
 * @param crossCompiled whether the Containerfile runs no instruction on the target platform (every
 *     RUN in a stage {@code FROM --platform=$BUILDPLATFORM}, see {@link Containerfiles}): then no
 *     platform needs an emulator, nothing is registered and nothing is privileged
 * @param cache the builds' registry layer cache; {@link LayerCache#none()} for none
 */
public record BuildSpec(
    String name,
    String namespace,
    List<Platform> platforms,
    Source source,
    ImageStreamTarget imageStream,
    String stagingRepository,
    Destination destination,
    String builderImage,
    String binfmtImage,
    Platform nodePlatform,
    List<NativePlatform> nativePlatforms,
    Placement placement,
    Map<String, String> emulationNodeSelector,
    ImageFormat format,
    boolean cleanupEmulators,
    boolean inlineTasks,
    BuildTimeouts timeouts,
    int retries,
    BuildResources resources,
    WorkspaceClaim workspace,
    String serviceAccount,
    String buildSecret,
    String caBundle,
    Proxy proxy,
    int pacMaxKeepRuns,
    boolean crossCompiled,
    LayerCache cache) {

  /**
   * The name of the Pipeline that builds the default builder image on the cluster: one per
   * namespace and builder version, whatever the spec's name.
   */
  public static final String BOOTSTRAP_PIPELINE = "buildah-qemu-bootstrap";

  /** tonistiigi/binfmt at a pinned QEMU version, never {@code latest}. */
  public static final String DEFAULT_BINFMT_IMAGE = Images.DEFAULT_BINFMT;

  public static final Platform DEFAULT_NODE_PLATFORM = Platform.parse("linux/amd64");

  /**
   * The label the emulator DaemonSet selects build nodes by unless the spec says otherwise; admins
   * set it.
   */
  public static final Map<String, String> DEFAULT_EMULATION_NODE_SELECTOR =
      SpecRules.of(Placement.DAEMONSET)
          .emulationNodeSelector(Map.of(), Placement.DAEMONSET, DEFAULT_NODE_PLATFORM);

  /**
   * The longest name: a PipelineRun's generateName {@code <name>-} gets 5 characters and must fit
   * 63.
   */
  public static final int MAX_NAME = 57;

  /** Retries of a failed build TaskRun unless the spec says otherwise. */
  public static final int DEFAULT_RETRIES = 1;

  public static final int MAX_RETRIES = 5;

  /** Runs of each kind Pipelines-as-Code keeps unless the spec says otherwise. */
  public static final int DEFAULT_PAC_MAX_KEEP_RUNS = 5;

  public BuildSpec {
    name = Checks.dnsLabel("metadata.name", name, MAX_NAME);
    namespace = Checks.dnsLabel("metadata.namespace", namespace, 63);
    platforms = checkPlatforms(platforms);
    if (source == null) {
      source = Source.workspace();
    }
    imageStream = imageStream == null ? ImageStreamTarget.of(name) : imageStream;
    stagingRepository = checkStaging(stagingRepository);
    if (imageStream.importIndex() && !stagingRepository.isEmpty()) {
      throw new InvalidValueException(
          "spec.imageStream.importIndex",
          "true",
          "false with spec.staging.repository: the per-arch images go there, and there is no"
              + " ImageStream to import the multi-arch image into");
    }
    if (destination == null) {
      throw new InvalidValueException(
          "spec.destination.image", "", "an image repository such as quay.io/org/app");
    }
    String defaultBuilder = defaultBuilderImage(namespace, stagingRepository);
    builderImage = builderImage == null || builderImage.isEmpty() ? defaultBuilder : builderImage;
    if (builderImage.equals(defaultBuilder)) {
      checkBootstrapNames(name, imageStream, stagingRepository);
    }
    checkPinned("spec.builderImage", builderImage, "a version tag other than latest, or a digest");
    binfmtImage = binfmtImage == null || binfmtImage.isEmpty() ? DEFAULT_BINFMT_IMAGE : binfmtImage;
    checkPinned(
        "spec.binfmtImage", binfmtImage, "pin a version tag such as qemu-v9.2.2 or a digest");
    nodePlatform = nodePlatform == null ? DEFAULT_NODE_PLATFORM : nodePlatform;
    nativePlatforms = checkNative(nativePlatforms, platforms);
    placement = placement == null ? Placement.SAME_NODE : placement;
    SpecRules rules = SpecRules.of(placement);
    emulationNodeSelector =
        rules.emulationNodeSelector(emulationNodeSelector, placement, nodePlatform);
    format = format == null ? ImageFormat.OCI : format;
    timeouts = timeouts == null ? BuildTimeouts.defaults() : timeouts;
    resources = resources == null ? BuildResources.defaults() : resources;
    workspace = workspace == null ? WorkspaceClaim.defaults() : workspace;
    serviceAccount = Checks.emptyOrDnsSubdomain("spec.serviceAccount", serviceAccount);
    buildSecret = Checks.emptyOrDnsSubdomain("spec.source.buildSecret", buildSecret);
    caBundle = Checks.emptyOrDnsSubdomain("spec.caBundle", caBundle);
    proxy = proxy == null ? Proxy.none() : proxy;
    if (pacMaxKeepRuns < 1 || pacMaxKeepRuns > 9999) {
      throw new InvalidValueException(
          "spec.pac.maxKeepRuns",
          Integer.toString(pacMaxKeepRuns),
          "a whole number of runs, 1 to 9999");
    }
    cache = cache == null ? LayerCache.none() : cache;
    if (retries < 0 || retries > MAX_RETRIES) {
      throw new InvalidValueException(
          "spec.retries", Integer.toString(retries), "0 to " + MAX_RETRIES);
    }
    rules.checkCleanup(
        cleanupEmulators,
        PlatformLayout.of(platforms, nativePlatforms, nodePlatform, crossCompiled).emulates());
    boolean cleanupTask = rules.cleanupTask(cleanupEmulators);
    Duration oneAttempt =
        BuildTimeouts.SETUP
            .plus(timeouts.build())
            .plus(timeouts.manifest())
            .plus(cleanupTask ? BuildTimeouts.SETUP : Duration.ZERO);
    if (timeouts.pipeline() != null && timeouts.pipeline().compareTo(oneAttempt) < 0) {
      throw new InvalidValueException(
          "spec.timeouts.pipeline",
          BuildTimeouts.format(timeouts.pipeline()),
          "at least "
              + BuildTimeouts.format(oneAttempt)
              + ": the setup tasks ("
              + BuildTimeouts.format(BuildTimeouts.SETUP)
              + "), one build (timeouts.build) and the manifest task (timeouts.manifest)"
              + (cleanupTask ? " and the cleanup task" : ""));
    }
  }

  /**
   * The builder image when the spec names none: nobody publishes it, so the generated bootstrap
   * Pipeline builds it into the namespace's ImageStream {@code buildah-qemu} in the internal
   * registry, or with a staging repository into that repository under its own tag (the same push
   * credentials serve both).
   */
  public String defaultBuilderImage() {
    return defaultBuilderImage(namespace, stagingRepository);
  }

  /**
   * Whether the build and manifest steps run the {@link #defaultBuilderImage()}: then generation
   * adds the bootstrap Pipeline that builds it.
   */
  public boolean bootstrapsBuilderImage() {
    return builderImage.equals(defaultBuilderImage());
  }

  private static String defaultBuilderImage(String namespace, String stagingRepository) {
    return stagingRepository == null || stagingRepository.isEmpty()
        ? Images.internalBuilder(namespace)
        : stagingRepository + ":" + Images.stagingBuilderTag();
  }

  // The bootstrap's resources have fixed names; the spec's own must not be the same resources.
  private static void checkBootstrapNames(
      String name, ImageStreamTarget imageStream, String stagingRepository) {
    if (name.equals(BOOTSTRAP_PIPELINE)) {
      throw new InvalidValueException(
          "metadata.name",
          name,
          "another name: "
              + BOOTSTRAP_PIPELINE
              + " is the Pipeline that builds the default builder image");
    }
    if (stagingRepository.isEmpty() && imageStream.name().equals(Images.BUILDER_STREAM)) {
      throw new InvalidValueException(
          "spec.imageStream.name",
          imageStream.name(),
          "another name: "
              + Images.BUILDER_STREAM
              + " is the ImageStream of the default builder image");
    }
  }

  private static String checkStaging(String repository) {
    String text = repository == null ? "" : repository;
    if (!text.isEmpty() && !ImageReference.isRepository(text)) {
      throw new InvalidValueException(
          "spec.staging.repository",
          text,
          "an image repository without tag or digest: a registry host[:port] and a lowercase path, "
              + "such as quay.io/org/app-staging");
    }
    return text;
  }

  /**
   * Whether the unprivileged TaskRuns run as an existing ServiceAccount ({@link #serviceAccount()})
   * rather than a generated one: then neither that account nor its RoleBindings are generated.
   */
  public boolean usesExistingServiceAccount() {
    return !serviceAccount.isEmpty();
  }

  /**
   * Whether the per-arch images go to an ImageStream in the cluster's internal registry (no {@link
   * #stagingRepository()}): then the ImageStream and the builders' push rights on it are generated.
   */
  public boolean usesImageStream() {
    return stagingRepository.isEmpty();
  }

  /**
   * The repository the builds push the per-arch images to: the {@link #stagingRepository()}, or the
   * ImageStream's in the internal registry.
   */
  public String perArchRepository() {
    return usesImageStream() ? imageStream.repository(namespace) : stagingRepository;
  }

  /**
   * The platforms whose builds use the layer cache, in order: the emulated ones, or every one when
   * the cache includes native builds; none without a cache.
   */
  public List<Platform> cachedPlatforms() {
    if (!cache.isSet()) {
      return List.of();
    }
    // Not emulatedPlatforms(): a build decides on its node, by the node's architecture, whether it
    // caches, cross-compiled or not, so every platform the nodes do not run natively is cached.
    return cache.includeNative()
        ? platforms
        : PlatformLayout.of(platforms, nativePlatforms, nodePlatform, false).emulated();
  }

  /**
   * The names of the ImageStreams the layer cache pushes to, one per {@link #cachedPlatforms()},
   * when its repository is an ImageStream of this namespace in the internal registry ({@code
   * <name>-<os>-<arch>[-<variant>]}); empty for a cache elsewhere or none.
   */
  public List<String> cacheImageStreams() {
    String prefix = ImageStreamTarget.INTERNAL_REGISTRY + "/" + namespace + "/";
    String repository = cache.repository();
    if (!repository.startsWith(prefix) || repository.substring(prefix.length()).contains("/")) {
      return List.of();
    }
    return cachedPlatforms().stream()
        .map(p -> cache.repositoryFor(p).substring(prefix.length()))
        .toList();
  }

  // Each native platform is one of the platforms, once; its fields' paths get their place in the
  // list.
  private static List<NativePlatform> checkNative(
      List<NativePlatform> nativePlatforms, List<Platform> platforms) {
    List<NativePlatform> copy = nativePlatforms == null ? List.of() : List.copyOf(nativePlatforms);
    for (int i = 0; i < copy.size(); i++) {
      Platform platform = copy.get(i).platform();
      if (!platforms.contains(platform)) {
        throw new InvalidValueException(
            "spec.native[" + i + "].platform",
            platform.toString(),
            "one of"
                + " spec.platforms: "
                + String.join(", ", platforms.stream().map(Platform::toString).toList()));
      }
      for (int j = 0; j < i; j++) {
        if (copy.get(j).platform().equals(platform)) {
          throw new InvalidValueException(
              "spec.native[" + i + "].platform",
              platform.toString(),
              "each platform once; it is already spec.native[" + j + "]");
        }
      }
    }
    return copy;
  }

  // Each platform at most once also keeps the build's matrix far below Tekton's 256 combinations.
  private static List<Platform> checkPlatforms(List<Platform> platforms) {
    List<Platform> copy = platforms == null ? List.of() : List.copyOf(platforms);
    if (copy.isEmpty()) {
      throw new InvalidValueException(
          "spec.platforms", "[]", "at least one platform, such as linux/amd64");
    }
    for (int i = 0; i < copy.size(); i++) {
      int first = copy.indexOf(copy.get(i));
      if (first < i) {
        throw new InvalidValueException(
            "spec.platforms[" + i + "]",
            copy.get(i).toString(),
            "each platform once; it is already spec.platforms[" + first + "]");
      }
    }
    return copy;
  }

  private static void checkPinned(String field, String image, String pinned) {
    ImageReference ref =
        ImageReference.parse(image)
            .orElseThrow(
                () ->
                    new InvalidValueException(
                        field,
                        image,
                        "an image reference with a registry host, a lowercase path and a tag or digest, "
                            + "such as quay.io/org/image:1.2 or quay.io/org/image@sha256:<64 hex digits>"));
    if (ref.digest().isEmpty() && (ref.tag().isEmpty() || ref.tag().equals("latest"))) {
      throw new InvalidValueException(field, image, "a pinned image: " + pinned);
    }
  }

  /**
   * The retries a text such as {@code 2} gives, as a spec file's {@code retries} is read.
   *
   * @throws InvalidValueException (without a field) if the text is not a whole number from 0 to
   *     {@link #MAX_RETRIES}
   */
  public static int parseRetries(String text) {
    if (!text.matches("[0-9]{1,2}")) {
      throw new InvalidValueException(text, "a whole number of retries, 0 to " + MAX_RETRIES);
    }
    return Integer.parseInt(text);
  }

  /**
   * Parses {@code spec.pac.maxKeepRuns}: a whole number of runs, at least 1.
   *
   * @throws InvalidValueException if it is not one
   */
  public static int parsePacMaxKeepRuns(String text) {
    if (!text.matches("[1-9][0-9]{0,3}")) {
      throw new InvalidValueException(text, "a whole number of runs, 1 to 9999");
    }
    return Integer.parseInt(text);
  }

  /**
   * The PipelineRun's {@code timeouts.pipeline}: the spec's, or by default time for the setup
   * tasks, every attempt of the builds ({@link #retries()} + 1), the manifest task and, with {@link
   * #cleanupEmulators()}, the cleanup.
   */
  public Duration pipelineTimeout() {
    if (timeouts.pipeline() != null) {
      return timeouts.pipeline();
    }
    return BuildTimeouts.SETUP
        .plus(timeouts.build().multipliedBy(retries + 1L))
        .plus(timeouts.manifest())
        .plus(imageStream.importIndex() ? BuildTimeouts.SETUP : Duration.ZERO)
        .plus(
            SpecRules.of(placement).cleanupTask(cleanupEmulators)
                ? BuildTimeouts.SETUP
                : Duration.ZERO);
  }

  /**
   * The platforms that need an emulator on a node of {@link #nodePlatform()}, without repeats:
   * never a native platform, which builds on nodes of its own.
   */
  public List<Platform> emulatedPlatforms() {
    return PlatformLayout.of(platforms, nativePlatforms, nodePlatform, crossCompiled).emulated();
  }

  /** A builder holding this spec's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * A builder with defaults for everything but name, namespace, platforms and destination; the
   * source defaults to the source workspace and the ImageStream to {@code <name>:latest}.
   */
  public static Builder builder() {
    return new Builder(null);
  }

  /** Builds a {@link BuildSpec}; every setter returns the builder. */
  public static final class Builder {
    private String name;
    private String namespace;
    private List<Platform> platforms = List.of();
    private Source source = Source.workspace();
    private ImageStreamTarget imageStream;
    private String stagingRepository;
    private Destination destination;
    private String builderImage;
    private String binfmtImage;
    private Platform nodePlatform;
    private List<NativePlatform> nativePlatforms = List.of();
    private Placement placement;
    private Map<String, String> emulationNodeSelector = Map.of();
    private ImageFormat format;
    private boolean cleanupEmulators;
    private boolean inlineTasks;
    private BuildTimeouts timeouts;
    private int retries = DEFAULT_RETRIES;
    private BuildResources resources;
    private WorkspaceClaim workspace;
    private String serviceAccount;
    private String buildSecret;
    private String caBundle;
    private Proxy proxy;
    private int pacMaxKeepRuns = DEFAULT_PAC_MAX_KEEP_RUNS;
    private boolean crossCompiled;
    private LayerCache cache;

    private Builder(BuildSpec from) {
      if (from != null) {
        name = from.name;
        namespace = from.namespace;
        platforms = from.platforms;
        source = from.source;
        imageStream = from.imageStream;
        stagingRepository = from.stagingRepository;
        destination = from.destination;
        // The default follows the namespace and staging repository a builder may change.
        builderImage = from.bootstrapsBuilderImage() ? null : from.builderImage;
        binfmtImage = from.binfmtImage;
        nodePlatform = from.nodePlatform;
        nativePlatforms = from.nativePlatforms;
        placement = from.placement;
        // The default belongs to placement daemonset only; a builder switching placement must not
        // carry it over.
        emulationNodeSelector =
            from.emulationNodeSelector.equals(DEFAULT_EMULATION_NODE_SELECTOR)
                ? Map.of()
                : from.emulationNodeSelector;
        format = from.format;
        cleanupEmulators = from.cleanupEmulators;
        inlineTasks = from.inlineTasks;
        timeouts = from.timeouts;
        retries = from.retries;
        resources = from.resources;
        workspace = from.workspace;
        serviceAccount = from.serviceAccount;
        buildSecret = from.buildSecret;
        caBundle = from.caBundle;
        proxy = from.proxy;
        pacMaxKeepRuns = from.pacMaxKeepRuns;
        crossCompiled = from.crossCompiled;
        cache = from.cache;
      }
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder platforms(List<Platform> platforms) {
      this.platforms = platforms;
      return this;
    }

    public Builder source(Source source) {
      this.source = source;
      return this;
    }

    public Builder imageStream(ImageStreamTarget imageStream) {
      this.imageStream = imageStream;
      return this;
    }

    /**
     * The repository the per-arch images go to instead of an ImageStream; null or empty for the
     * ImageStream.
     */
    public Builder stagingRepository(String stagingRepository) {
      this.stagingRepository = stagingRepository;
      return this;
    }

    public Builder destination(Destination destination) {
      this.destination = destination;
      return this;
    }

    public Builder builderImage(String builderImage) {
      this.builderImage = builderImage;
      return this;
    }

    public Builder binfmtImage(String binfmtImage) {
      this.binfmtImage = binfmtImage;
      return this;
    }

    public Builder nodePlatform(Platform nodePlatform) {
      this.nodePlatform = nodePlatform;
      return this;
    }

    /** The natively built platforms ({@code spec.native}). */
    public Builder nativePlatforms(List<NativePlatform> nativePlatforms) {
      this.nativePlatforms = nativePlatforms;
      return this;
    }

    public Builder placement(Placement placement) {
      this.placement = placement;
      return this;
    }

    /**
     * The labels of the emulator DaemonSet's nodes (placement daemonset); empty for the default.
     */
    public Builder emulationNodeSelector(Map<String, String> emulationNodeSelector) {
      this.emulationNodeSelector = emulationNodeSelector;
      return this;
    }

    public Builder format(ImageFormat format) {
      this.format = format;
      return this;
    }

    public Builder cleanupEmulators(boolean cleanupEmulators) {
      this.cleanupEmulators = cleanupEmulators;
      return this;
    }

    public Builder inlineTasks(boolean inlineTasks) {
      this.inlineTasks = inlineTasks;
      return this;
    }

    public Builder timeouts(BuildTimeouts timeouts) {
      this.timeouts = timeouts;
      return this;
    }

    public Builder retries(int retries) {
      this.retries = retries;
      return this;
    }

    public Builder resources(BuildResources resources) {
      this.resources = resources;
      return this;
    }

    /**
     * An existing ServiceAccount for the unprivileged TaskRuns, such as {@code pipeline}; null or
     * empty for the generated {@code <name>-builder}.
     */
    public Builder serviceAccount(String serviceAccount) {
      this.serviceAccount = serviceAccount;
      return this;
    }

    /**
     * A Secret bound to the builds' {@code build-secrets} workspace, such as {@code npm-token};
     * null or empty for none.
     */
    public Builder buildSecret(String buildSecret) {
      this.buildSecret = buildSecret;
      return this;
    }

    /**
     * A ConfigMap of CA certificates (PEM) that git and buildah trust besides the system ones, such
     * as OpenShift's injected {@code config-trusted-cabundle}; null or empty for none.
     */
    public Builder caBundle(String caBundle) {
      this.caBundle = caBundle;
      return this;
    }

    /** The runs of each kind Pipelines-as-Code keeps, 1 to 9999. */
    public Builder pacMaxKeepRuns(int pacMaxKeepRuns) {
      this.pacMaxKeepRuns = pacMaxKeepRuns;
      return this;
    }

    /** The HTTP proxy git and buildah go through; null for none. */
    public Builder proxy(Proxy proxy) {
      this.proxy = proxy;
      return this;
    }

    /** The builds' registry layer cache; null for none. */
    public Builder cache(LayerCache cache) {
      this.cache = cache;
      return this;
    }

    /** The layer cache set so far: {@link LayerCache#none()} unless one was set. */
    public LayerCache cache() {
      return cache == null ? LayerCache.none() : cache;
    }

    /** The proxy set so far: {@link Proxy#none()} unless one was set. */
    public Proxy proxy() {
      return proxy == null ? Proxy.none() : proxy;
    }

    /**
     * The Containerfile runs no instruction on the target platform: no platform needs an emulator.
     */
    public Builder crossCompiled(boolean crossCompiled) {
      this.crossCompiled = crossCompiled;
      return this;
    }

    /** The claim behind the shared source workspace (placement same-node). */
    public Builder workspace(WorkspaceClaim workspace) {
      this.workspace = workspace;
      return this;
    }

    /** The workspace claim set so far: the defaults unless one was set. */
    public WorkspaceClaim workspace() {
      return workspace == null ? WorkspaceClaim.defaults() : workspace;
    }

    /** The name set so far; null if none. */
    public String name() {
      return name;
    }

    /** The source set so far: the source workspace unless one was set. */
    public Source source() {
      return source == null ? Source.workspace() : source;
    }

    /** The ImageStream set so far; null for {@code <name>:latest}. */
    public ImageStreamTarget imageStream() {
      return imageStream;
    }

    /** The destination set so far; null if none. */
    public Destination destination() {
      return destination;
    }

    /** The emulation node selector set so far; empty for the default of placement daemonset. */
    public Map<String, String> emulationNodeSelector() {
      return emulationNodeSelector == null ? Map.of() : emulationNodeSelector;
    }

    /** The timeouts set so far: the defaults unless some were set. */
    public BuildTimeouts timeouts() {
      return timeouts == null ? BuildTimeouts.defaults() : timeouts;
    }

    /** The build resources set so far: the defaults unless some were set. */
    public BuildResources resources() {
      return resources == null ? BuildResources.defaults() : resources;
    }

    /** The spec; invalid values throw {@link InvalidValueException}. */
    public BuildSpec build() {
      return new BuildSpec(
          name,
          namespace,
          platforms,
          source,
          imageStream,
          stagingRepository,
          destination,
          builderImage,
          binfmtImage,
          nodePlatform,
          nativePlatforms,
          placement,
          emulationNodeSelector,
          format,
          cleanupEmulators,
          inlineTasks,
          timeouts,
          retries,
          resources,
          workspace,
          serviceAccount,
          buildSecret,
          caBundle,
          proxy,
          pacMaxKeepRuns,
          crossCompiled,
          cache);
    }
  }
}
