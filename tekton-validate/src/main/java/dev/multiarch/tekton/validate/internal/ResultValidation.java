package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.validate.FieldErrors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Task's or StepAction's results, after Tekton's {@code result_validation.go}. Paths relative to
 * the list.
 */
final class ResultValidation {

  /** {@code ResultNameFormat}. */
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  private static final Set<String> TYPES = Set.of("string", "array", "object");

  private ResultValidation() {}

  /**
   * {@code TaskResult.Validate} for each result, plus unique names. Array and object results need
   * no flag since Tekton v0.56.0 (TEP-0075 and TEP-0076 stable; {@code ValidateBetaFields} no
   * longer checks results).
   */
  static FieldErrors results(JsonNode results) {
    FieldErrors errs = FieldErrors.NONE;
    Set<String> names = new HashSet<>();
    List<JsonNode> list = JsonNodes.list(results);
    for (int i = 0; i < list.size(); i++) {
      JsonNode result = list.get(i);
      String at = "[" + i + "]";
      String name = Nodes.text(result, "name");
      if (name == null) {
        continue; // the structure check's
      }
      if (!NAME.matcher(name).matches()) {
        errs =
            errs.also(
                FieldErrors.of(
                    at + ".name",
                    "result name '" + name + "' must match ^" + NAME.pattern() + "$"));
      } else if (!names.add(name)) {
        errs = errs.also(FieldErrors.of(at + ".name", "duplicate result name '" + name + "'"));
      }
      String type = result.path("type").asText("string");
      if (!TYPES.contains(type)) {
        errs =
            errs.also(
                FieldErrors.of(
                    at + ".type", "result type '" + type + "' must be string, array or object"));
      }
      if ("object".equals(type) && !result.has("properties")) {
        errs = errs.also(FieldErrors.of(at + ".properties", "object result needs properties"));
      }
    }
    return errs;
  }

  /** The declared result names. */
  static Set<String> names(JsonNode results) {
    Set<String> names = new HashSet<>();
    JsonNodes.list(results)
        .forEach(
            r -> {
              String name = Nodes.text(r, "name");
              if (name != null) {
                names.add(name);
              }
            });
    return names;
  }
}
