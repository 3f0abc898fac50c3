package dev.multiarch.tekton.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tekton's PipelineRun admission rules (pipelinerun_validation.go), and its fit with a Pipeline of the set. */
final class PipelineRunRules {

  private static final List<String> SOURCES = List.of("persistentVolumeClaim", "volumeClaimTemplate", "emptyDir",
      "configMap", "secret", "projected", "csi");
  private static final Map<String, String> REQUIRED = Map.of("persistentVolumeClaim", "claimName", "configMap",
      "name", "secret", "secretName", "projected", "sources", "csi", "driver");
  private static final Set<String> STATUSES = Set.of("Cancelled", "CancelledRunFinally", "StoppedRunFinally",
      "PipelineRunPending");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
  private static final double DEFAULT_PIPELINE_TIMEOUT = 3600;

  private PipelineRunRules() {
  }

  /** Checks a PipelineRun; {@code pipelines} are the Pipelines of the set, by name. */
  static void check(Findings f, YamlDocs.Doc doc, Map<String, JsonNode> pipelines) {
    JsonNode spec = doc.root().path("spec");
    JsonNode pipelineSpec = null;
    if (spec.has("pipelineRef") == spec.has("pipelineSpec")) {
      f.add(doc, "spec", "expected exactly one of pipelineRef or pipelineSpec");
    } else if (spec.has("pipelineRef")) {
      RefRules.check(f, doc, spec.get("pipelineRef"), "spec.pipelineRef");
      JsonNode pipeline = pipelines.get(spec.path("pipelineRef").path("name").asText());
      pipelineSpec = pipeline == null ? null : pipeline.path("spec");
    } else {
      pipelineSpec = spec.get("pipelineSpec");
      PipelineRules.checkSpec(f, doc, pipelineSpec, "spec.pipelineSpec");
    }
    TaskRules.unique(f, doc, spec.get("params"), "spec.params", "name", "param name");
    for (Nodes.Str s : Nodes.strings(spec.get("params"), "spec.params")) {
      if (s.text().contains("$(tasks.") || s.text().contains("$(finally.")) {
        f.add(doc, s.path(), "result expressions are not allowed in PipelineRun params");
      }
    }
    String status = Nodes.text(spec, "status");
    if (status != null && !STATUSES.contains(status)) {
      f.add(doc, "spec.status", "status must be one of " + STATUSES);
    }
    workspaces(f, doc, spec.get("workspaces"));
    double tasksTimeout = timeouts(f, doc, spec.path("timeouts"));
    taskRunSpecs(f, doc, spec.get("taskRunSpecs"), pipelineSpec, tasksTimeout);
    if (pipelineSpec != null) {
      fitsPipeline(f, doc, spec, pipelineSpec);
    }
  }

  private static void workspaces(Findings f, YamlDocs.Doc doc, JsonNode workspaces) {
    TaskRules.unique(f, doc, workspaces, "spec.workspaces", "name", "workspace name");
    List<JsonNode> list = Nodes.list(workspaces);
    for (int i = 0; i < list.size(); i++) {
      JsonNode ws = list.get(i);
      String at = "spec.workspaces[" + i + "]";
      List<String> sources = SOURCES.stream().filter(ws::has).toList();
      if (sources.size() != 1) {
        f.add(doc, at, "expected exactly one volume source of " + SOURCES + ", got " + sources);
        continue;
      }
      String source = sources.get(0);
      String field = REQUIRED.get(source);
      if (field != null && (!ws.get(source).has(field) || ws.get(source).get(field).asText("x").isEmpty())) {
        f.add(doc, at + "." + source + "." + field, source + " needs " + field);
      }
    }
  }

  /** Checks spec.timeouts; returns the effective tasks timeout in seconds (0 = none). */
  private static double timeouts(Findings f, YamlDocs.Doc doc, JsonNode timeouts) {
    Double pipeline = duration(f, doc, timeouts, "pipeline");
    Double tasks = duration(f, doc, timeouts, "tasks");
    Double fin = duration(f, doc, timeouts, "finally");
    double limit = pipeline == null ? DEFAULT_PIPELINE_TIMEOUT : pipeline;
    if (limit > 0) {
      if (tasks != null && tasks > limit) {
        f.add(doc, "spec.timeouts.tasks", "tasks timeout exceeds the pipeline timeout");
      }
      if (fin != null && fin > limit) {
        f.add(doc, "spec.timeouts.finally", "finally timeout exceeds the pipeline timeout");
      }
      if (tasks != null && fin != null && tasks + fin > limit) {
        f.add(doc, "spec.timeouts", "tasks + finally timeouts exceed the pipeline timeout");
      }
    }
    return tasks != null ? tasks : limit;
  }

