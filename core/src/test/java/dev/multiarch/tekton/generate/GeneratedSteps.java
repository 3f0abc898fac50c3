package dev.multiarch.tekton.generate;

import dev.multiarch.tekton.GeneratedPipeline;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every step a generated Pipeline runs, whether its Task is a separate resource or embedded,
 * labelled {@code <pipeline task>/<step>}, so tests hold both forms to the same rules.
 */
public final class GeneratedSteps {

  private GeneratedSteps() {}

  public static Map<String, Step> of(GeneratedPipeline generated) {
    Map<String, Task> tasks =
        generated.tasks().stream()
            .collect(Collectors.toMap(t -> t.getMetadata().getName(), Function.identity()));
    Map<String, Step> steps = new LinkedHashMap<>();
    List<PipelineTask> pipelineTasks =
        Stream.concat(
                generated.pipeline().getSpec().getTasks().stream(),
                generated.pipeline().getSpec().getFinally().stream())
            .toList();
    for (PipelineTask pipelineTask : pipelineTasks) {
      List<Step> taskSteps =
          pipelineTask.getTaskSpec() != null
              ? pipelineTask.getTaskSpec().getSteps()
              : tasks.get(pipelineTask.getTaskRef().getName()).getSpec().getSteps();
      for (Step step : taskSteps) {
        steps.put(pipelineTask.getName() + "/" + step.getName(), step);
      }
    }
    return steps;
  }
}
