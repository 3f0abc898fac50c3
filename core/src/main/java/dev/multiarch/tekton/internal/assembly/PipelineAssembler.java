package dev.multiarch.tekton.internal.assembly;

import static dev.multiarch.tekton.internal.assembly.Names.BUILD_SECRETS_WORKSPACE;
import static dev.multiarch.tekton.internal.assembly.Names.BUILD_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.DOCKERCONFIG_WORKSPACE;
import static dev.multiarch.tekton.internal.assembly.Names.IMPORT_INDEX_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.MANIFEST_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.RESOLVE_TASK;
import static dev.multiarch.tekton.internal.assembly.Names.SOURCE_WORKSPACE;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.BuildTimeouts;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.tasks.BuildTask;
import dev.multiarch.tekton.tasks.ImportIndexTask;
import dev.multiarch.tekton.tasks.ManifestTask;
import dev.multiarch.tekton.tasks.Params;
import dev.multiarch.tekton.tasks.References;
import dev.multiarch.tekton.tasks.ResolveCommitTask;
import dev.multiarch.tekton.tasks.Results;
import dev.multiarch.tekton.tasks.Workspaces;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamBuilder;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineBuilder;
import io.fabric8.tekton.v1.PipelineResult;
import io.fabric8.tekton.v1.PipelineResultBuilder;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.PipelineTaskBuilder;
import io.fabric8.tekton.v1.PipelineWorkspaceDeclaration;
import io.fabric8.tekton.v1.PipelineWorkspaceDeclarationBuilder;
import io.fabric8.tekton.v1.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Wires the Tasks into the Pipeline: the commit resolved first, the placement's setup (binfmt in
 * same-node), the build fanned out with {@code matrix} over PLATFORMS, one pinned build per native
 * platform, the manifest task fed by every build's IMAGE_REF in the spec's platform order, and the
 * placement's finally tasks. Every value has a default taken from the spec, so a run needs no
 * params; every pipeline task has its own timeout, since Tekton otherwise gives its TaskRun the
 * default 60 minutes.
 */
public final class PipelineAssembler {

  private final BuildSpec spec;
  private final PlacementMode placement;
  private final PlatformLayout layout;
  private final Names names;
  private final TaskWiring wiring;

  /**
   * Assembles the Pipeline of {@code spec} that runs {@code tasks} (referenced, or embedded when
   * inlined).
   */
  public PipelineAssembler(BuildSpec spec, PlacementMode placement, List<Task> tasks) {
    this.spec = spec;
    this.placement = placement;
    this.layout = placement.layout();
    this.names = Names.of(spec);
    this.wiring = new TaskWiring(spec, tasks);
  }

  public Pipeline assemble() {
    List<PipelineTask> tasks = new ArrayList<>();
    tasks.add(resolveTask());
    tasks.addAll(placement.setupTasks(wiring));
    if (layout.hasMatrix()) {
      tasks.add(matrixBuildTask());
    }
    layout.natives().forEach(n -> tasks.add(nativeBuildTask(n)));
    tasks.add(manifestTask());
    if (spec.imageStream().importIndex()) {
      tasks.add(importIndexTask());
    }

    return new PipelineBuilder()
        .withNewMetadata()
        .withName(names.pipeline())
        .withNamespace(spec.namespace())
        .withLabels(Labels.of(spec))
        .withAnnotations(Map.of("multiarch-tekton.dev/placement", spec.placement().text()))
        .endMetadata()
        .withNewSpec()
        .withDisplayName(spec.name() + " multi-arch image")
        .withDescription(description())
        .withParams(params())
        .withWorkspaces(workspaces())
        .withTasks(tasks)
        .withFinally(placement.finallyTasks(wiring))
        .withResults(results())
        .endSpec()
        .build();
  }

  private String description() {
    String natives =
        layout.natives().stream()
            .map(n -> n.platform().toString())
            .collect(Collectors.joining(", "));
    String platforms =
        layout.matrix().isEmpty()
            ? natives + " natively"
            : String.join(", ", layout.matrix().stream().map(Platform::toString).toList())
                + " with "
                + placement.emulation()
                + (natives.isEmpty() ? "" : " and " + natives + " natively");
    return "Builds "
        + spec.destination().repository()
        + " for "
        + platforms
        + " and publishes one multi-arch image.";
  }

