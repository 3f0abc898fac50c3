package dev.multiarch.tekton.internal.assembly;

import static dev.multiarch.tekton.internal.assembly.Names.DOCKERCONFIG_WORKSPACE;
import static dev.multiarch.tekton.internal.assembly.Names.MANIFEST_TASK;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.tasks.BuilderImageTask;
import dev.multiarch.tekton.tasks.Images;
import dev.multiarch.tekton.tasks.ManifestTask;
import dev.multiarch.tekton.tasks.Params;
import dev.multiarch.tekton.tasks.References;
import dev.multiarch.tekton.tasks.Results;
import dev.multiarch.tekton.tasks.Workspaces;
import io.fabric8.kubernetes.api.model.Duration;
import io.fabric8.openshift.api.model.ImageStream;
import io.fabric8.openshift.api.model.ImageStreamBuilder;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamBuilder;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineBuilder;
import io.fabric8.tekton.v1.PipelineResultBuilder;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunBuilder;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.PipelineTaskRunSpec;
import io.fabric8.tekton.v1.PipelineTaskRunSpecBuilder;
import io.fabric8.tekton.v1.PipelineWorkspaceDeclarationBuilder;
import io.fabric8.tekton.v1.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bootstrap that builds the default builder image on the cluster: one {@code
 * multiarch-builder-image} task per node platform (the nodePlatform and each native platform: the
 * only architectures that run steps), each pinned to nodes of its platform and never emulated, then
 * {@code multiarch-manifest} joining them under the builder image's tag. Its names are fixed (one
 * bootstrap per namespace and builder version), so every spec of a namespace generates the same
 * bootstrap resources, its platforms aside.
 */
public final class BootstrapAssembler {

  /** The PipelineRun's file name in an output folder. */
  public static final String PIPELINE_RUN_FILE =
      "pipelinerun-" + BuildSpec.BOOTSTRAP_PIPELINE + ".yaml";

  private final BuildSpec spec;
  private final List<NativePlatform> nodePlatforms;
  private final TaskWiring wiring;

  public BootstrapAssembler(BuildSpec spec) {
    this.spec = spec;
    this.nodePlatforms = nodePlatforms(spec);
    this.wiring = new TaskWiring(spec, tasks(spec));
  }

  /**
   * The platforms whose nodes run steps, each once: nodePlatform first (pinned as the spec's native
   * entry for it says, if there is one), then the native platforms.
   */
  static List<NativePlatform> nodePlatforms(BuildSpec spec) {
    Map<Platform, NativePlatform> platforms = new LinkedHashMap<>();
    platforms.put(spec.nodePlatform(), NativePlatform.of(spec.nodePlatform()));
    spec.nativePlatforms().forEach(n -> platforms.put(n.platform(), n));
    return List.copyOf(platforms.values());
  }

  /** The build task of one node platform: {@code build-<os>-<arch>[-<variant>]}. */
  public static String buildTaskName(Platform platform) {
    return "build-" + platform.tagSuffix();
  }

  /** The Tasks the bootstrap Pipeline runs, in the spec's namespace. */
  public static List<Task> tasks(BuildSpec spec) {
    return List.of(BuilderImageTask.create(), ManifestTask.create()).stream()
        .map(
            task ->
                task.edit().editMetadata().withNamespace(spec.namespace()).endMetadata().build())
        .toList();
  }

  /** The ImageStream the builder image is pushed to; none with a staging repository. */
  public Optional<ImageStream> imageStream() {
    if (!spec.usesImageStream()) {
      return Optional.empty();
    }
    return Optional.of(
        new ImageStreamBuilder()
            .withNewMetadata()
            .withName(Images.BUILDER_STREAM)
            .withNamespace(spec.namespace())
            .withLabels(labels())
            .endMetadata()
            .withNewSpec()
            .withNewLookupPolicy()
            .withLocal(false)
            .endLookupPolicy()
            .endSpec()
            .build());
  }

