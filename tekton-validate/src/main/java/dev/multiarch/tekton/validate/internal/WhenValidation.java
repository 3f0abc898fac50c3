package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.FieldErrors;
import java.util.List;
import java.util.Set;

/**
 * When expressions, after Tekton's {@code when_validation.go} ({@code WhenExpressions.validate}):
 * an operator of {@code in} or {@code notin}, non-empty values, and a {@code cel} expression only
 * with {@code enable-cel-in-whenexpression} and without input, operator or values. Paths relative
 * to the list.
 */
final class WhenValidation {

  private static final Set<String> OPERATORS = Set.of("in", "notin");

  private WhenValidation() {}

  static FieldErrors validate(JsonNode when, FeatureFlags flags) {
    FieldErrors errs = FieldErrors.NONE;
    List<JsonNode> list = JsonNodes.list(when);
    for (int i = 0; i < list.size(); i++) {
      errs = errs.also(expression(list.get(i), flags).viaIndex(i));
    }
    return errs;
  }

  private static FieldErrors expression(JsonNode w, FeatureFlags flags) {
    if (w.has("cel")) {
      FieldErrors errs = FieldErrors.NONE;
      if (!flags.enabled(FeatureFlags.ENABLE_CEL_IN_WHEN)) {
        errs =
            errs.also(
                FieldErrors.of(
                    "cel",
                    "CEL when expressions need "
                        + FeatureFlags.flag(FeatureFlags.ENABLE_CEL_IN_WHEN, "true")));
      }
      if (w.has("input") || w.has("operator") || w.has("values")) {
        errs = errs.also(FieldErrors.of("", "cel excludes input, operator and values"));
      }
      return errs;
    }
    FieldErrors errs = FieldErrors.NONE;
    if (w.has("input") && w.path("input").asText("").isEmpty()) {
      errs = errs.also(FieldErrors.of("input", "when input must not be empty"));
    }
    if (w.has("operator") && !OPERATORS.contains(w.path("operator").asText())) {
      errs =
          errs.also(
              FieldErrors.of(
                  "operator",
                  "when operator must be in or notin, got '" + w.path("operator").asText() + "'"));
    }
    if (w.has("values") && JsonNodes.list(w.get("values")).isEmpty()) {
      errs = errs.also(FieldErrors.of("values", "when values must not be empty"));
    }
    return errs;
  }
}
