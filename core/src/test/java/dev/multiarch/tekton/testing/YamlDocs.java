package dev.multiarch.tekton.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Parses YAML text (one or several `---` separated documents) into Jackson trees for the checkers. */
final class YamlDocs {

  private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

  /** One parsed document with the label used in findings: {@code Pipeline/name}. */
  record Doc(String kind, String name, JsonNode root) {
    String label() {
      return kind + "/" + name;
    }
  }

  private YamlDocs() {
  }

  static List<Doc> parse(List<String> yamlTexts) {
    List<Doc> docs = new ArrayList<>();
    for (String text : yamlTexts) {
      for (JsonNode root : readAll(text)) {
        docs.add(new Doc(root.path("kind").asText("?"), nameOf(root), root));
      }
    }
    return docs;
  }

  static List<JsonNode> readAll(String yamlText) {
    try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(yamlText)) {
      List<JsonNode> nodes = new ArrayList<>();
      while (it.hasNext()) {
        JsonNode node = it.next();
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          nodes.add(node);
        }
      }
      return nodes;
    } catch (IOException e) {
      throw new UncheckedIOException("not valid YAML: " + e.getMessage(), e);
    }
  }

  static String nameOf(JsonNode root) {
    JsonNode metadata = root.path("metadata");
    if (metadata.hasNonNull("name")) {
      return metadata.get("name").asText();
    }
    if (metadata.hasNonNull("generateName")) {
      return metadata.get("generateName").asText() + "*";
    }
    return "?";
  }
}
