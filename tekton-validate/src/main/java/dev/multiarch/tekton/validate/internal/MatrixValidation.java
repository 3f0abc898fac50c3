package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.model.MatrixFanOut;
import dev.multiarch.tekton.model.Reference;
import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.FieldErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pipeline task's matrix, after Tekton's {@code matrix_types.go} and {@code
 * PipelineTask.validateMatrix}: beta, at most 256 combinations ({@code CountCombinations}), unique
 * names, no name both in matrix and params; and what the reconciler checks once params are known
 * ({@code ValidateParameterTypesInMatrix}): matrix values are arrays (or a whole array standing
 * alone), include values strings. Paths relative to the pipeline task.
 */
final class MatrixValidation {

  private MatrixValidation() {}

  static FieldErrors validate(
      JsonNode task, Map<String, JsonNode> pipelineParams, FeatureFlags flags) {
    JsonNode matrix = task.get("matrix");
    if (matrix == null || matrix.isNull()) {
      return FieldErrors.NONE;
    }
    FieldErrors errs = FieldErrors.NONE;
    if (!flags.allows("beta")) {
      errs =
          errs.also(
              FieldErrors.of(
                  "matrix",
                  "matrix needs " + FeatureFlags.flag(FeatureFlags.ENABLE_API_FIELDS, "beta")));
    }
    Set<String> taskParams = TaskValidation.names(task.get("params"));
    List<MatrixFanOut.Param> params = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<JsonNode> matrixParams = JsonNodes.list(matrix.get("params"));
    for (int i = 0; i < matrixParams.size(); i++) {
      JsonNode p = matrixParams.get(i);
      String at = "matrix.params[" + i + "]";
      String name = Nodes.text(p, "name");
      if (name != null && !names.add(name)) {
        errs = errs.also(FieldErrors.of(at + ".name", "duplicate matrix param '" + name + "'"));
      }
      if (taskParams.contains(name)) {
        errs =
            errs.also(
                FieldErrors.of(
                    at + ".name", "param '" + name + "' is in both matrix.params and params"));
      }
      errs = errs.also(value(p.get("value"), pipelineParams).viaField(at + ".value"));
      params.add(
          new MatrixFanOut.Param(name == null ? "" : name, values(p.get("value"), pipelineParams)));
    }
    List<Map<String, String>> includes = new ArrayList<>();
    List<JsonNode> includeList = JsonNodes.list(matrix.get("include"));
    for (int i = 0; i < includeList.size(); i++) {
      Map<String, String> include = new LinkedHashMap<>();
      Set<String> includeNames = new HashSet<>();
      List<JsonNode> ps = JsonNodes.list(includeList.get(i).get("params"));
      for (int j = 0; j < ps.size(); j++) {
        String at = "matrix.include[" + i + "].params[" + j + "]";
        String name = Nodes.text(ps.get(j), "name");
        if (name != null && !includeNames.add(name)) {
          errs = errs.also(FieldErrors.of(at + ".name", "duplicate include param '" + name + "'"));
        }
        if (taskParams.contains(name)) {
          errs =
              errs.also(
                  FieldErrors.of(
                      at + ".name", "param '" + name + "' is in both matrix and params"));
        }
        JsonNode value = ps.get(j).get("value");
        if (value == null || value.isContainerNode()) {
          errs =
              errs.also(
                  FieldErrors.of(at + ".value", "matrix include param values must be strings"));
        } else {
          include.put(name, value.asText());
        }
      }
      includes.add(include);
    }
    long count = MatrixFanOut.count(params, includes);
    if (count > MatrixFanOut.MAX_COMBINATIONS) {
      errs =
          errs.also(
              FieldErrors.of(
                  "matrix",
                  count + " combinations exceed the maximum of " + MatrixFanOut.MAX_COMBINATIONS));
    }
    return errs;
  }

  /** A matrix param's value is an array, or one whole array reference standing alone. */
  private static FieldErrors value(JsonNode value, Map<String, JsonNode> pipelineParams) {
    if (value == null || value.isArray()) {
      return FieldErrors.NONE;
    }
    var whole = Reference.isolated(value.asText());
    if (whole.isPresent()) {
      Reference ref = whole.get();
      if (ref.whole()) {
        return FieldErrors.NONE;
      }
      JsonNode param = "params".equals(ref.root()) ? pipelineParams.get(ref.paramName()) : null;
      if (param != null && "array".equals(Nodes.paramType(param)) && ref.index().isEmpty()) {
        return FieldErrors.of(
            "",
            "array param '"
                + ref.paramName()
                + "' must be used whole as $(params."
                + ref.paramName()
                + "[*]) here");
      }
    }
    return FieldErrors.of(
        "", "matrix param values must be an array or a whole-array reference $(...[*])");
  }

  /** The values a matrix param fans out to, as far as they are known here (a param's default). */
  private static List<String> values(JsonNode value, Map<String, JsonNode> pipelineParams) {
    if (value == null) {
      return List.of();
    }
    if (value.isArray()) {
      return Nodes.values(value);
    }
    var whole = Reference.isolated(value.asText());
    if (whole.isPresent() && "params".equals(whole.get().root())) {
      JsonNode param = pipelineParams.get(whole.get().paramName());
      if (param != null && param.path("default").isArray()) {
        return Nodes.values(param.get("default"));
      }
    }
    return List.of();
  }
}
