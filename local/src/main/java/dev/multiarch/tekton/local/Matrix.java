package dev.multiarch.tekton.local;

import static dev.multiarch.tekton.model.JsonNodes.list;

import dev.multiarch.tekton.model.MatrixFanOut;
import dev.multiarch.tekton.model.Scope;
import io.fabric8.tekton.v1.IncludeParams;
import io.fabric8.tekton.v1.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline task's matrix with its values substituted, fanned out by the shared {@link
 * MatrixFanOut}: its params' combinations, extended by its {@code include} entries.
 */
final class Matrix {

  private Matrix() {}

  static List<Map<String, String>> combinations(
      io.fabric8.tekton.v1.Matrix matrix, Scope scope, String where) {
    List<MatrixFanOut.Param> params = new ArrayList<>();
    for (Param param : list(matrix.getParams())) {
      String at = where + " matrix param " + param.getName();
      List<String> values =
          param.getValue().getArrayVal() != null
              ? scope.elements(param.getValue().getArrayVal(), at)
              : scope.element(param.getValue().getStringVal(), at);
      params.add(new MatrixFanOut.Param(param.getName(), values));
    }
    List<Map<String, String>> includes = new ArrayList<>();
    for (IncludeParams include : list(matrix.getInclude())) {
      Map<String, String> combination = new LinkedHashMap<>();
      for (Param param : list(include.getParams())) {
        combination.put(
            param.getName(),
            scope.text(
                Objects.requireNonNullElse(param.getValue().getStringVal(), ""),
                where + " matrix include param " + param.getName()));
      }
      includes.add(combination);
    }
    List<Map<String, String>> combinations = MatrixFanOut.combinations(params, includes);
    if (combinations.isEmpty()) {
      throw new IllegalArgumentException(
          where + ": the matrix has no combinations (an empty array param)");
    }
    if (combinations.size() > MatrixFanOut.MAX_COMBINATIONS) {
      throw new IllegalArgumentException(
          where
              + ": the matrix has "
              + combinations.size()
              + " combinations; Tekton allows at most "
              + MatrixFanOut.MAX_COMBINATIONS);
    }
    return combinations;
  }

  /** A TaskRun's label: the values of the matrix params alone, not those an include entry added. */
  static String label(io.fabric8.tekton.v1.Matrix matrix, Map<String, String> combination) {
    List<String> names =
        list(matrix == null ? null : matrix.getParams()).stream().map(Param::getName).toList();
    List<String> values = new ArrayList<>();
    combination.forEach(
        (name, value) -> {
          if (names.isEmpty() || names.contains(name)) {
            values.add(value);
          }
        });
    return String.join(", ", values);
  }
}
