package dev.multiarch.tekton.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Tekton's Task admission rules, plus the project's rule on scripts, applied to one TaskSpec. */
final class TaskRules {

  static final Set<String> TASK_CONTEXT = Set.of("context.taskRun.name", "context.taskRun.namespace",
      "context.taskRun.uid", "context.task.name", "context.task.retry-count");
  private static final Pattern RESULT_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern RESULT_PATH = Pattern.compile("results\\.([^.]+)\\.path");
  private static final Pattern WORKSPACE_VAR = Pattern.compile("workspaces\\.([^.]+)\\.(path|bound|claim|volume)");
  private static final Pattern ARRAY_FIELD = Pattern.compile(".*\\.(steps|sidecars)\\[\\d+\\]\\.(command|args)\\[\\d+\\]"
      + "|.*\\.stepTemplate\\.(command|args)\\[\\d+\\]");
  private static final List<String> FORBIDDEN_IN_SCRIPT = List.of("$(params.", "$(params[", "$(tasks.", "$(context.",
      "$(workspaces.");

  private TaskRules() {
  }

  /**
   * Checks a TaskSpec at {@code path}.
   *
   * @param outerParams params also in scope (the Pipeline's, for an inline taskSpec), else empty
   * @param outerContext context variables also allowed (the Pipeline's, for an inline taskSpec), else empty
   */
  static void checkSpec(Findings f, YamlDocs.Doc doc, JsonNode spec, String path, Map<String, JsonNode> outerParams,
      Set<String> outerContext) {
    Map<String, JsonNode> params = new LinkedHashMap<>(outerParams);
    params.putAll(ParamRules.declarations(f, doc, spec.get("params"), path + ".params"));
    Set<String> results = results(f, doc, spec.get("results"), path + ".results");
    Set<String> workspaces = workspaces(f, doc, spec.get("workspaces"), path + ".workspaces");
    steps(f, doc, spec, path, workspaces);
    unique(f, doc, spec.get("volumes"), path + ".volumes", "name", "volume name");
    Set<String> context = new HashSet<>(TASK_CONTEXT);
    context.addAll(outerContext);
    for (Nodes.Str s : Nodes.strings(spec, path)) {
      if (s.path().startsWith(path + ".params[") || s.path().startsWith(path + ".results[")) {
        continue;
      }
      if (s.path().endsWith(".script")) {
        scriptRule(f, doc, s);
      }
      for (String expression : Nodes.expressions(s.text())) {
        expression(f, doc, s, expression, params, results, workspaces, context);
      }
    }
  }

  private static void expression(Findings f, YamlDocs.Doc doc, Nodes.Str s, String expression,
      Map<String, JsonNode> params, Set<String> results, Set<String> workspaces, Set<String> context) {
    if (expression.startsWith("params")) {
      ParamRules.usage(f, doc, s, expression, params, str -> str.inArray() && ARRAY_FIELD.matcher(str.path()).matches());
    } else if (expression.startsWith("context.")) {
      if (!context.contains(expression)) {
        f.add(doc, s.path(), "context variable $(" + expression + ") is not one Tekton allows here: " + context);
      }
    } else if (expression.startsWith("results.")) {
      var m = RESULT_PATH.matcher(expression);
      if (!m.matches()) {
        f.add(doc, s.path(), "$(" + expression + ") is not $(results.<name>.path)");
      } else if (!results.contains(m.group(1))) {
        f.add(doc, s.path(), "$(" + expression + ") names undeclared result '" + m.group(1) + "'");
      }
    } else if (expression.startsWith("workspaces.")) {
      var m = WORKSPACE_VAR.matcher(expression);
      if (m.matches() && !workspaces.contains(m.group(1))) {
        f.add(doc, s.path(), "$(" + expression + ") names undeclared workspace '" + m.group(1) + "'");
      }
    }
  }

  /** Project rule: values reach scripts through env, never by text substitution (script injection). */
  private static void scriptRule(Findings f, YamlDocs.Doc doc, Nodes.Str s) {
    for (String forbidden : FORBIDDEN_IN_SCRIPT) {
      if (s.text().contains(forbidden)) {
        f.add(doc, s.path(), "script contains " + forbidden + "...): pass the value through env instead"
            + " (only $(results.X.path) may appear in a script)");
      }
    }
  }

