package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/** A pipeline task's place in the task graph, for those outside the validator that draw it (the Mermaid graph). */
public final class PipelineGraph {

  private PipelineGraph() {
  }

  /**
   * The tasks a pipeline task depends on, by Tekton's own rule ({@code PipelineTask.Deps}, through the shared
   * {@code TaskGraph}): its runAfter, then the tasks whose results its params, when, matrix or inline steps read.
   */
  public static Set<String> dependencies(JsonNode task) {
    return new LinkedHashSet<>(PipelineValidation.dependencies(task));
  }
}