  private List<PipelineWorkspaceDeclaration> workspaces() {
    List<PipelineWorkspaceDeclaration> workspaces = new ArrayList<>();
    workspaces.add(
        new PipelineWorkspaceDeclarationBuilder()
            .withName(SOURCE_WORKSPACE)
            .withDescription(placement.sourceDescription())
            .build());
    placement
        .nativeSourceWorkspace()
        .ifPresent(
            name ->
                workspaces.add(
                    new PipelineWorkspaceDeclarationBuilder()
                        .withName(name)
                        .withDescription(
                            "Where each native build clones its source, an emptyDir: the shared source"
                                + " volume would pull the native builds onto the emulating node.")
                        .build()));
    workspaces.add(
        new PipelineWorkspaceDeclarationBuilder()
            .withName(DOCKERCONFIG_WORKSPACE)
            .withDescription(
                "A docker config secret with registry credentials (pulls of FROM images and pushes),"
                    + " merged over the ServiceAccount's.")
            .withOptional(true)
            .build());
    workspaces.add(
        new PipelineWorkspaceDeclarationBuilder()
            .withName(BUILD_SECRETS_WORKSPACE)
            .withDescription(
                "A Secret whose keys the builds pass as buildah build --secret id=<key>.")
            .withOptional(true)
            .build());
    workspaces.add(
        new PipelineWorkspaceDeclarationBuilder()
            .withName(Names.SSL_CA_DIRECTORY_WORKSPACE)
            .withDescription(
                "Optional: a ConfigMap of CA certificates (PEM) that git and buildah trust besides"
                    + " the system ones.")
            .withOptional(true)
            .build());
    workspaces.add(
        new PipelineWorkspaceDeclarationBuilder()
            .withName(Names.BASIC_AUTH_WORKSPACE)
            .withDescription(
                "Optional: .gitconfig and .git-credentials for a private git repository over"
                    + " HTTPS (Pipelines-as-Code's git_auth_secret fits).")
            .withOptional(true)
            .build());
    workspaces.add(
        new PipelineWorkspaceDeclarationBuilder()
            .withName(Names.SSH_DIRECTORY_WORKSPACE)
            .withDescription(
                "Optional: an ssh private key, known_hosts and an optional config for a private"
                    + " git repository over ssh.")
            .withOptional(true)
            .build());
    return workspaces;
  }

  /**
   * What the run made: the image for people and Tekton Chains, and the source Chains records as its
   * material.
   */
  private static List<PipelineResult> results() {
    return List.of(
        result(
            "IMAGE_DIGEST",
            "Digest of the multi-arch image (manifest list) at the destination.",
            MANIFEST_TASK,
            Results.IMAGE_DIGEST),
        result(
            "IMAGE_URL",
            "The multi-arch image at its first destination tag.",
            MANIFEST_TASK,
            Results.IMAGE_URL),
        result(
            "IMAGES",
            "Every per-platform image of the list at the destination, repo@sha256:..., comma-separated.",
            MANIFEST_TASK,
            Results.IMAGES),
        result(
            "CHAINS-GIT_URL",
            "The git repository built, without credentials; empty for a workspace source.",
            RESOLVE_TASK,
            Results.URL),
        result(
            "CHAINS-GIT_COMMIT",
            "The commit every platform built; empty for a workspace source.",
            RESOLVE_TASK,
            Results.COMMIT));
  }

  private static PipelineResult result(
      String name, String description, String task, String taskResult) {
    return new PipelineResultBuilder()
        .withName(name)
        .withDescription(description)
        .withValue(new ParamValue(References.result(task, taskResult)))
        .build();
  }