  public Pipeline pipeline() {
    List<PipelineTask> tasks = new ArrayList<>();
    List<String> refs = new ArrayList<>();
    for (NativePlatform platform : nodePlatforms) {
      String name = buildTaskName(platform.platform());
      tasks.add(
          wiring
              .task(name, BuilderImageTask.NAME, spec.timeouts().build())
              .withParams(
                  TaskWiring.literal(Params.PLATFORM, platform.platform().toString()),
                  TaskWiring.pass(Params.IMAGE, false),
                  TaskWiring.pass(Params.TAG, false),
                  TaskWiring.pass(Params.FORMAT, false),
                  TaskWiring.pass(Params.TLS_VERIFY, false),
                  TaskWiring.pass(Params.BUILDAH_IMAGE, false))
              .addAllToParams(proxyParams())
              .withWorkspaces(
                  TaskWiring.bind(Workspaces.DOCKERCONFIG, DOCKERCONFIG_WORKSPACE),
                  TaskWiring.trust())
              .build());
      refs.add(References.result(name, Results.IMAGE_REF));
    }
    tasks.add(
        wiring
            .task(MANIFEST_TASK, ManifestTask.NAME, spec.timeouts().manifest())
            .withParams(
                new ParamBuilder()
                    .withName(Params.IMAGE_REFS)
                    .withValue(new ParamValue(refs))
                    .build(),
                new ParamBuilder()
                    .withName(Params.DESTINATION)
                    .withValue(new ParamValue(References.param(Params.IMAGE)))
                    .build(),
                new ParamBuilder()
                    .withName(Params.DESTINATION_TAGS)
                    .withValue(new ParamValue(References.param(Params.TAG)))
                    .build(),
                TaskWiring.pass(Params.FORMAT, false),
                TaskWiring.pass(Params.TLS_VERIFY, false),
                new ParamBuilder()
                    .withName(Params.BUILDER_IMAGE)
                    .withValue(new ParamValue(References.param(Params.BUILDAH_IMAGE)))
                    .build())
            .addAllToParams(proxyParams())
            .withWorkspaces(
                TaskWiring.bind(Workspaces.DOCKERCONFIG, DOCKERCONFIG_WORKSPACE),
                TaskWiring.trust())
            .build());
    return new PipelineBuilder()
        .withNewMetadata()
        .withName(BuildSpec.BOOTSTRAP_PIPELINE)
        .withNamespace(spec.namespace())
        .withLabels(labels())
        .endMetadata()
        .withNewSpec()
        .withDisplayName("multiarch-tekton builder image")
        .withDescription(
            "Builds multiarch-tekton's builder image from containers/Containerfile with "
                + Images.BUILDAH_BASE
                + ", natively on nodes of each platform, and publishes it as one multi-arch image,"
                + " the default builder image of the namespace's multiarch-tekton Pipelines. Run it"
                + " once per namespace and builder version.")
        .withParams(
            TaskWiring.string(
                Params.IMAGE, repository(), "Repository the builder image is published to."),
            TaskWiring.string(
                Params.TAG,
                tag(),
                "The builder image's tag; each platform's image is <TAG>-<os>-<arch>[-<variant>]."),
            TaskWiring.string(
                Params.FORMAT, spec.format().text(), "Manifest format of the images and list."),
            TaskWiring.string(Params.TLS_VERIFY, "true", "Verify registries' TLS certificates."),
            TaskWiring.string(
                Params.BUILDAH_IMAGE,
                Images.BUILDAH_BASE,
                "The plain buildah image that builds the builder image, its base."),
            TaskWiring.string(
                Params.HTTP_PROXY,
                spec.proxy().httpProxy(),
                "Proxy of buildah's plain-HTTP requests; empty for none."),
            TaskWiring.string(
                Params.HTTPS_PROXY,
                spec.proxy().httpsProxy(),
                "Proxy of buildah's HTTPS requests; empty for none."),
            TaskWiring.string(
                Params.NO_PROXY,
                spec.proxy().noProxy(),
                "Comma-separated hosts, .domains and CIDRs reached without the proxy."))
        .withWorkspaces(
            new PipelineWorkspaceDeclarationBuilder()
                .withName(DOCKERCONFIG_WORKSPACE)
                .withDescription("A docker config secret with push credentials for IMAGE.")
                .withOptional(true)
                .build(),
            new PipelineWorkspaceDeclarationBuilder()
                .withName(Names.SSL_CA_DIRECTORY_WORKSPACE)
                .withDescription(
                    "Optional: a ConfigMap of CA certificates (PEM) that buildah trusts besides the"
                        + " system ones.")
                .withOptional(true)
                .build())
        .withTasks(tasks)
        .withResults(
            new PipelineResultBuilder()
                .withName(Results.IMAGE_DIGEST)
                .withDescription("Digest of the builder image's manifest list.")
                .withValue(new ParamValue(References.result(MANIFEST_TASK, Results.IMAGE_DIGEST)))
                .build(),
            new PipelineResultBuilder()
                .withName(Results.IMAGE_URL)
                .withDescription("The builder image by its tag.")
                .withValue(new ParamValue(References.result(MANIFEST_TASK, Results.IMAGE_URL)))
                .build())
        .endSpec()
        .build();
  }

