package dev.multiarch.tekton.local;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.Platform;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.Task;
import java.util.List;

/**
 * What a local run executes and what it needs to know around it, from a generated build or from a
 * folder of its YAML: the Tekton objects, the platforms, and the repositories the local registry
 * stands in for.
 *
 * @param name the build's name, for log folders
 * @param pipeline the Pipeline
 * @param tasks the Tasks it references
 * @param pipelineRun the PipelineRun that starts it
 * @param platforms the platforms it builds
 * @param nodePlatform the platform of the nodes (here: this host), which needs no emulator
 * @param imageRepository where the per-arch images go (the ImageStream's repository)
 * @param destinationRepository where the multi-arch image goes
 * @param gitUrl the repository the builds clone, or empty
 * @param nativePlatforms the platforms built natively in tasks of their own, pinned to nodes of
 *     their architecture
 * @param daemonSets what runs on the nodes beside the Pipeline: the emulator DaemonSet of placement
 *     daemonset
 * @param containerfile the Containerfile's path in the source ({@code <context>/<containerfile>}),
 *     or empty when unknown (a folder's YAML)
 * @param crossCompiled whether the spec says the Containerfile runs nothing on the target platform,
 *     so that no platform is emulated
 * @param cacheRepository the builds' layer cache repository (the Pipeline's CACHE_REPOSITORY), or
 *     empty
 * @param notes what reading the inputs left aside, one line each for the run's notes (a DaemonSet
 *     that is not the emulator DaemonSet)
 */
record RunInputs(
    String name,
    Pipeline pipeline,
    List<Task> tasks,
    PipelineRun pipelineRun,
    List<Platform> platforms,
    Platform nodePlatform,
    String imageRepository,
    String destinationRepository,
    String gitUrl,
    List<Platform> nativePlatforms,
    List<DaemonSet> daemonSets,
    String containerfile,
    boolean crossCompiled,
    String cacheRepository,
    List<String> notes) {

  RunInputs {
    notes = List.copyOf(notes);
    tasks = List.copyOf(tasks);
    platforms = List.copyOf(platforms);
    nativePlatforms = List.copyOf(nativePlatforms);
    daemonSets = List.copyOf(daemonSets);
  }

  static RunInputs of(GeneratedPipeline generated) {
    var spec = generated.spec();
    return new RunInputs(
        spec.name(),
        generated.pipeline(),
        generated.tasks(),
        generated.pipelineRun(),
        spec.platforms(),
        spec.nodePlatform(),
        spec.perArchRepository(),
        spec.destination().repository(),
        spec.source().gitUrl(),
        spec.nativePlatforms().stream().map(NativePlatform::platform).toList(),
        generated.daemonSets(),
        spec.source().context() + "/" + spec.source().containerfile(),
        spec.crossCompiled(),
        spec.cache().repository(),
        List.of());
  }

  /** The platforms that need an emulator on this host: neither native nor the node platform's. */
  List<Platform> emulatedPlatforms() {
    return crossCompiled
        ? List.of()
        : Platform.emulatedOn(nodePlatform, platforms, nativePlatforms);
  }

  /**
   * Whether any platform builds on the build nodes (here: this host), which an all-native build
   * does not.
   */
  boolean buildsOnBuildNodes() {
    return platforms.stream().anyMatch(p -> !nativePlatforms.contains(p));
  }
}