  private List<ParamSpec> params() {
    List<ParamSpec> params = new ArrayList<>();
    if (layout.hasMatrix()) {
      params.add(
          TaskWiring.array(
              Params.PLATFORMS,
              layout.matrix().stream().map(Platform::toString).toList(),
              layout.natives().isEmpty()
                  ? "Target platforms; each gets one build TaskRun."
                  : "Platforms of the build task, each one TaskRun; native platforms build in tasks of their own."));
    }
    params.add(
        TaskWiring.string(
            Params.GIT_URL,
            spec.source().gitUrl(),
            "Git repository to build; empty builds what the source workspace holds."));
    params.add(
        TaskWiring.string(
            Params.GIT_REVISION,
            spec.source().gitRevision(),
            "Branch, tag or commit; empty for the default branch."));
    params.add(
        TaskWiring.string(
            Params.CONTEXT,
            spec.source().context(),
            "Build context, relative to the source root."));
    params.add(
        TaskWiring.string(
            Params.CONTAINERFILE,
            spec.source().containerfile(),
            "Containerfile, relative to the context."));
    params.add(
        TaskWiring.array(
            Params.BUILD_ARGS,
            spec.source().buildArgs().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList(),
            "Build arguments, KEY=VALUE each."));
    params.add(
        TaskWiring.string(
            Params.IMAGE,
            spec.perArchRepository(),
            spec.usesImageStream()
                ? "Repository of the per-arch images (the ImageStream in the internal registry)."
                : "Repository of the per-arch images (the staging repository)."));
    params.add(
        TaskWiring.string(
            Params.TAG,
            spec.imageStream().tag(),
            "Per-arch images are tagged <TAG>-<os>-<arch>[-<variant>]."));
    params.add(
        TaskWiring.string(
            Params.DESTINATION,
            spec.destination().repository(),
            "Repository the multi-arch image is published to."));
    params.add(
        TaskWiring.string(
            Params.DESTINATION_TAGS,
            String.join(" ", spec.destination().tags()),
            "Tags of the multi-arch image, separated by spaces."));
    params.add(
        TaskWiring.string(
            Params.FORMAT,
            spec.format().text(),
            "Manifest format of every image and of the list."));
    params.add(
        TaskWiring.string(Params.TLS_VERIFY, "true", "Verify registries' TLS certificates."));
    params.add(
        TaskWiring.string(
            Params.BUILDER_IMAGE, spec.builderImage(), "Buildah image with qemu-user-static."));
    params.add(
        TaskWiring.string(
            Params.HTTP_PROXY,
            spec.proxy().httpProxy(),
            "Proxy of plain-HTTP requests of git and buildah; empty for none."));
    params.add(
        TaskWiring.string(
            Params.HTTPS_PROXY,
            spec.proxy().httpsProxy(),
            "Proxy of HTTPS requests of git and buildah; empty for none."));
    params.add(
        TaskWiring.string(
            Params.NO_PROXY,
            spec.proxy().noProxy(),
            "Comma-separated hosts, .domains and CIDRs reached without the proxy."));
    if (spec.imageStream().importIndex()) {
      params.add(
          TaskWiring.string(
              Params.IMPORT_INDEX,
              "true",
              "Import the multi-arch image into ImageStream tag "
                  + spec.imageStream().name()
                  + ":"
                  + spec.imageStream().tag()
                  + " after the push: true or false."));
    }
    params.addAll(placement.params());
    if (spec.cache().isSet()) {
      params.add(
          TaskWiring.string(
              Params.CACHE_REPOSITORY,
              spec.cache().repository(),
              "Layer cache of the builds; each cached platform uses"
                  + " <CACHE_REPOSITORY>-<os>-<arch>[-<variant>]."));
      params.add(
          TaskWiring.string(
              Params.CACHE_NATIVE,
              Boolean.toString(spec.cache().includeNative()),
              "Whether native builds use the layer cache too."));
    }
    return params;
  }

  private PipelineTask resolveTask() {
    return wiring
        .task(RESOLVE_TASK, ResolveCommitTask.NAME, BuildTimeouts.SETUP)
        .withParams(
            TaskWiring.pass(Params.GIT_URL, false),
            TaskWiring.pass(Params.GIT_REVISION, false),
            TaskWiring.pass(Params.BUILDER_IMAGE, false))
        .withWorkspaces(TaskWiring.gitCredentials())
        .addToWorkspaces(TaskWiring.trust())
        .addAllToParams(proxyParams())
        .build();
  }