  /**
   * The PipelineRun, created once ({@code generateName}): every build pinned to its platform's
   * nodes, nothing privileged, the builder ServiceAccount that pushes the per-arch images.
   */
  public PipelineRun pipelineRun() {
    List<PipelineTaskRunSpec> taskRunSpecs =
        nodePlatforms.stream()
            .map(
                p ->
                    new PipelineTaskRunSpecBuilder()
                        .withPipelineTaskName(buildTaskName(p.platform()))
                        .withPodTemplate(PipelineRunAssembler.pinned(p))
                        .build())
            .toList();
    return new PipelineRunBuilder()
        .withNewMetadata()
        .withGenerateName(BuildSpec.BOOTSTRAP_PIPELINE + "-")
        .withNamespace(spec.namespace())
        .withLabels(labels())
        .endMetadata()
        .withNewSpec()
        .withNewPipelineRef()
        .withName(BuildSpec.BOOTSTRAP_PIPELINE)
        .endPipelineRef()
        .withNewTaskRunTemplate()
        .withServiceAccountName(Names.of(spec).builderAccount())
        .withPodTemplate(PipelineRunAssembler.pinned(NativePlatform.of(spec.nodePlatform())))
        .endTaskRunTemplate()
        .withTaskRunSpecs(taskRunSpecs)
        .withNewTimeouts()
        .withPipeline(new Duration(spec.timeouts().build().plus(spec.timeouts().manifest())))
        .endTimeouts()
        .withWorkspaces(PipelineRunAssembler.dockerconfig(spec))
        .addAllToWorkspaces(PipelineRunAssembler.caBundle(spec))
        .endSpec()
        .build();
  }

  /** The Pipeline's proxy params, passed on to each task. */
  private static List<Param> proxyParams() {
    return Params.PROXY.stream().map(name -> TaskWiring.pass(name, false)).toList();
  }

  private String repository() {
    return spec.usesImageStream()
        ? Images.internalBuilderRepository(spec.namespace())
        : spec.stagingRepository();
  }

  private String tag() {
    return spec.usesImageStream() ? Images.BUILDER_TAG : Images.stagingBuilderTag();
  }

  private static Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>();
    labels.put("app.kubernetes.io/name", BuildSpec.BOOTSTRAP_PIPELINE);
    labels.put("app.kubernetes.io/part-of", Labels.PART_OF);
    labels.put("app.kubernetes.io/managed-by", Labels.PART_OF);
    return labels;
  }
}
