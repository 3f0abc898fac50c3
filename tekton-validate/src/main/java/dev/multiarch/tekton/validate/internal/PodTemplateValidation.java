package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.model.KubernetesNames;
import dev.multiarch.tekton.model.Reference;
import dev.multiarch.tekton.validate.FieldErrors;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What Kubernetes requires of the pod template Tekton copies into a TaskRun's pod ({@code
 * podTemplate}), which Tekton's webhook does not check: its nodeSelector is a label set
 * (Kubernetes' {@code ValidatePodSpec} validates {@code nodeSelector} with apimachinery's {@code
 * ValidateLabels}: qualified-name keys, label values). A run with a bad one is accepted, and its
 * pod refused when the TaskRun starts. A key or value with a param reference is left to the run,
 * which substitutes it. Paths relative to the run's spec.
 */
final class PodTemplateValidation {

  private PodTemplateValidation() {}

  /** A PipelineRun's pod templates: its taskRunTemplate's and each taskRunSpecs entry's. */
  static FieldErrors pipelineRun(JsonNode spec) {
    FieldErrors errs =
        podTemplate(spec.path("taskRunTemplate").get("podTemplate"))
            .viaField("taskRunTemplate.podTemplate");
    List<JsonNode> specs = JsonNodes.list(spec.get("taskRunSpecs"));
    for (int i = 0; i < specs.size(); i++) {
      errs =
          errs.also(
              podTemplate(specs.get(i).get("podTemplate"))
                  .viaField("podTemplate")
                  .viaFieldIndex("taskRunSpecs", i));
    }
    return errs;
  }

  /** A TaskRun's pod template. */
  static FieldErrors taskRun(JsonNode spec) {
    return podTemplate(spec.get("podTemplate")).viaField("podTemplate");
  }

  private static FieldErrors podTemplate(JsonNode template) {
    if (template == null || !template.path("nodeSelector").isObject()) {
      return FieldErrors.NONE;
    }
    FieldErrors errs = FieldErrors.NONE;
    for (Iterator<Map.Entry<String, JsonNode>> it = template.get("nodeSelector").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      String at = "nodeSelector[" + label.getKey() + "]";
      var keyProblem = KubernetesNames.labelKeyProblem(label.getKey());
      if (keyProblem.isPresent() && !substituted(label.getKey())) {
        errs =
            errs.also(
                FieldErrors.of(
                    at,
                    "'" + label.getKey() + "' is not a label key; expected " + keyProblem.get()));
      }
      String value =
          label.getValue().isValueNode() ? label.getValue().asText() : label.getValue().toString();
      var valueProblem = KubernetesNames.labelValueProblem(value);
      if (valueProblem.isPresent() && !substituted(value)) {
        errs =
            errs.also(
                FieldErrors.of(
                    at, "'" + value + "' is not a label value; expected " + valueProblem.get()));
      }
    }
    return errs;
  }

  /**
   * Whether Tekton puts a param's value in place of {@code text}'s {@code $(params...)} before the
   * pod is created, so that only the value is a label: the TaskRun reconciler does so for
   * nodeSelector keys and values since Tekton v1.3.0 ({@code
   * pkg/reconciler/taskrun/resources/apply.go} {@code ApplyPodTemplateReplacements}, with the
   * TaskRun's params over its Task's defaults); earlier releases pass the text to the pod as it is.
   */
  private static boolean substituted(String text) {
    return Reference.find(text).stream().anyMatch(ref -> "params".equals(ref.root()));
  }
}
