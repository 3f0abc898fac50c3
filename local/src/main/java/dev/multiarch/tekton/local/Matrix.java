package dev.multiarch.tekton.local;

import io.fabric8.tekton.v1.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tekton's matrix fan-out: the cartesian product of the matrix params' values, in Tekton's order. */
final class Matrix {

  /** Tekton refuses a matrix of more combinations than this (the default of default-max-matrix-combinations-count). */
  static final int MAX_COMBINATIONS = 256;

  private Matrix() {}

  static List<Map<String, String>> combinations(io.fabric8.tekton.v1.Matrix matrix, Scope scope, String where) {
    List<Map<String, String>> combinations = new ArrayList<>(List.of(Map.of()));
    for (Param param : matrix.getParams()) {
      String at = where + " matrix param " + param.getName();
      List<String> values = param.getValue().getArrayVal() != null
          ? scope.elements(param.getValue().getArrayVal(), at)
          : scope.element(param.getValue().getStringVal(), at);
      // Tekton's Matrix.FanOut: each value of this param over every combination so far, so the first param
      // varies fastest; TaskRun indices and the order of [*] results follow it.
      List<Map<String, String>> next = new ArrayList<>();
      for (String value : values) {
        for (Map<String, String> combination : combinations) {
          Map<String, String> extended = new LinkedHashMap<>(combination);
          extended.put(param.getName(), value);
          next.add(extended);
        }
      }
      combinations = next;
    }
    if (combinations.isEmpty()) {
      throw new IllegalArgumentException(where + ": the matrix has no combinations (an empty array param)");
    }
    if (combinations.size() > MAX_COMBINATIONS) {
      throw new IllegalArgumentException(where + ": the matrix has " + combinations.size()
          + " combinations; Tekton allows at most " + MAX_COMBINATIONS);
    }
    return combinations;
  }
}
