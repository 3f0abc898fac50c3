package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multiarch.tekton.model.ContextVariables;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.model.KubernetesNames;
import dev.multiarch.tekton.model.Reference;
import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.FieldErrors;
import dev.multiarch.tekton.yaml.GoDuration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A TaskSpec, after Tekton's {@code task_validation.go}: {@code TaskSpec.Validate} for every Task,
 * inline or not, and {@code ValidateUsageOfDeclaredParameters} where Tekton calls it (a Task on its
 * own, a TaskRun's or PipelineRun's inline spec with what they propagate, an inline spec of a
 * Pipeline on its own). Paths relative to the spec.
 */
final class TaskValidation {

  /** Step fields a StepAction reference replaces ({@code validateStep} with a {@code ref}). */
  private static final List<String> NOT_WITH_REF =
      List.of("image", "command", "args", "script", "env", "volumeMounts", "workingDir", "results");

  private static final String RESERVED_SIDECAR = "tekton-log-results";

  /** Where a step may read artifacts ({@code validateArtifactsReferencesInStep}). */
  private static final Pattern ARTIFACT_FIELDS =
      Pattern.compile("script|(command|args)\\[\\d+\\]|env\\[\\d+\\]\\.value");

  private TaskValidation() {}

  /**
   * {@code TaskSpec.Validate}. Object params and results (TEP-0075), array results and indexing
   * into arrays (TEP-0076) need no flag: Tekton v0.56.0 made them stable and dropped {@code
   * TaskSpec.ValidateBetaFields}.
   */
  static FieldErrors spec(JsonNode spec, FeatureFlags flags) {
    FieldErrors errs = FieldErrors.NONE;
    List<JsonNode> steps = JsonNodes.list(spec.get("steps"));
    if (steps.isEmpty()) {
      errs = errs.also(FieldErrors.of("steps", "a Task needs at least one step"));
    }
    errs = errs.also(volumes(spec.get("volumes")).viaField("volumes"));
    errs = errs.also(declaredWorkspaces(spec).viaField("workspaces"));
    Set<String> workspaces = names(spec.get("workspaces"));
    JsonNode template = spec.get("stepTemplate");
    Set<String> stepNames = new HashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      errs =
          errs.also(
              step(steps.get(i), template, stepNames, workspaces, flags).viaFieldIndex("steps", i));
    }
    List<JsonNode> sidecars = JsonNodes.list(spec.get("sidecars"));
    for (int i = 0; i < sidecars.size(); i++) {
      errs = errs.also(sidecar(sidecars.get(i), workspaces, flags).viaFieldIndex("sidecars", i));
    }
    errs = errs.also(ParamValidation.specs(spec.get("params"), flags, true).viaField("params"));
    Map<String, JsonNode> params = ParamValidation.byName(spec.get("params"));
    for (int i = 0; i < steps.size(); i++) {
      errs =
          errs.also(ParamValidation.stepTypeUsage(steps.get(i), params).viaFieldIndex("steps", i));
    }
    errs = errs.also(contextVariables(steps));
    errs = errs.also(resultVariables(steps, ResultValidation.names(spec.get("results"))));
    errs = errs.also(ResultValidation.results(spec.get("results")).viaField("results"));
    return errs;
  }

  /**
   * {@code ValidateUsageOfDeclaredParameters}: every param a step uses is declared by the spec or
   * in {@code propagated} (what the run or the Pipeline provides), object params have properties.
   */
  static FieldErrors declaredUsage(JsonNode spec, Map<String, JsonNode> propagated) {
    Map<String, JsonNode> params = TaskRunValidation.combine(propagated, spec.get("params"));
    FieldErrors errs = ParamValidation.objectsHaveProperties(spec.get("params")).viaField("params");
    List<JsonNode> steps = JsonNodes.list(spec.get("steps"));
    for (int i = 0; i < steps.size(); i++) {
      errs =
          errs.also(ParamValidation.declaredUsage(steps.get(i), params).viaFieldIndex("steps", i));
    }
    return errs;
  }

  /** {@code ValidateVolumes}: unique names. */
  private static FieldErrors volumes(JsonNode volumes) {
    FieldErrors errs = FieldErrors.NONE;
    Set<String> seen = new HashSet<>();
    List<JsonNode> list = JsonNodes.list(volumes);
    for (int i = 0; i < list.size(); i++) {
      String name = Nodes.text(list.get(i), "name");
      if (name != null && !seen.add(name)) {
        errs =
            errs.also(FieldErrors.of("[" + i + "].name", "duplicate volume name '" + name + "'"));
      }
    }
    return errs;
  }

  /**
   * {@code validateDeclaredWorkspaces}: unique names and mount paths, none a step's volume mount
   * path.
   */
  private static FieldErrors declaredWorkspaces(JsonNode spec) {
    Set<String> mountPaths = new HashSet<>();
    for (JsonNode step : JsonNodes.list(spec.get("steps"))) {
      JsonNodes.list(step.get("volumeMounts"))
          .forEach(m -> mountPaths.add(clean(m.path("mountPath").asText())));
    }
    JsonNodes.list(spec.path("stepTemplate").get("volumeMounts"))
        .forEach(m -> mountPaths.add(clean(m.path("mountPath").asText())));
    FieldErrors errs = FieldErrors.NONE;
    Set<String> names = new HashSet<>();
    List<JsonNode> list = JsonNodes.list(spec.get("workspaces"));
    for (int i = 0; i < list.size(); i++) {
      String name = Nodes.text(list.get(i), "name");
      if (name == null) {
        continue;
      }
      if (!names.add(name)) {
        errs =
            errs.also(
                FieldErrors.of("[" + i + "].name", "duplicate workspace name '" + name + "'"));
      }
      String mountPath =
          clean(
              Nodes.text(list.get(i), "mountPath") != null
                  ? Nodes.text(list.get(i), "mountPath")
                  : "/workspace/" + name);
      if (!mountPaths.add(mountPath)) {
        errs =
            errs.also(
                FieldErrors.of(
                    "[" + i + "].mountPath", "duplicate workspace mountPath '" + mountPath + "'"));
      }
    }
    return errs;
  }

  private static String clean(String path) {
    String cleaned = path.replaceAll("/+", "/");
    return cleaned.length() > 1 && cleaned.endsWith("/")
        ? cleaned.substring(0, cleaned.length() - 1)
        : cleaned;
  }

  /**
   * {@code validateStep} on the step merged with the stepTemplate, plus {@code
   * validateWorkspaceUsages}.
   */
  private static FieldErrors step(
      JsonNode step,
      JsonNode template,
      Set<String> names,
      Set<String> workspaces,
      FeatureFlags flags) {
    FieldErrors errs = artifacts(step, template, flags);
    boolean ref = step.has("ref");
    if (ref) {
      if (!flags.enabled(FeatureFlags.ENABLE_STEP_ACTIONS)) {
        errs =
            errs.also(
                FieldErrors.of(
                    "ref",
                    "StepActions need "
                        + FeatureFlags.flag(FeatureFlags.ENABLE_STEP_ACTIONS, "true")));
      }
      errs = errs.also(ContainerValidation.validateRef(step.get("ref"), flags).viaField("ref"));
      for (String field : NOT_WITH_REF) {
        if (step.has(field)) {
          errs =
              errs.also(
                  FieldErrors.of(
                      field, field + " cannot be used with ref (the StepAction sets it)"));
        }
      }
    } else {
      if (step.has("params")) {
        errs =
            errs.also(FieldErrors.of("params", "params can only be used with ref (a StepAction)"));
      }
      JsonNode merged = merge(template, step);
      if (merged.path("image").asText("").isBlank()) {
        errs = errs.also(FieldErrors.of("image", "step image is required"));
      }
      if (Nodes.has(merged, "script") && !JsonNodes.list(merged.get("command")).isEmpty()) {
        errs = errs.also(FieldErrors.of("script", "step script and command are exclusive"));
      }
    }
    String name = Nodes.text(step, "name");
    if (name != null && !name.isEmpty()) {
      if (!names.add(name)) {
        errs = errs.also(FieldErrors.of("name", "duplicate step name '" + name + "'"));
      }
      if (!KubernetesNames.isDnsLabelShape(name) || name.length() > 63) {
        errs =
            errs.also(FieldErrors.of("name", "step name '" + name + "' must be a DNS-1123 label"));
      }
    }
    String timeout = Nodes.text(step, "timeout");
    if (timeout != null) {
      errs = errs.also(nonNegative(timeout, "timeout"));
    }
    List<JsonNode> mounts = JsonNodes.list(step.get("volumeMounts"));
    for (int j = 0; j < mounts.size(); j++) {
      String mountPath = mounts.get(j).path("mountPath").asText("");
      String mountName = mounts.get(j).path("name").asText("");
      if (mountPath.startsWith("/tekton/") && !mountPath.startsWith("/tekton/home")) {
        errs =
            errs.also(
                FieldErrors.of(
                    "volumeMounts[" + j + "].mountPath",
                    "volumeMount cannot be mounted under /tekton/"));
      }
      if (mountName.startsWith("tekton-internal-")) {
        errs =
            errs.also(
                FieldErrors.of(
                    "volumeMounts[" + j + "].name",
                    "volumeMount name cannot start with " + "tekton-internal-"));
      }
    }
    String onError = Nodes.text(step, "onError");
    if (onError != null
        && !onError.isEmpty()
        && !Nodes.isParamRef(onError)
        && !onError.equals("continue")
        && !onError.equals("stopAndFail")) {
      errs =
          errs.also(
              FieldErrors.of(
                  "onError", "onError must be continue or stopAndFail, got '" + onError + "'"));
    }
    if (step.path("script").asText("").strip().startsWith("#!win") && !flags.allows("alpha")) {
      errs =
          errs.also(
              FieldErrors.of(
                  "script",
                  "#!win scripts need "
                      + FeatureFlags.flag(FeatureFlags.ENABLE_API_FIELDS, "alpha")));
    }
    for (String field : List.of("stdoutConfig", "stderrConfig")) {
      if (step.has(field) && !flags.allows("alpha")) {
        errs =
            errs.also(
                FieldErrors.of(
                    field,
                    field
                        + " needs "
                        + FeatureFlags.flag(FeatureFlags.ENABLE_API_FIELDS, "alpha")));
      }
    }
    errs = errs.also(WhenValidation.validate(step.get("when"), flags).viaField("when"));
    errs = errs.also(workspacesBeta(step, "step", flags));
    List<JsonNode> usages = JsonNodes.list(step.get("workspaces"));
    for (int j = 0; j < usages.size(); j++) {
      String ws = Nodes.text(usages.get(j), "name");
      if (ws != null && !workspaces.contains(ws)) {
        errs =
            errs.also(
                FieldErrors.of(
                    "workspaces[" + j + "].name", "step uses undeclared workspace '" + ws + "'"));
      }
    }
    return errs;
  }

  /**
   * {@code validateArtifactsReferencesInStep} ({@code container_validation.go}; {@code
   * task_validation.go} before v1.1.0): without {@code enable-artifacts}, a step merged with its
   * stepTemplate reads no artifacts in its script, command, args or env values. Tekton v0.59.0
   * added it for step artifacts, v0.62.0 for pipeline task artifacts and {@code $(artifacts.path)};
   * one finding per step, as Tekton's, at the field that reads one.
   */
  private static FieldErrors artifacts(JsonNode step, JsonNode template, FeatureFlags flags) {
    if (flags.enabled(FeatureFlags.ENABLE_ARTIFACTS)) {
      return FieldErrors.NONE;
    }
    String message = "artifacts need " + FeatureFlags.flag(FeatureFlags.ENABLE_ARTIFACTS, "true");
    for (Nodes.Str s : Nodes.strings(step)) {
      if (ARTIFACT_FIELDS.matcher(s.path()).matches() && Reference.readsArtifact(s.text())) {
        return FieldErrors.of(s.path(), message);
      }
    }
    if (template == null) {
      return FieldErrors.NONE;
    }
    // MergeStepsWithStepTemplate: script, command and args come from the template when the step has
    // none; env
    // entries are merged by name.
    Set<String> ownEnv = names(step.get("env"));
    for (Nodes.Str s : Nodes.strings(template)) {
      String field = Nodes.head(s.path());
      boolean inherited =
          "env".equals(field)
              ? !ownEnv.contains(Nodes.text(template.path("env").path(envIndex(s.path())), "name"))
              : !step.has(field);
      if (inherited
          && ARTIFACT_FIELDS.matcher(s.path()).matches()
          && Reference.readsArtifact(s.text())) {
        return FieldErrors.of("", message);
      }
    }
    return FieldErrors.NONE;
  }

  private static int envIndex(String path) {
    return Integer.parseInt(path.substring("env[".length(), path.indexOf(']')));
  }

  /** {@code validateSidecarNames}, and image and script rules for sidecars. */
  private static FieldErrors sidecar(JsonNode sidecar, Set<String> workspaces, FeatureFlags flags) {
    FieldErrors errs = FieldErrors.NONE;
    if (RESERVED_SIDECAR.equals(Nodes.text(sidecar, "name"))) {
      errs = errs.also(FieldErrors.of("name", "sidecar name " + RESERVED_SIDECAR + " is reserved"));
    }
    if (sidecar.path("image").asText("").isBlank()) {
      errs = errs.also(FieldErrors.of("image", "sidecar image is required"));
    }
    if (Nodes.has(sidecar, "script") && !JsonNodes.list(sidecar.get("command")).isEmpty()) {
      errs = errs.also(FieldErrors.of("script", "sidecar script and command are exclusive"));
    }
    errs = errs.also(workspacesBeta(sidecar, "sidecar", flags));
    List<JsonNode> usages = JsonNodes.list(sidecar.get("workspaces"));
    for (int j = 0; j < usages.size(); j++) {
      String ws = Nodes.text(usages.get(j), "name");
      if (ws != null && !workspaces.contains(ws)) {
        errs =
            errs.also(
                FieldErrors.of(
                    "workspaces[" + j + "].name",
                    "sidecar uses undeclared workspace '" + ws + "'"));
      }
    }
    return errs;
  }

  /**
   * {@code validateWorkspaceUsages}: step and sidecar {@code workspaces} are still beta (Tekton
   * v0.56.0 to v1.x).
   */
  private static FieldErrors workspacesBeta(JsonNode container, String kind, FeatureFlags flags) {
    return JsonNodes.list(container.get("workspaces")).isEmpty() || flags.allows("beta")
        ? FieldErrors.NONE
        : FieldErrors.of(
            "workspaces",
            kind + " workspaces need " + FeatureFlags.flag(FeatureFlags.ENABLE_API_FIELDS, "beta"));
  }

  /**
   * {@code validateTaskContextVariables}: names under {@code context.taskRun} and {@code
   * context.task}.
   */
  private static FieldErrors contextVariables(List<JsonNode> steps) {
    FieldErrors errs = FieldErrors.NONE;
    for (int i = 0; i < steps.size(); i++) {
      for (Nodes.Str s : ParamValidation.stepStrings(steps.get(i))) {
        for (Reference ref : Reference.find(s.text())) {
          if ("context".equals(ref.root())
              && !ContextVariables.allowed(ContextVariables.TASK, ref.key())) {
            errs =
                errs.also(
                    FieldErrors.of(
                            s.path(),
                            "context variable "
                                + ref.text()
                                + " is not one Tekton allows in a "
                                + "Task: "
                                + ContextVariables.describe(ContextVariables.TASK))
                        .viaFieldIndex("steps", i));
          }
        }
      }
    }
    return errs;
  }

  /**
   * {@code validateTaskResultsVariables}: a step script's {@code $(results.X.path)} names a
   * declared result.
   */
  private static FieldErrors resultVariables(List<JsonNode> steps, Set<String> results) {
    FieldErrors errs = FieldErrors.NONE;
    for (int i = 0; i < steps.size(); i++) {
      for (Reference ref : Reference.find(Nodes.text(steps.get(i), "script"))) {
        if ("results".equals(ref.root())) {
          String name = ref.key().split("\\.", 0)[1];
          if (!results.contains(name)) {
            errs =
                errs.also(
                    FieldErrors.of(
                        "steps[" + i + "].script",
                        ref.text() + " names undeclared result '" + name + "'"));
          }
        }
      }
    }
    return errs;
  }

  /**
   * The step with the stepTemplate's fields it does not set ({@code MergeStepsWithStepTemplate}).
   */
  private static JsonNode merge(JsonNode template, JsonNode step) {
    if (template == null || !template.isObject()) {
      return step;
    }
    ObjectNode merged = ((ObjectNode) template).deepCopy();
    step.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
    return merged;
  }

  /** A Go duration of at least 0. */
  static FieldErrors nonNegative(String text, String field) {
    return GoDuration.parse(text)
        .map(
            d ->
                d.isNegative()
                    ? FieldErrors.of(field, field + " must not be negative, got '" + text + "'")
                    : FieldErrors.NONE)
        .orElseGet(() -> unparsable(text, field));
  }

  /**
   * A {@code metav1.Duration} field that Go's {@code time.ParseDuration} cannot read: the webhook
   * cannot decode the object at all. Nothing for a value it reads, negative or not.
   */
  static FieldErrors parsable(String text, String field) {
    return GoDuration.parse(text).isPresent() ? FieldErrors.NONE : unparsable(text, field);
  }

  private static FieldErrors unparsable(String text, String field) {
    return FieldErrors.of(
        field,
        GoDuration.isOutOfRange(text)
            ? "'"
                + text
                + "' is longer than the longest duration, "
                + GoDuration.LONGEST
                + " (Go's time: invalid duration)"
            : "'" + text + "' is not a duration such as 1h30m, " + "90s or 0");
  }

  static Set<String> names(JsonNode list) {
    Set<String> names = new HashSet<>();
    JsonNodes.list(list)
        .forEach(
            n -> {
              String name = Nodes.text(n, "name");
              if (name != null) {
                names.add(name);
              }
            });
    return names;
  }
}
