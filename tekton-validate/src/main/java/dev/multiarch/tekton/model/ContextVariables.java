package dev.multiarch.tekton.model;

import java.util.List;
import java.util.Map;

/**
 * The {@code $(context.*)} variables Tekton substitutes: in a Pipeline's task params ({@code
 * validatePipelineContextVariables}) and in a Task's steps ({@code validateTaskContextVariables}).
 * Tekton checks only the names under these prefixes; others ({@code context.taskRun.*} in a
 * Pipeline) pass its webhook.
 */
public final class ContextVariables {

  /** Prefix to the names allowed under it, in a Pipeline. */
  public static final Map<String, List<String>> PIPELINE =
      Map.of(
          "context.pipelineRun", List.of("name", "namespace", "uid"),
          "context.pipeline", List.of("name"),
          "context.pipelineTask", List.of("retries"));

  /** Prefix to the names allowed under it, in a Task. */
  public static final Map<String, List<String>> TASK =
      Map.of(
          "context.taskRun", List.of("name", "namespace", "uid"),
          "context.task", List.of("name", "retry-count"));

  private ContextVariables() {}

  /**
   * Whether {@code key} ({@code context.pipelineRun.name}) is allowed by {@code table}: true when
   * it is, or when it is under none of the table's prefixes.
   */
  public static boolean allowed(Map<String, List<String>> table, String key) {
    int dot = key.lastIndexOf('.');
    String prefix = key.substring(0, dot);
    List<String> names = table.get(prefix);
    if (names != null) {
      return names.contains(key.substring(dot + 1));
    }
    return table.keySet().stream().noneMatch(p -> key.startsWith(p + "."));
  }

  /** Every allowed variable of {@code table}, sorted, for messages. */
  public static List<String> describe(Map<String, List<String>> table) {
    return table.entrySet().stream()
        .flatMap(e -> e.getValue().stream().map(n -> e.getKey() + "." + n))
        .sorted()
        .toList();
  }
}
