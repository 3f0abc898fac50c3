package dev.multiarch.tekton.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code $(...)} expressions of one pipeline task (outside an inline taskSpec): params, results, context. */
final class PipelineTaskExpressions {

  private static final Pattern STATUS = Pattern.compile("tasks\\.(([^.]+)\\.)?(status|reason)");

  private final Findings f;
  private final YamlDocs.Doc doc;
  private final JsonNode task;
  private final String at;
  private final Map<String, JsonNode> params;
  private final Map<String, JsonNode> dag;
  private final boolean isFinally;

  PipelineTaskExpressions(Findings f, YamlDocs.Doc doc, JsonNode task, String at, Map<String, JsonNode> params,
      Map<String, JsonNode> dag, boolean isFinally) {
    this.f = f;
    this.doc = doc;
    this.task = task;
    this.at = at;
    this.params = params;
    this.dag = dag;
    this.isFinally = isFinally;
  }

  void check() {
    task.fields().forEachRemaining(field -> {
      if ("taskSpec".equals(field.getKey())) {
        return;
      }
      for (Nodes.Str s : Nodes.strings(field.getValue(), at + "." + field.getKey())) {
        for (String expression : Nodes.expressions(s.text())) {
          expression(s, expression, isRooted(s.path()));
        }
      }
    });
  }

  private boolean isRooted(String path) {
    String rest = path.substring(at.length());
    return rest.startsWith(".params") || rest.startsWith(".when") || rest.startsWith(".matrix");
  }

  private void expression(Nodes.Str s, String expression, boolean rooted) {
    if (rooted) {
      PipelineRules.roots(f, doc, s, expression);
    }
    if (expression.startsWith("params")) {
      ParamRules.usage(f, doc, s, expression, params, str -> true);
      return;
    }
    if (expression.startsWith("context.")) {
      if (!PipelineRules.PIPELINE_CONTEXT.contains(expression)) {
        f.add(doc, s.path(), "context variable $(" + expression + ") is not one Tekton allows in a Pipeline: "
            + PipelineRules.PIPELINE_CONTEXT);
      }
      return;
    }
    var status = STATUS.matcher(expression);
    if (status.matches()) {
      if (!isFinally) {
        f.add(doc, s.path(), "$(" + expression + ") is only allowed in finally tasks");
      } else if (status.group(2) != null && !dag.containsKey(status.group(2))) {
        f.add(doc, s.path(), "$(" + expression + ") names '" + status.group(2) + "', which is not a task in tasks");
      }
      return;
    }
    Nodes.ResultRef ref = Nodes.resultRef(expression);
    if (ref == null) {
      return;
    }
    if ("finally".equals(ref.section())) {
      f.add(doc, s.path(), "$(" + expression + ") is only allowed in pipeline results");
    } else if (!dag.containsKey(ref.task())) {
      f.add(doc, s.path(), "$(" + expression + ") names '" + ref.task() + "', which is not a task in tasks");
    } else if (dag.get(ref.task()).has("matrix") && !"[*]".equals(ref.suffix())) {
      f.add(doc, s.path(), "'" + ref.task() + "' is matrixed: consume its result as $(tasks." + ref.task()
          + ".results." + ref.result() + "[*])");
    }
  }
}
