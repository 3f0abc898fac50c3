package dev.multiarch.tekton.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tekton's matrix ({@code matrix_types.go}): the combinations a matrix fans out to ({@code FanOut})
 * and how many there are ({@code CountCombinations}), from the matrix params' values and the {@code
 * include} entries.
 */
public final class MatrixFanOut {

  /** Tekton's default {@code default-max-matrix-combinations-count}. */
  public static final int MAX_COMBINATIONS = 256;

  /** One matrix param with its values, already expanded. */
  public record Param(String name, List<String> values) {
    public Param {
      values = List.copyOf(values);
    }
  }

  private MatrixFanOut() {}

  /**
   * The combinations of {@code params}: each value of a param over every combination so far, so
   * that the first param varies fastest ({@code Combinations.distribute}); TaskRun indices and the
   * order of {@code [*]} results follow it.
   */
  public static List<Map<String, String>> combinations(List<Param> params) {
    if (params.isEmpty()) {
      return List.of();
    }
    List<Map<String, String>> combinations = new ArrayList<>(List.of(Map.of()));
    for (Param param : params) {
      List<Map<String, String>> next = new ArrayList<>();
      for (String value : param.values()) {
        for (Map<String, String> combination : combinations) {
          Map<String, String> extended = new LinkedHashMap<>(combination);
          extended.put(param.name(), value);
          next.add(extended);
        }
      }
      combinations = next;
    }
    return combinations;
  }

  /**
   * The combinations with {@code matrix.include} applied, as Tekton's {@code FanOut} does: without
   * params, the entries are the combinations; otherwise an entry extends every combination whose
   * values agree with it on the params they share ({@code overwriteCombinations}), and one that
   * shares a param with no combination, value for value, becomes a combination of its own ({@code
   * addNewCombinations}).
   */
  public static List<Map<String, String>> combinations(
      List<Param> params, List<Map<String, String>> includes) {
    if (params.isEmpty()) {
      return includes.stream().<Map<String, String>>map(LinkedHashMap::new).toList();
    }
    List<Map<String, String>> combinations = new ArrayList<>(combinations(params));
    for (Map<String, String> combination : combinations) {
      for (Map<String, String> include : includes) {
        boolean agrees =
            include.entrySet().stream()
                .allMatch(
                    e ->
                        !combination.containsKey(e.getKey())
                            || combination.get(e.getKey()).equals(e.getValue()));
        if (agrees) {
          combination.putAll(include);
        }
      }
    }
    for (Map<String, String> include : includes) {
      boolean shared =
          include.isEmpty()
              || combinations.stream()
                  .anyMatch(
                      combination ->
                          include.entrySet().stream()
                              .anyMatch(e -> e.getValue().equals(combination.get(e.getKey()))));
      if (!shared) {
        combinations.add(new LinkedHashMap<>(include));
      }
    }
    return combinations;
  }

  /**
   * How many TaskRuns the matrix makes ({@code CountCombinations}): the product of the params'
   * value counts, plus one for each {@code matrix.include} entry that adds a combination rather
   * than extending others (all of them when there are no params; otherwise those naming a matrix
   * param with a value it does not have).
   */
  public static long count(List<Param> params, List<Map<String, String>> includes) {
    long count = 0;
    if (!params.isEmpty()) {
      count = 1;
      for (Param param : params) {
        count *= param.values().size();
      }
    }
    if (params.isEmpty()) {
      return count + includes.size();
    }
    Map<String, List<String>> byName = new LinkedHashMap<>();
    params.forEach(p -> byName.put(p.name(), p.values()));
    for (Map<String, String> include : includes) {
      for (Map.Entry<String, String> entry : include.entrySet()) {
        List<String> values = byName.get(entry.getKey());
        if (values != null && !values.contains(entry.getValue())) {
          count++;
          break;
        }
      }
    }
    return count;
  }
}
