package dev.multiarch.tekton.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.model.Scope;
import dev.multiarch.tekton.model.UnresolvedReferenceException;
import dev.multiarch.tekton.tasks.Params;
import dev.multiarch.tekton.validate.FieldErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This project's rule on native builds: a TaskRun that runs on nodes of one architecture (the
 * PipelineRun pins its pipeline task with {@code podTemplate.nodeSelector} {@code
 * kubernetes.io/arch}) registers no emulator of that architecture, which would send every native
 * binary on those nodes through QEMU. Emulators of other architectures are what an emulated build
 * needs (in placement in-pod every build registers the run's emulators). A TaskRun's EMULATORS is
 * its matrix combination's ({@code matrix.include}) or its pipeline task's, with the run's params
 * over the Pipeline's defaults. Tekton accepts such a run, so it is this project's finding. Paths
 * relative to the PipelineRun's spec.
 */
final class NativeBuilds {

  private NativeBuilds() {}

  /**
   * The rule for a PipelineRun of {@code pipelineSpec} (inline or referenced; null when unknown).
   */
  static FieldErrors registerNoEmulator(JsonNode runSpec, JsonNode pipelineSpec) {
    if (pipelineSpec == null || !pipelineSpec.isObject()) {
      return FieldErrors.NONE;
    }
    Scope scope = params(runSpec, pipelineSpec);
    Optional<String> templateArch = arch(runSpec.path("taskRunTemplate").path("podTemplate"));
    Map<String, Integer> specIndex = new LinkedHashMap<>();
    List<JsonNode> taskRunSpecs = JsonNodes.list(runSpec.get("taskRunSpecs"));
    for (int i = 0; i < taskRunSpecs.size(); i++) {
      specIndex.putIfAbsent(taskRunSpecs.get(i).path("pipelineTaskName").asText(""), i);
    }
    FieldErrors errs = FieldErrors.NONE;
    for (String section : List.of("tasks", "finally")) {
      for (JsonNode task : JsonNodes.list(pipelineSpec.get(section))) {
        String name = task.path("name").asText("");
        Integer index = specIndex.get(name);
        Optional<String> arch =
            index == null ? Optional.empty() : arch(taskRunSpecs.get(index).path("podTemplate"));
        String path =
            "taskRunSpecs["
                + index
                + "].podTemplate.nodeSelector["
                + NativePlatform.ARCH_LABEL
                + "]";
        if (arch.isEmpty()) {
          arch = templateArch;
          path = "taskRunTemplate.podTemplate.nodeSelector[" + NativePlatform.ARCH_LABEL + "]";
        }
        if (arch.isEmpty()) {
          continue;
        }
        for (Map.Entry<String, String> run : taskRuns(task, scope).entrySet()) {
          if (ofArchitecture(run.getValue(), arch.get())) {
            errs =
                errs.also(
                    FieldErrors.project(
                        path,
                        "pipeline task '"
                            + name
                            + "'"
                            + (run.getKey().isEmpty() ? "" : " (" + run.getKey() + ")")
                            + " runs on "
                            + NativePlatform.ARCH_LABEL
                            + "="
                            + arch.get()
                            + " nodes yet registers an emulator of that architecture ("
                            + Params.EMULATORS
                            + ": "
                            + run.getValue()
                            + "): an emulator of the node's own architecture sends every native binary"
                            + " there through QEMU"));
          }
        }
      }
    }
    return errs;
  }

  /**
   * Each TaskRun of the task: the platform it builds ("" when it names none) to the EMULATORS it
   * gets.
   */
  private static Map<String, String> taskRuns(JsonNode task, Scope scope) {
    Map<String, String> runs = new LinkedHashMap<>();
    String emulators = string(param(task.get("params"), Params.EMULATORS), scope);
    Optional<JsonNode> platform = param(task.get("params"), Params.PLATFORM);
    if (platform.isPresent()) {
      runs.put(string(platform, scope), emulators);
    }
    for (JsonNode matrixParam : JsonNodes.list(task.path("matrix").get("params"))) {
      if (!Params.PLATFORM.equals(matrixParam.path("name").asText())) {
        continue;
      }
      for (String value : array(matrixParam.get("value"), scope)) {
        runs.put(value, emulators);
      }
    }
    // An include entry's params extend the combination of its PLATFORM (Tekton's FanOut).
    for (JsonNode include : JsonNodes.list(task.path("matrix").get("include"))) {
      String value = string(param(include.get("params"), Params.PLATFORM), scope);
      Optional<JsonNode> own = param(include.get("params"), Params.EMULATORS);
      if (!value.isEmpty() && own.isPresent()) {
        runs.put(value, string(own, scope));
      }
    }
    if (runs.isEmpty()) {
      runs.put("", emulators);
    }
    return runs;
  }

  /** True when the comma-separated {@code emulators} name a platform of {@code architecture}. */
  private static boolean ofArchitecture(String emulators, String architecture) {
    for (String text : emulators.split(",", -1)) {
      Optional<Platform> platform = platform(text.strip());
      if (platform.isPresent() && platform.get().architecture().equals(architecture)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The Pipeline's params as the run gives them: its defaults, with the PipelineRun's values over
   * them.
   */
  private static Scope params(JsonNode runSpec, JsonNode pipelineSpec) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (JsonNode param : JsonNodes.list(pipelineSpec.get("params"))) {
      if (param.has("default")) {
        values.put(param.path("name").asText(""), param.get("default"));
      }
    }
    for (JsonNode param : JsonNodes.list(runSpec.get("params"))) {
      values.put(param.path("name").asText(""), param.get("value"));
    }
    Scope scope = new Scope();
    values.forEach(
        (name, value) -> {
          if (value != null && value.isArray()) {
            List<String> elements = new ArrayList<>();
            value.forEach(e -> elements.add(e.asText()));
            scope.putArray("params." + name, elements);
          } else if (value != null && value.isValueNode()) {
            scope.put("params." + name, value.asText());
          }
        });
    return scope;
  }

  private static Optional<String> arch(JsonNode podTemplate) {
    JsonNode arch = podTemplate.path("nodeSelector").get(NativePlatform.ARCH_LABEL);
    return arch != null && arch.isValueNode() ? Optional.of(arch.asText()) : Optional.empty();
  }

  private static Optional<JsonNode> param(JsonNode params, String name) {
    return JsonNodes.list(params).stream()
        .filter(p -> name.equals(p.path("name").asText()))
        .map(p -> p.get("value"))
        .filter(v -> v != null)
        .findFirst();
  }

  /**
   * A string value with its params substituted; empty when it is absent or cannot be resolved here.
   */
  private static String string(Optional<JsonNode> value, Scope scope) {
    if (value.isEmpty() || !value.get().isValueNode()) {
      return "";
    }
    try {
      return scope.text(value.get().asText(), Params.EMULATORS);
    } catch (UnresolvedReferenceException | IllegalArgumentException e) {
      return "";
    }
  }

  private static List<String> array(JsonNode value, Scope scope) {
    try {
      if (value != null && value.isArray()) {
        List<String> elements = new ArrayList<>();
        value.forEach(e -> elements.add(e.asText()));
        return scope.elements(elements, Params.PLATFORM);
      }
      return value != null && value.isValueNode()
          ? scope.element(value.asText(), Params.PLATFORM)
          : List.of();
    } catch (UnresolvedReferenceException | IllegalArgumentException e) {
      return List.of();
    }
  }

  private static Optional<Platform> platform(String text) {
    try {
      return Optional.of(Platform.parse(text));
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }
}
