package dev.multiarch.tekton.validate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Rules a tool adds on top of Tekton's, such as multiarch-tekton's own (no substitution in scripts,
 * privileged steps declared). {@link TektonValidator} calls each method for every matching part of
 * every document and reports what it returns as the rule set's findings ({@link
 * ValidationProblem#project()}), after Tekton's. Every method has a default that finds nothing, so
 * a rule set implements only what it checks. The nodes are read-only views of the YAML; paths in
 * the returned {@link FieldErrors} are relative to the node named in each method and composed on
 * the way out.
 */
public interface RuleSet {

  /**
   * A TaskSpec: a Task's {@code spec}, a TaskRun's {@code taskSpec} or a pipeline task's {@code
   * taskSpec}; paths relative to the spec.
   *
   * @param metadata the Task's metadata, or the embedded spec's own {@code metadata}; null when it
   *     has none
   */
  default FieldErrors taskSpec(JsonNode spec, JsonNode metadata) {
    return FieldErrors.NONE;
  }

  /** The metadata of the TaskSpec above (null when it has none); paths relative to the metadata. */
  default FieldErrors taskMetadata(JsonNode spec, JsonNode metadata) {
    return FieldErrors.NONE;
  }

  /** A StepAction's {@code spec}; paths relative to it. */
  default FieldErrors stepActionSpec(JsonNode spec) {
    return FieldErrors.NONE;
  }

  /**
   * A PipelineRun's {@code spec}; paths relative to it.
   *
   * @param pipelineSpec the run's Pipeline, inline or found by its reference among the documents;
   *     null when unknown
   */
  default FieldErrors pipelineRunSpec(JsonNode spec, JsonNode pipelineSpec) {
    return FieldErrors.NONE;
  }

  /**
   * A Pipeline's {@code spec} or a PipelineRun's inline {@code pipelineSpec}; paths relative to it.
   */
  default FieldErrors pipelineSpec(JsonNode spec) {
    return FieldErrors.NONE;
  }
}
