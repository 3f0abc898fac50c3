package dev.multiarch.tekton.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.internal.spec.SourceChecks;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.validate.FieldErrors;
import java.util.List;
import java.util.Locale;

/**
 * This project's rule on credentials in URLs: a param whose name ends in {@code url} ({@code
 * GIT_URL}, the catalog git-clone Task's {@code url}) holds no user name, password or token in a
 * Pipeline's default or a PipelineRun's value, where anyone who may read the resource reads it.
 * What counts as a credential is what {@code spec.source.git.url} refuses ({@link
 * SourceChecks#noCredentialsInUrl}); the message shows the URL with {@code ***} for the secret,
 * never the secret. Tekton accepts such a param, so it is this project's finding.
 */
final class CredentialsInUrls {

  private CredentialsInUrls() {}

  /** The defaults of a Pipeline's params; paths relative to the spec. */
  static FieldErrors pipelineSpec(JsonNode spec) {
    return params(spec.get("params"), "default");
  }

  /** The values of a PipelineRun's params; paths relative to the spec. */
  static FieldErrors pipelineRunSpec(JsonNode spec) {
    return params(spec.get("params"), "value");
  }

  private static FieldErrors params(JsonNode params, String field) {
    FieldErrors errs = FieldErrors.NONE;
    List<JsonNode> list = JsonNodes.list(params);
    for (int i = 0; i < list.size(); i++) {
      String name = list.get(i).path("name").asText("");
      JsonNode value = list.get(i).get(field);
      if (!name.toLowerCase(Locale.ROOT).endsWith("url") || value == null || !value.isTextual()) {
        continue;
      }
      try {
        SourceChecks.noCredentialsInUrl(name, value.asText());
      } catch (InvalidValueException e) {
        errs =
            errs.also(
                FieldErrors.project(
                    "params[" + i + "]." + field,
                    "param '"
                        + name
                        + "' holds a user name, password or token in its URL ('"
                        + e.value()
                        + "'), readable by anyone who may read this resource; give git's"
                        + " credentials as the .git-credentials of the basic-auth workspace's"
                        + " Secret (spec.source.git.credentialsSecret)"));
      }
    }
    return errs;
  }
}
