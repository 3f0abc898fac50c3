package dev.multiarch.tekton.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multiarch.tekton.input.BoundedInput;
import dev.multiarch.tekton.input.InputException;
import dev.multiarch.tekton.input.InputLimits;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses YAML text (one or several {@code ---} separated documents) into Jackson trees for the
 * checkers, keeping the line of every field and element so that findings can say {@code file:line}.
 * SnakeYAML's node tree is the one source of both, so trees and lines cannot disagree; scalars get
 * the types SnakeYAML's resolver gives them.
 */
public final class YamlDocs {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * One parsed document.
   *
   * @param source the file (or other name) it came from
   * @param kind its {@code kind}, or {@code ?}
   * @param name its {@code metadata.name}, or {@code generateName*}, or {@code ?}
   * @param root the document as a Jackson tree
   * @param lines the 1-based line of every path in the document ({@code spec.tasks[1].name})
   * @param duplicateKeys paths of mapping keys given twice (YAML keeps the last; Kubernetes rejects
   *     them)
   */
  public record Doc(
      String source,
      String kind,
      String name,
      JsonNode root,
      Map<String, Integer> lines,
      List<String> duplicateKeys) {

    /** {@code Kind/name}, as findings name a document. */
    public String label() {
      return kind + "/" + name;
    }

    /** The line of {@code path}, or of its nearest ancestor that has one. */
    public int line(String path) {
      String at = path;
      while (!at.isEmpty()) {
        Integer line = lines.get(at);
        if (line != null) {
          return line;
        }
        int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
        at = cut < 0 ? "" : at.substring(0, cut);
      }
      return lines.getOrDefault("", 1);
    }
  }

  private YamlDocs() {}

  /**
   * Parses every document of {@code text}, within {@link InputLimits#TEKTON_FILE}.
   *
   * @throws YamlInputException naming {@code source} and the line when the text is over a limit or
   *     not YAML
   */
  public static List<Doc> parse(String source, String text) {
    List<Node> nodes;
    try {
      nodes = BoundedInput.composeAll(source, text, InputLimits.TEKTON_FILE);
    } catch (InputException e) {
      throw new YamlInputException(source, e.line(), e.problem(), e);
    }
    List<Doc> docs = new ArrayList<>();
    for (Node node : nodes) {
      if (node == null || (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL))) {
        continue;
      }
      Map<String, Integer> lines = new HashMap<>();
      List<String> duplicates = new ArrayList<>();
      lines.put("", line(node.getStartMark()));
      JsonNode root = convert(node, "", lines, duplicates);
      docs.add(
          new Doc(
              source,
              root.path("kind").asText("?"),
              nameOf(root),
              root,
              Map.copyOf(lines),
              List.copyOf(duplicates)));
    }
    return docs;
  }

  private static JsonNode convert(
      Node node, String path, Map<String, Integer> lines, List<String> duplicates) {
    if (node instanceof MappingNode mapping) {
      ObjectNode object = JSON.objectNode();
      Set<String> explicit = new HashSet<>();
      // YAML merge keys (<<: *base, <<: [*a, *b]) as kubectl resolves them: the merged mappings
      // give the fields the
      // mapping does not set itself, an earlier one winning over a later one.
      for (NodeTuple tuple : mapping.getValue()) {
        if (isMerge(tuple.getKeyNode())) {
          Node value = tuple.getValueNode();
          List<Node> sources =
              value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
          for (Node source : sources) {
            if (source instanceof MappingNode) {
              convert(source, path, lines, new ArrayList<>())
                  .fields()
                  .forEachRemaining(
                      e -> {
                        if (!object.has(e.getKey())) {
                          object.set(e.getKey(), e.getValue());
                        }
                      });
            }
          }
        }
      }
      for (NodeTuple tuple : mapping.getValue()) {
        if (isMerge(tuple.getKeyNode())) {
          continue;
        }
        String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
        String at = path.isEmpty() ? key : path + "." + key;
        if (!explicit.add(key)) {
          duplicates.add(at);
        }
        lines.put(at, line(tuple.getKeyNode().getStartMark()));
        object.set(key, convert(tuple.getValueNode(), at, lines, duplicates));
      }
      return object;
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = JSON.arrayNode();
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        String at = path + "[" + i + "]";
        lines.put(at, line(items.get(i).getStartMark()));
        array.add(convert(items.get(i), at, lines, duplicates));
      }
      return array;
    }
    return scalar((ScalarNode) node);
  }

  private static boolean isMerge(Node key) {
    return key instanceof ScalarNode scalar
        && (scalar.getTag().equals(Tag.MERGE)
            || ("<<".equals(scalar.getValue())
                && scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN));
  }

  private static JsonNode scalar(ScalarNode node) {
    String value = node.getValue();
    Tag tag = node.getTag();
    try {
      if (tag.equals(Tag.NULL)) {
        return JSON.nullNode();
      }
      if (tag.equals(Tag.BOOL)) {
        return JSON.booleanNode(
            value.equalsIgnoreCase("true")
                || value.equalsIgnoreCase("yes")
                || value.equalsIgnoreCase("on")
                || value.equalsIgnoreCase("y"));
      }
      if (tag.equals(Tag.INT)) {
        return JSON.numberNode(new BigInteger(value.replace("_", "")));
      }
      if (tag.equals(Tag.FLOAT)) {
        return JSON.numberNode(Double.parseDouble(value.replace("_", "")));
      }
    } catch (NumberFormatException e) {
      // 0x1f, 0o17, .inf and other YAML 1.1 spellings: kept as text, which no Tekton field needs as
      // a number.
    }
    return JSON.textNode(value);
  }

  private static int line(Mark mark) {
    return mark.getLine() + 1;
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