  /**
   * The params every build gets, matrixed or native: source, images, the one resolved commit, and
   * the layer cache when the spec has one.
   */
  private List<Param> buildParams() {
    List<Param> params = commonBuildParams();
    if (spec.cache().isSet()) {
      params.add(TaskWiring.pass(Params.CACHE_REPOSITORY, false));
      params.add(TaskWiring.pass(Params.CACHE_NATIVE, false));
    }
    return params;
  }

  private static List<Param> commonBuildParams() {
    return new ArrayList<>(
        List.of(
            TaskWiring.pass(Params.IMAGE, false),
            TaskWiring.pass(Params.TAG, false),
            TaskWiring.pass(Params.GIT_URL, false),
            TaskWiring.pass(Params.GIT_REVISION, false),
            TaskWiring.resultParam(Params.GIT_COMMIT, RESOLVE_TASK, Results.COMMIT),
            TaskWiring.pass(Params.CONTEXT, false),
            TaskWiring.pass(Params.CONTAINERFILE, false),
            TaskWiring.pass(Params.BUILD_ARGS, true),
            TaskWiring.pass(Params.FORMAT, false),
            TaskWiring.pass(Params.TLS_VERIFY, false),
            TaskWiring.pass(Params.BUILDER_IMAGE, false),
            TaskWiring.pass(Params.HTTP_PROXY, false),
            TaskWiring.pass(Params.HTTPS_PROXY, false),
            TaskWiring.pass(Params.NO_PROXY, false)));
  }

  /** The Pipeline's proxy params, passed on to a Task whose steps talk to git or a registry. */
  private static List<Param> proxyParams() {
    return Params.PROXY.stream().map(name -> TaskWiring.pass(name, false)).toList();
  }

  /** Timeout and retries, alike for every build. */
  private PipelineTaskBuilder build(String name, String taskName) {
    return wiring
        .task(name, taskName, spec.timeouts().build())
        .withRetries(spec.retries() == 0 ? null : spec.retries());
  }

  private PipelineTask matrixBuildTask() {
    List<Param> params = buildParams();
    params.addAll(placement.matrixBuildParams());
    String taskName = placement.matrixBuildTaskResource().getMetadata().getName();
    PipelineTaskBuilder build =
        build(BUILD_TASK, taskName)
            .withNewMatrix()
            .addNewParam()
            .withName(Params.PLATFORM)
            .withValue(new ParamValue(References.arrayParam(Params.PLATFORMS)))
            .endParam()
            .endMatrix()
            .withParams(params)
            .withWorkspaces(
                TaskWiring.bind(Workspaces.SOURCE, SOURCE_WORKSPACE),
                TaskWiring.bind(Workspaces.DOCKERCONFIG, DOCKERCONFIG_WORKSPACE),
                TaskWiring.bind(Workspaces.BUILD_SECRETS, BUILD_SECRETS_WORKSPACE),
                TaskWiring.trust())
            .addAllToWorkspaces(TaskWiring.gitCredentials());
    List<String> runAfter = placement.matrixBuildRunAfter();
    if (!runAfter.isEmpty()) {
      build.withRunAfter(runAfter);
    }
    return build.build();
  }

  /** A native platform's build: the plain build Task, its platform fixed, nothing registered. */
  private PipelineTask nativeBuildTask(NativePlatform platform) {
    List<Param> params = buildParams();
    params.add(0, TaskWiring.literal(Params.PLATFORM, platform.platform().toString()));
    return build(PlatformLayout.nativeTaskName(platform.platform()), BuildTask.NAME)
        .withParams(params)
        .withWorkspaces(
            TaskWiring.bind(
                Workspaces.SOURCE, placement.nativeSourceWorkspace().orElse(SOURCE_WORKSPACE)),
            TaskWiring.bind(Workspaces.DOCKERCONFIG, DOCKERCONFIG_WORKSPACE),
            TaskWiring.bind(Workspaces.BUILD_SECRETS, BUILD_SECRETS_WORKSPACE),
            TaskWiring.trust())
        .addAllToWorkspaces(TaskWiring.gitCredentials())
        .build();
  }

