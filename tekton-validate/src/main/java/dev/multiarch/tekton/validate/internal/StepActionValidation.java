package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.FieldErrors;
import java.util.Map;

/**
 * A StepAction ({@code tekton.dev/v1alpha1} or {@code v1beta1}), after Tekton's {@code
 * stepaction_validation.go}: an image, script and command exclusive, params as for a Task (names,
 * types, enums), every param it uses declared, whole arrays only in command and args, results as
 * for a Task. Paths relative to the spec.
 */
final class StepActionValidation {

  private StepActionValidation() {}

  static FieldErrors spec(JsonNode spec, FeatureFlags flags) {
    FieldErrors errs = FieldErrors.NONE;
    if (spec.path("image").asText("").isBlank()) {
      errs = errs.also(FieldErrors.of("image", "StepAction image is required"));
    }
    if (Nodes.has(spec, "script") && !JsonNodes.list(spec.get("command")).isEmpty()) {
      errs = errs.also(FieldErrors.of("script", "StepAction script and command are exclusive"));
    }
    errs = errs.also(ParamValidation.specs(spec.get("params"), flags, true).viaField("params"));
    errs = errs.also(ParamValidation.objectsHaveProperties(spec.get("params")).viaField("params"));
    Map<String, JsonNode> params = ParamValidation.byName(spec.get("params"));
    errs = errs.also(ParamValidation.declaredUsage(spec, params));
    errs = errs.also(ParamValidation.stepTypeUsage(spec, params));
    errs = errs.also(ResultValidation.results(spec.get("results")).viaField("results"));
    return errs;
  }
}