  private static Double duration(Findings f, YamlDocs.Doc doc, JsonNode parent, String field) {
    String text = Nodes.text(parent, field);
    if (text == null) {
      return null;
    }
    Double seconds = seconds(text);
    if (seconds == null) {
      f.add(doc, "spec.timeouts." + field, "'" + text + "' is not a duration >= 0 such as 1h30m");
    }
    return seconds;
  }

  /** Parses a Go duration ({@code 1h30m}, {@code 90s}, {@code 0}); null if malformed or negative. */
  static Double seconds(String text) {
    if ("0".equals(text)) {
      return 0.0;
    }
    Matcher m = DURATION_PART.matcher(text);
    double total = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        return null;
      }
      end = m.end();
      double n = Double.parseDouble(m.group(1));
      total += n * switch (m.group(2)) {
        case "h" -> 3600;
        case "m" -> 60;
        case "s" -> 1;
        case "ms" -> 1e-3;
        case "us", "µs" -> 1e-6;
        default -> 1e-9;
      };
    }
    return end == text.length() && end > 0 ? total : null;
  }

  private static void taskRunSpecs(Findings f, YamlDocs.Doc doc, JsonNode specs, JsonNode pipelineSpec,
      double tasksTimeout) {
    Set<String> tasks = new HashSet<>();
    if (pipelineSpec != null) {
      for (String section : List.of("tasks", "finally")) {
        Nodes.list(pipelineSpec.get(section)).forEach(t -> tasks.add(Nodes.text(t, "name")));
      }
    }
    List<JsonNode> list = Nodes.list(specs);
    for (int i = 0; i < list.size(); i++) {
      String at = "spec.taskRunSpecs[" + i + "]";
      String name = Nodes.text(list.get(i), "pipelineTaskName");
      if (pipelineSpec != null && !tasks.contains(name)) {
        f.add(doc, at + ".pipelineTaskName", "'" + name + "' is not a task of the Pipeline " + tasks);
      }
      String timeout = Nodes.text(list.get(i), "timeout");
      if (timeout != null) {
        Double s = seconds(timeout);
        if (s == null) {
          f.add(doc, at + ".timeout", "'" + timeout + "' is not a duration >= 0");
        } else if (tasksTimeout > 0 && s > tasksTimeout) {
          f.add(doc, at + ".timeout", "taskRunSpec timeout exceeds the pipeline's tasks timeout");
        }
      }
      TaskRules.unique(f, doc, list.get(i).get("stepSpecs"), at + ".stepSpecs", "name", "stepSpec name");
    }
  }

  /** The run passes every required param of its Pipeline and binds every non-optional workspace. */
  private static void fitsPipeline(Findings f, YamlDocs.Doc doc, JsonNode spec, JsonNode pipelineSpec) {
    Set<String> passed = new HashSet<>();
    Nodes.list(spec.get("params")).forEach(p -> passed.add(Nodes.text(p, "name")));
    for (JsonNode param : Nodes.list(pipelineSpec.get("params"))) {
      String name = Nodes.text(param, "name");
      if (!param.has("default") && !passed.contains(name)) {
        f.add(doc, "spec.params", "required Pipeline param '" + name + "' is not passed");
      }
    }
    Set<String> bound = new HashSet<>();
    Nodes.list(spec.get("workspaces")).forEach(w -> bound.add(Nodes.text(w, "name")));
    for (JsonNode ws : Nodes.list(pipelineSpec.get("workspaces"))) {
      String name = Nodes.text(ws, "name");
      if (!ws.path("optional").asBoolean(false) && !bound.contains(name)) {
        f.add(doc, "spec.workspaces", "Pipeline workspace '" + name + "' is not bound");
      }
    }
  }
}