  private PipelineTask manifestTask() {
    return wiring
        .task(MANIFEST_TASK, ManifestTask.NAME, spec.timeouts().manifest())
        .withParams(manifestParams())
        .withWorkspaces(
            TaskWiring.bind(Workspaces.DOCKERCONFIG, DOCKERCONFIG_WORKSPACE), TaskWiring.trust())
        .build();
  }

  /**
   * After the push: the published index, by the manifest task's digest, into the ImageStream tag of
   * the release; its check expects every platform of the spec.
   */
  private PipelineTask importIndexTask() {
    return wiring
        .task(IMPORT_INDEX_TASK, ImportIndexTask.NAME, BuildTimeouts.SETUP)
        .withParams(
            TaskWiring.literal(Params.IMAGE_STREAM, spec.imageStream().name()),
            TaskWiring.pass(Params.TAG, false),
            TaskWiring.pass(Params.DESTINATION, false),
            TaskWiring.resultParam(Params.IMAGE_DIGEST, MANIFEST_TASK, Results.IMAGE_DIGEST),
            new ParamBuilder()
                .withName(Params.PLATFORMS)
                .withValue(new ParamValue(builtPlatforms()))
                .build(),
            TaskWiring.pass(Params.IMPORT_INDEX, false))
        .build();
  }

  /**
   * Every platform built: the matrix's PLATFORMS param whole, then each native platform, as the
   * manifest task gets their images.
   */
  private List<String> builtPlatforms() {
    List<String> platforms = new ArrayList<>();
    if (layout.hasMatrix()) {
      platforms.add(References.arrayParam(Params.PLATFORMS));
    }
    layout.natives().forEach(n -> platforms.add(n.platform().toString()));
    return platforms;
  }

  /**
   * Every build's IMAGE_REF: the matrix's as one block (Tekton reads a matrixed task's results only
   * whole, as {@code [*]}), then each native build's. When that is not the spec's platform order,
   * the platform of each ref and the order go along, and the manifest task puts the list in order.
   */
  private List<Param> manifestParams() {
    List<Param> params = new ArrayList<>();
    String matrixRefs = References.arrayResult(BUILD_TASK, Results.IMAGE_REF);
    if (layout.natives().isEmpty()) {
      params.add(
          new ParamBuilder()
              .withName(Params.IMAGE_REFS)
              .withValue(new ParamValue(matrixRefs))
              .build());
    } else {
      List<String> refs = new ArrayList<>();
      List<String> refPlatforms = new ArrayList<>();
      if (layout.hasMatrix()) {
        refs.add(matrixRefs);
        refPlatforms.add(References.arrayParam(Params.PLATFORMS));
      }
      for (NativePlatform n : layout.natives()) {
        refs.add(References.result(PlatformLayout.nativeTaskName(n.platform()), Results.IMAGE_REF));
        refPlatforms.add(n.platform().toString());
      }
      params.add(
          new ParamBuilder().withName(Params.IMAGE_REFS).withValue(new ParamValue(refs)).build());
      if (!layout.resultOrder().equals(layout.all())) {
        params.add(
            new ParamBuilder()
                .withName(Params.IMAGE_PLATFORMS)
                .withValue(new ParamValue(refPlatforms))
                .build());
        params.add(
            new ParamBuilder()
                .withName(Params.PLATFORM_ORDER)
                .withValue(new ParamValue(layout.all().stream().map(Platform::toString).toList()))
                .build());
      }
    }
    params.add(TaskWiring.pass(Params.DESTINATION, false));
    params.add(TaskWiring.pass(Params.DESTINATION_TAGS, false));
    params.add(TaskWiring.pass(Params.FORMAT, false));
    params.add(TaskWiring.pass(Params.TLS_VERIFY, false));
    params.add(TaskWiring.pass(Params.BUILDER_IMAGE, false));
    params.addAll(proxyParams());
    return params;
  }
}
