package dev.multiarch.tekton.validate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.multiarch.tekton.validate.YamlDocs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates generated Tekton documents against the strict tekton.dev/v1 JSON schemas carried in
 * core's test resources ({@code tekton-schemas/}, provenance in its README): unknown fields, types,
 * required fields.
 */
public final class TektonSchemas {

  /**
   * Where the schemas sit on the test classpath (this module's test resources, with their
   * provenance in README.md).
   */
  static final String RESOURCE_DIR = "tekton-schemas/strict/";

  private static final Set<String> SCHEMA_KINDS =
      Set.of("Pipeline", "Task", "PipelineRun", "TaskRun");
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

  private TektonSchemas() {}

  /**
   * Validates one YAML document against {@code strict/<kind>.v1.json}. Kinds without a schema
   * (ImageStream, ServiceAccount, RoleBinding, Kustomization, ...) give an empty list.
   *
   * @return one message per schema error, each starting with the JSON path of the offending node
   *     ({@code $.spec...})
   */
  public static List<String> validate(String yamlDocument) {
    List<String> messages = new ArrayList<>();
    for (YamlDocs.Doc doc : YamlDocs.parse("document", yamlDocument)) {
      messages.addAll(validate(doc.root()));
    }
    return List.copyOf(messages);
  }

  /** Validates one parsed document; see {@link #validate(String)}. */
  public static List<String> validate(JsonNode document) {
    String kind = document.path("kind").asText("");
    if (!SCHEMA_KINDS.contains(kind)) {
      return List.of();
    }
    if (!"tekton.dev/v1".equals(document.path("apiVersion").asText())) {
      return List.of(
          "$.apiVersion: must be tekton.dev/v1, got '"
              + document.path("apiVersion").asText()
              + "'");
    }
    Set<ValidationMessage> errors = schema(kind).validate(document);
    return errors.stream().map(TektonSchemas::describe).sorted().toList();
  }

  /**
   * Asserts that the document passes its schema, listing every error with its JSON path otherwise.
   */
  public static void assertValid(String label, String yamlDocument) {
    List<String> errors = validate(yamlDocument);
    assertThat(errors)
        .as(
            "%s: schema errors against the strict Tekton v1 schemas:%n  %s",
            label, String.join("\n  ", errors))
        .isEmpty();
  }

  private static String describe(ValidationMessage message) {
    String text = message.getMessage();
    String path = message.getInstanceLocation().toString();
    return text.startsWith(path) ? text : path + ": " + text;
  }

  private static JsonSchema schema(String kind) {
    return CACHE.computeIfAbsent(
        kind,
        k -> {
          String resource = RESOURCE_DIR + k.toLowerCase(Locale.ROOT) + ".v1.json";
          if (TektonSchemas.class.getClassLoader().getResource(resource) == null) {
            throw new IllegalStateException(
                "Tekton JSON schema missing from the test classpath: " + resource);
          }
          return FACTORY.getSchema(SchemaLocation.of("classpath:" + resource));
        });
  }
}
