package dev.multiarch.tekton;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.ImageStream;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What builds the default builder image on the cluster, generated beside a Pipeline that uses it
 * ({@link GeneratedPipeline#bootstrap()}): its PipelineRun is created once per namespace and must
 * succeed before the first build.
 *
 * @param image the builder image it publishes, the spec's {@link BuildSpec#defaultBuilderImage()}
 * @param imageStream the ImageStream {@code buildah-qemu} that receives it; empty with a staging
 *     repository
 * @param tasks the Tasks it references beyond those of the main Pipeline ({@code
 *     multiarch-builder-image}); empty when the spec inlines Tasks
 * @param pipeline the Pipeline {@value BuildSpec#BOOTSTRAP_PIPELINE}
 * @param pipelineRun its PipelineRun, with {@code generateName}: to be created, not applied
 * @param pipelineRunFile the PipelineRun's file name in an output folder
 */
public record BuilderImageBootstrap(
    String image,
    Optional<ImageStream> imageStream,
    List<Task> tasks,
    Pipeline pipeline,
    PipelineRun pipelineRun,
    String pipelineRunFile) {

  public BuilderImageBootstrap {
    tasks = List.copyOf(tasks);
  }

  /** The resources to apply: the ImageStream if any, the Tasks, the Pipeline. */
  public List<HasMetadata> resources() {
    List<HasMetadata> all = new ArrayList<>();
    imageStream.ifPresent(all::add);
    all.addAll(tasks);
    all.add(pipeline);
    return List.copyOf(all);
  }
}
