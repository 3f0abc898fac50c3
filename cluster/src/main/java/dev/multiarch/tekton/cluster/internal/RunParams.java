package dev.multiarch.tekton.cluster.internal;

import static dev.multiarch.tekton.model.JsonNodes.list;

import dev.multiarch.tekton.InvalidValueException;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamBuilder;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PipelineRun's param values given at start: each must be a param the Pipeline declares; an array
 * param takes its elements separated by commas, as {@code tkn pipeline start -p} does.
 */
public final class RunParams {

  private RunParams() {}

  /**
   * The run with {@code values} set.
   *
   * @throws InvalidValueException naming a param the Pipeline does not declare
   */
  public static PipelineRun with(PipelineRun run, Pipeline pipeline, Map<String, String> values) {
    List<ParamSpec> declared = list(pipeline.getSpec().getParams());
    List<Param> params = new ArrayList<>(list(run.getSpec().getParams()));
    for (Map.Entry<String, String> value : values.entrySet()) {
      Optional<ParamSpec> spec =
          declared.stream().filter(p -> p.getName().equals(value.getKey())).findFirst();
      if (spec.isEmpty()) {
        throw new InvalidValueException(
            "param",
            value.getKey(),
            "a param of Pipeline "
                + pipeline.getMetadata().getName()
                + ": "
                + String.join(", ", declared.stream().map(ParamSpec::getName).toList()));
      }
      ParamValue paramValue =
          "array".equals(spec.get().getType())
              ? new ParamValue(
                  value.getValue().isEmpty() ? List.of() : List.of(value.getValue().split(",", -1)))
              : new ParamValue(value.getValue());
      params.removeIf(p -> p.getName().equals(value.getKey()));
      params.add(new ParamBuilder().withName(value.getKey()).withValue(paramValue).build());
    }
    // In the Pipeline's order, so that the same values always give the same PipelineRun.
    List<String> order = declared.stream().map(ParamSpec::getName).toList();
    params.sort(Comparator.comparingInt(p -> order.indexOf(p.getName())));
    return new PipelineRunBuilder(run).editSpec().withParams(params).endSpec().build();
  }
}
