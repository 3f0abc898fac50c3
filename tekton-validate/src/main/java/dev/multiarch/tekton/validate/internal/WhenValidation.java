package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.validate.Errs;
import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.model.JsonNodes;
import java.util.List;
import java.util.Set;

/**
 * When expressions, after Tekton's {@code when_validation.go} ({@code WhenExpressions.validate}): an operator of
 * {@code in} or {@code notin}, non-empty values, and a {@code cel} expression only with
 * {@code enable-cel-in-whenexpression} and without input, operator or values. Paths relative to the list.
 */
final class WhenValidation {

  private static final Set<String> OPERATORS = Set.of("in", "notin");

  private WhenValidation() {
  }

  static Errs validate(JsonNode when, FeatureFlags flags) {
    Errs errs = Errs.NONE;
    List<JsonNode> list = JsonNodes.list(when);
    for (int i = 0; i < list.size(); i++) {
      errs = errs.also(expression(list.get(i), flags).viaIndex(i));
    }
    return errs;
  }

  private static Errs expression(JsonNode w, FeatureFlags flags) {
    if (w.has("cel")) {
      Errs errs = Errs.NONE;
      if (!flags.enabled(FeatureFlags.ENABLE_CEL_IN_WHEN)) {
        errs = errs.also(Errs.of("cel", "CEL when expressions need "
            + FeatureFlags.flag(FeatureFlags.ENABLE_CEL_IN_WHEN, "true")));
      }
      if (w.has("input") || w.has("operator") || w.has("values")) {
        errs = errs.also(Errs.of("", "cel excludes input, operator and values"));
      }
      return errs;
    }
    Errs errs = Errs.NONE;
    if (w.has("input") && w.path("input").asText("").isEmpty()) {
      errs = errs.also(Errs.of("input", "when input must not be empty"));
    }
    if (w.has("operator") && !OPERATORS.contains(w.path("operator").asText())) {
      errs = errs.also(Errs.of("operator", "when operator must be in or notin, got '" + w.path("operator").asText()
          + "'"));
    }
    if (w.has("values") && JsonNodes.list(w.get("values")).isEmpty()) {
      errs = errs.also(Errs.of("values", "when values must not be empty"));
    }
    return errs;
  }
}
