package dev.multiarch.tekton.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.model.TektonDefaults;
import dev.multiarch.tekton.tasks.TaskCatalog;
import dev.multiarch.tekton.validate.FieldErrors;
import dev.multiarch.tekton.yaml.GoDuration;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * This project's own rules, which are not Tekton's and can be switched off: values reach scripts
 * through env, never by text substitution (Tekton substitutes text into a script: script
 * injection), and a step may be privileged only if its Task lists it by name in the annotation
 * {@value #PRIVILEGED_STEPS}, so that a reviewer sees every privileged container in one place.
 * Paths relative to the TaskSpec (or StepActionSpec).
 */
final class ProjectRules {

  /** The annotation listing a Task's privileged steps, comma-separated. */
  static final String PRIVILEGED_STEPS = TaskCatalog.PRIVILEGED_STEPS;

  private static final List<String> FORBIDDEN_IN_SCRIPT =
      List.of("$(params.", "$(params[", "$(tasks.", "$(context.", "$(workspaces.");

  private ProjectRules() {}

  /**
   * Both rules for a TaskSpec whose metadata (annotations) is {@code metadata}; paths relative to
   * the spec.
   */
  static FieldErrors taskSpec(JsonNode spec, JsonNode metadata) {
    FieldErrors errs = FieldErrors.NONE;
    for (String section : List.of("steps", "sidecars")) {
      List<JsonNode> containers = JsonNodes.list(spec.get(section));
      for (int i = 0; i < containers.size(); i++) {
        errs = errs.also(script(containers.get(i).get("script")).viaFieldIndex(section, i));
      }
    }
    return errs.also(privileged(spec, metadata));
  }

  /** The script rule for one script; path relative to its container. */
  static FieldErrors script(JsonNode script) {
    String text = script == null || script.isNull() ? "" : script.asText();
    FieldErrors errs = FieldErrors.NONE;
    for (String forbidden : FORBIDDEN_IN_SCRIPT) {
      if (text.contains(forbidden)) {
        errs =
            errs.also(
                FieldErrors.project(
                    "script",
                    "script contains "
                        + forbidden
                        + "...): pass the value through env "
                        + "instead (only $(results.X.path) may appear in a script)"));
      }
    }
    return errs;
  }

  private static FieldErrors privileged(JsonNode spec, JsonNode metadata) {
    FieldErrors errs = FieldErrors.NONE;
    Set<String> declared = declared(metadata);
    if (privileged(spec.path("stepTemplate"))) {
      errs =
          errs.also(
              FieldErrors.project(
                  "stepTemplate.securityContext.privileged",
                  "the stepTemplate makes every step "
                      + "privileged; set privileged on the steps that need it and list them in annotation "
                      + PRIVILEGED_STEPS));
    }
    List<JsonNode> steps = JsonNodes.list(spec.get("steps"));
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      String name = step.path("name").asText("");
      if (privileged(step)) {
        if (!declared.contains(name)) {
          errs =
              errs.also(
                  FieldErrors.project(
                      "steps[" + i + "].securityContext.privileged",
                      "step '"
                          + name
                          + "' is "
                          + "privileged but not declared in annotation "
                          + PRIVILEGED_STEPS
                          + " (declared: "
                          + (declared.isEmpty() ? "none" : String.join(", ", declared))
                          + ")"));
        }
      }
    }
    return errs;
  }

  /** The annotation names only privileged steps; paths relative to the metadata. */
  static FieldErrors annotation(JsonNode spec, JsonNode metadata) {
    Set<String> privilegedSteps = new LinkedHashSet<>();
    JsonNodes.list(spec.get("steps")).stream()
        .filter(ProjectRules::privileged)
        .forEach(step -> privilegedSteps.add(step.path("name").asText("")));
    FieldErrors errs = FieldErrors.NONE;
    for (String name : declared(metadata)) {
      if (!privilegedSteps.contains(name)) {
        errs =
            errs.also(
                FieldErrors.project(
                    "annotations." + PRIVILEGED_STEPS,
                    "annotation "
                        + PRIVILEGED_STEPS
                        + " names '"
                        + name
                        + "', which is not a privileged step of this Task"));
      }
    }
    return errs;
  }

  private static boolean privileged(JsonNode container) {
    return container.path("securityContext").path("privileged").asBoolean(false);
  }

  private static Set<String> declared(JsonNode metadata) {
    String value =
        metadata == null ? "" : metadata.path("annotations").path(PRIVILEGED_STEPS).asText("");
    return Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /**
   * The timeout trap (the controller's createTaskRun passes only a pipeline task's own {@code
   * timeout} on, and TaskRun defaulting gives the rest {@code default-timeout-minutes}): a
   * PipelineRun that allows its tasks more than Tekton's default TaskRun timeout, whose pipeline
   * tasks have no timeout of their own, has them killed after 60 minutes anyway. Tekton accepts it,
   * so it is this project's finding. {@code pipelineSpec} is the run's Pipeline (inline or
   * referenced), or null when unknown; paths relative to the PipelineRun's spec.
   */
  static FieldErrors timeoutTrap(JsonNode runSpec, JsonNode pipelineSpec) {
    if (pipelineSpec == null || !pipelineSpec.isObject()) {
      return FieldErrors.NONE;
    }
    JsonNode timeouts = runSpec.path("timeouts");
    Optional<Duration> pipeline =
        timeout(timeouts, "pipeline").or(() -> Optional.of(TektonDefaults.TIMEOUT));
    Set<String> ownTimeouts = new LinkedHashSet<>();
    JsonNodes.list(runSpec.get("taskRunSpecs")).stream()
        .filter(s -> s.has("timeout"))
        .forEach(s -> ownTimeouts.add(s.path("pipelineTaskName").asText("")));
    FieldErrors errs = FieldErrors.NONE;
    for (String section : List.of("tasks", "finally")) {
      // A zero timeout is none: the group may run for ever, but each TaskRun still stops at the
      // default.
      Optional<Duration> group =
          timeout(timeouts, section).or(() -> pipeline).filter(d -> !d.isZero());
      boolean beyondDefault = group.isEmpty() || group.get().compareTo(TektonDefaults.TIMEOUT) > 0;
      String allowed =
          group
              .map(
                  d ->
                      "timeouts."
                          + (timeout(timeouts, section).isPresent() ? section : "pipeline")
                          + " is "
                          + GoDuration.format(d))
              .orElse("the run has no timeout");
      List<JsonNode> tasks = JsonNodes.list(pipelineSpec.get(section));
      for (JsonNode task : tasks) {
        String name = task.path("name").asText("");
        if (beyondDefault && !task.has("timeout") && !ownTimeouts.contains(name)) {
          errs =
              errs.also(
                  FieldErrors.project(
                      "timeouts",
                      "pipeline task '"
                          + name
                          + "' has no timeout of its own, so Tekton stops its TaskRun after its default of "
                          + GoDuration.format(TektonDefaults.TIMEOUT)
                          + " (default-timeout-minutes) although "
                          + allowed
                          + "; give the pipeline task a timeout, or the PipelineRun a taskRunSpecs[].timeout for it"));
        }
      }
    }
    return errs;
  }

  private static Optional<Duration> timeout(JsonNode timeouts, String field) {
    JsonNode value = timeouts.get(field);
    return value == null || !value.isTextual()
        ? Optional.empty()
        : GoDuration.parse(value.asText());
  }
}