  private static void steps(Findings f, YamlDocs.Doc doc, JsonNode spec, String path, Set<String> workspaces) {
    List<JsonNode> steps = Nodes.list(spec.get("steps"));
    if (steps.isEmpty()) {
      f.add(doc, path + ".steps", "a Task needs at least one step");
    }
    Set<String> names = new HashSet<>();
    JsonNode template = spec.path("stepTemplate");
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      String at = path + ".steps[" + i + "]";
      String name = Nodes.text(step, "name");
      if (name != null && !name.isEmpty()) {
        if (!Nodes.DNS_LABEL.matcher(name).matches() || name.length() > 63) {
          f.add(doc, at + ".name", "step name '" + name + "' must be a DNS-1123 label");
        }
        if (!names.add(name)) {
          f.add(doc, at + ".name", "duplicate step name '" + name + "'");
        }
      }
      container(f, doc, step, template, at, "step");
      for (String alphaField : new String[] {"stdoutConfig", "stderrConfig"}) {
        if (step.has(alphaField) && !f.alpha()) {
          f.add(doc, at + "." + alphaField, alphaField + " needs enable-api-fields=alpha");
        }
      }
      if (step.path("script").asText("").startsWith("#!win") && !f.alpha()) {
        f.add(doc, at + ".script", "#!win scripts need enable-api-fields=alpha");
      }
      String onError = Nodes.text(step, "onError");
      if (onError != null && !Set.of("continue", "stopAndFail").contains(onError)) {
        f.add(doc, at + ".onError", "onError must be continue or stopAndFail, got '" + onError + "'");
      }
      int w = 0;
      for (JsonNode binding : Nodes.list(step.get("workspaces"))) {
        String ws = Nodes.text(binding, "name");
        if (!workspaces.contains(ws)) {
          f.add(doc, at + ".workspaces[" + w + "].name", "step uses undeclared workspace '" + ws + "'");
        }
        w++;
      }
    }
    List<JsonNode> sidecars = Nodes.list(spec.get("sidecars"));
    for (int i = 0; i < sidecars.size(); i++) {
      container(f, doc, sidecars.get(i), null, path + ".sidecars[" + i + "]", "sidecar");
    }
  }

  private static void container(Findings f, YamlDocs.Doc doc, JsonNode c, JsonNode template, String at, String what) {
    if (c.has("ref")) {
      return;
    }
    boolean image = c.hasNonNull("image") || (template != null && template.hasNonNull("image"));
    if (!image || c.path("image").asText("x").isBlank()) {
      f.add(doc, at + ".image", what + " image is required");
    }
    if (c.hasNonNull("script") && c.hasNonNull("command")) {
      f.add(doc, at + ".script", what + " script and command are exclusive");
    }
  }

  private static Set<String> results(Findings f, YamlDocs.Doc doc, JsonNode results, String path) {
    Set<String> names = new HashSet<>();
    int i = 0;
    for (JsonNode result : Nodes.list(results)) {
      String at = path + "[" + i++ + "]";
      String name = Nodes.text(result, "name");
      if (name == null || !RESULT_NAME.matcher(name).matches()) {
        f.add(doc, at + ".name", "result name '" + name + "' must match ^" + RESULT_NAME.pattern() + "$");
      } else if (!names.add(name)) {
        f.add(doc, at + ".name", "duplicate result name '" + name + "'");
      }
      String type = result.path("type").asText("string");
      if (!Set.of("string", "array", "object").contains(type)) {
        f.add(doc, at + ".type", "result type '" + type + "' must be string, array or object");
      }
      if ("object".equals(type) && !result.has("properties")) {
        f.add(doc, at + ".properties", "object result needs properties");
      }
    }
    return names;
  }

  private static Set<String> workspaces(Findings f, YamlDocs.Doc doc, JsonNode workspaces, String path) {
    unique(f, doc, workspaces, path, "mountPath", "workspace mountPath");
    return unique(f, doc, workspaces, path, "name", "workspace name");
  }

  /** Reports duplicate values of {@code field} across the list; returns the values seen. */
  static Set<String> unique(Findings f, YamlDocs.Doc doc, JsonNode list, String path, String field, String what) {
    Set<String> seen = new HashSet<>();
    int i = 0;
    for (JsonNode item : Nodes.list(list)) {
      String value = Nodes.text(item, field);
      if (value != null && !seen.add(value)) {
        f.add(doc, path + "[" + i + "]." + field, "duplicate " + what + " '" + value + "'");
      }
      i++;
    }
    return seen;
  }
}
