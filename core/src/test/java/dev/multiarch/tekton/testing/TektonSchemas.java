package dev.multiarch.tekton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.multiarch.tekton.internal.validate.YamlDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates generated Tekton documents against the strict tekton.dev/v1 JSON schemas in {@code shared/tekton-schemas}
 * (unknown fields, types, required fields). Fails loudly when the schemas cannot be found: tests never skip.
 */
public final class TektonSchemas {

  /** The system property the parent pom sets to the schemas directory. */
  public static final String DIR_PROPERTY = "tekton.schemas.dir";

  private static final Set<String> SCHEMA_KINDS = Set.of("Pipeline", "Task", "PipelineRun", "TaskRun");
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

  private TektonSchemas() {
  }

  /**
   * The schemas directory: the {@value #DIR_PROPERTY} system property if set and present, else the first
   * {@code shared/tekton-schemas} found walking up from the working directory.
   *
   * @throws IllegalStateException naming every place looked at, if none holds {@code strict/pipeline.v1.json}
   */
  public static Path schemasDir() {
    return locate(System.getProperty(DIR_PROPERTY), Path.of("").toAbsolutePath());
  }

  /** {@link #schemasDir()} with the property value and the starting directory given. */
  static Path locate(String property, Path start) {
    List<Path> tried = new ArrayList<>();
    if (property != null && !property.isBlank()) {
      Path dir = Path.of(property).toAbsolutePath().normalize();
      if (isSchemasDir(dir)) {
        return dir;
      }
      tried.add(dir);
    }
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("tekton-schemas");
      if (isSchemasDir(candidate)) {
        return candidate;
      }
      tried.add(candidate);
    }
    throw new IllegalStateException("Tekton JSON schemas not found: set -D" + DIR_PROPERTY
        + "=<dir holding strict/pipeline.v1.json> or place them at ../shared/tekton-schemas beside the checkout."
        + " Looked in: " + tried);
  }

  /**
   * Validates one YAML document against {@code strict/<kind>.v1.json}. Kinds without a schema (ImageStream,
   * ServiceAccount, RoleBinding, Kustomization, ...) give an empty list.
   *
   * @return one message per schema error, each starting with the JSON path of the offending node ({@code $.spec...})
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
      return List.of("$.apiVersion: must be tekton.dev/v1, got '" + document.path("apiVersion").asText() + "'");
    }
    Set<ValidationMessage> errors = schema(kind).validate(document);
    return errors.stream().map(TektonSchemas::describe).sorted().toList();
  }

  /** Asserts that the document passes its schema, listing every error with its JSON path otherwise. */
  public static void assertValid(String label, String yamlDocument) {
    List<String> errors = validate(yamlDocument);
    assertThat(errors)
        .as("%s: schema errors against %s:%n  %s", label, schemasDir(), String.join("\n  ", errors))
        .isEmpty();
  }

  private static String describe(ValidationMessage message) {
    String text = message.getMessage();
    String path = message.getInstanceLocation().toString();
    return text.startsWith(path) ? text : path + ": " + text;
  }

  private static JsonSchema schema(String kind) {
    return CACHE.computeIfAbsent(kind, k -> {
      Path file = schemasDir().resolve("strict").resolve(k.toLowerCase(Locale.ROOT) + ".v1.json");
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException("Tekton JSON schema missing: " + file);
      }
      return FACTORY.getSchema(file.toUri());
    });
  }

  private static boolean isSchemasDir(Path dir) {
    return Files.isRegularFile(dir.resolve("strict").resolve("pipeline.v1.json"));
  }
}
