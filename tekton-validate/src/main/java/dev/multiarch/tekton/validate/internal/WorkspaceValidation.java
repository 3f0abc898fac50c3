package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.validate.FieldErrors;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Workspace bindings of a PipelineRun or TaskRun, after Tekton's {@code workspace_validation.go}
 * ({@code WorkspaceBinding.Validate}): exactly one volume source with what it needs (a claim name,
 * a ConfigMap name, a Secret name, projected sources, a CSI driver), and unique names. Paths
 * relative to the list.
 */
final class WorkspaceValidation {

  private static final List<String> SOURCES =
      List.of(
          "persistentVolumeClaim",
          "volumeClaimTemplate",
          "emptyDir",
          "configMap",
          "secret",
          "projected",
          "csi");
  private static final Map<String, String> REQUIRED =
      Map.of(
          "persistentVolumeClaim",
          "claimName",
          "configMap",
          "name",
          "secret",
          "secretName",
          "projected",
          "sources",
          "csi",
          "driver");

  private WorkspaceValidation() {}

  static FieldErrors bindings(JsonNode workspaces) {
    FieldErrors errs = FieldErrors.NONE;
    Set<String> names = new HashSet<>();
    List<JsonNode> list = JsonNodes.list(workspaces);
    for (int i = 0; i < list.size(); i++) {
      JsonNode ws = list.get(i);
      String name = Nodes.text(ws, "name");
      if (name != null && !names.add(name)) {
        errs =
            errs.also(
                FieldErrors.of("[" + i + "].name", "duplicate workspace name '" + name + "'"));
      }
      errs = errs.also(binding(ws).viaIndex(i));
    }
    return errs;
  }

  private static FieldErrors binding(JsonNode ws) {
    List<String> sources = SOURCES.stream().filter(ws::hasNonNull).toList();
    if (sources.size() != 1) {
      return FieldErrors.of(
          "", "expected exactly one volume source of " + SOURCES + ", got " + sources);
    }
    String source = sources.get(0);
    String field = REQUIRED.get(source);
    if (field == null) {
      return FieldErrors.NONE;
    }
    JsonNode value = ws.get(source).get(field);
    boolean missing =
        value == null
            || value.isNull()
            || (value.isArray()
                ? value.isEmpty()
                : value.isValueNode() && value.asText().isEmpty());
    return missing
        ? FieldErrors.of(source + "." + field, source + " needs " + field)
        : FieldErrors.NONE;
  }
}
