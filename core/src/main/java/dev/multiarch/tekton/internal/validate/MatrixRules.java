package dev.multiarch.tekton.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Matrix rules (validateMatrix, matrix_types.go CountCombinations, ValidateParameterTypesInMatrix). */
final class MatrixRules {

  static final int MAX_COMBINATIONS = 256;
  private static final Pattern WHOLE_ARRAY = Pattern.compile("\\$\\(params\\.([^)\\[]+)\\[\\*\\]\\)");
  private static final Pattern ANY_WHOLE = Pattern.compile("\\$\\([^()]*\\[\\*\\]\\)");

  private final Findings f;
  private final YamlDocs.Doc doc;
  private final JsonNode task;
  private final String at;
  private final Map<String, JsonNode> params;

  MatrixRules(Findings f, YamlDocs.Doc doc, JsonNode task, String at, Map<String, JsonNode> params) {
    this.f = f;
    this.doc = doc;
    this.task = task;
    this.at = at;
    this.params = params;
  }

  void check() {
    JsonNode matrix = task.get("matrix");
    if (matrix == null) {
      return;
    }
    Set<String> taskParams = new HashSet<>();
    Nodes.list(task.get("params")).forEach(p -> taskParams.add(Nodes.text(p, "name")));
    Map<String, List<String>> values = new HashMap<>();
    long combinations = 1;
    List<JsonNode> matrixParams = Nodes.list(matrix.get("params"));
    for (int i = 0; i < matrixParams.size(); i++) {
      JsonNode p = matrixParams.get(i);
      String where = at + ".matrix.params[" + i + "]";
      String name = Nodes.text(p, "name");
      if (values.containsKey(name)) {
        f.add(doc, where + ".name", "duplicate matrix param '" + name + "'");
      }
      if (taskParams.contains(name)) {
        f.add(doc, where + ".name", "param '" + name + "' is in both matrix.params and params");
      }
      int length = length(p.get("value"), where + ".value");
      combinations *= Math.max(length, 1);
      values.put(name, p.get("value") != null && p.get("value").isArray()
          ? Nodes.list(p.get("value")).stream().map(JsonNode::asText).toList() : List.of());
    }
    combinations = matrixParams.isEmpty() ? 0 : combinations;
    combinations += includes(matrix, values, taskParams);
    if (combinations > MAX_COMBINATIONS) {
      f.add(doc, at + ".matrix", combinations + " combinations exceed the maximum of " + MAX_COMBINATIONS);
    }
  }

  /** Checks include entries; returns how many combinations they add. */
  private int includes(JsonNode matrix, Map<String, List<String>> values, Set<String> taskParams) {
    int added = 0;
    List<JsonNode> includes = Nodes.list(matrix.get("include"));
    for (int i = 0; i < includes.size(); i++) {
      String where = at + ".matrix.include[" + i + "]";
      Set<String> names = new HashSet<>();
      boolean matches = !values.isEmpty();
      boolean overlaps = false;
      List<JsonNode> ps = Nodes.list(includes.get(i).get("params"));
      for (int j = 0; j < ps.size(); j++) {
        JsonNode p = ps.get(j);
        String name = Nodes.text(p, "name");
        if (!names.add(name)) {
          f.add(doc, where + ".params[" + j + "].name", "duplicate include param '" + name + "'");
        }
        if (taskParams.contains(name)) {
          f.add(doc, where + ".params[" + j + "].name", "param '" + name + "' is in both matrix and params");
        }
        if (p.get("value") == null || !p.get("value").isTextual()) {
          f.add(doc, where + ".params[" + j + "].value", "matrix include param values must be strings");
        }
        if (values.containsKey(name)) {
          overlaps = true;
          matches &= values.get(name).contains(p.path("value").asText());
        }
      }
      if (values.isEmpty() || (overlaps && !matches)) {
        added++;
      }
    }
    return added;
  }

  /** The number of values a matrix param fans out to, or 0 when it cannot be known here. */
  private int length(JsonNode value, String where) {
    if (value != null && value.isArray()) {
      return value.size();
    }
    String text = value == null ? "" : value.asText();
    var whole = WHOLE_ARRAY.matcher(text);
    if (whole.matches()) {
      JsonNode param = params.get(whole.group(1));
      JsonNode def = param == null ? null : param.get("default");
      return def != null && def.isArray() ? def.size() : 0;
    }
    if (!ANY_WHOLE.matcher(text).matches()) {
      f.add(doc, where, "matrix param values must be an array or a whole-array reference $(...[*])");
    }
    return 0;
  }
}
