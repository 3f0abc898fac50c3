package dev.multiarch.tekton.local;

import dev.multiarch.tekton.internal.tekton.MatrixFanOut;
import dev.multiarch.tekton.internal.tekton.Scope;
import io.fabric8.tekton.v1.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A pipeline task's matrix with its values substituted, fanned out by the shared {@link MatrixFanOut}. */
final class Matrix {

  private Matrix() {}

  static List<Map<String, String>> combinations(io.fabric8.tekton.v1.Matrix matrix, Scope scope, String where) {
    List<MatrixFanOut.Param> params = new ArrayList<>();
    for (Param param : matrix.getParams()) {
      String at = where + " matrix param " + param.getName();
      List<String> values = param.getValue().getArrayVal() != null
          ? scope.elements(param.getValue().getArrayVal(), at)
          : scope.element(param.getValue().getStringVal(), at);
      params.add(new MatrixFanOut.Param(param.getName(), values));
    }
    List<Map<String, String>> combinations = MatrixFanOut.combinations(params);
    if (combinations.isEmpty()) {
      throw new IllegalArgumentException(where + ": the matrix has no combinations (an empty array param)");
    }
    if (combinations.size() > MatrixFanOut.MAX_COMBINATIONS) {
      throw new IllegalArgumentException(where + ": the matrix has " + combinations.size()
          + " combinations; Tekton allows at most " + MatrixFanOut.MAX_COMBINATIONS);
    }
    return combinations;
  }
}
