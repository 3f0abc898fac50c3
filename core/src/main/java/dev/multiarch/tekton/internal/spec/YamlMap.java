package dev.multiarch.tekton.internal.spec;

import dev.multiarch.tekton.SpecFileException;
import dev.multiarch.tekton.text.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of a spec file, read with its path: rejects unknown and repeated fields when
 * opened, and reports wrong types and missing fields as {@link SpecFileException}s at the right
 * line.
 */
final class YamlMap {

  private final String file;
  private final String path;
  private final int line;
  private final Map<String, NodeTuple> fields = new LinkedHashMap<>();

  /** {@code known} lists the allowed field names, or is null to allow any. */
  private YamlMap(String file, String path, int line, Node node, List<String> known) {
    this.file = file;
    this.path = path;
    this.line = line;
    if (!(node instanceof MappingNode mapping)) {
      throw error(line, path, "expected a map, got " + kind(node));
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode key)) {
        throw error(line(keyNode), path, "expected field names as keys, got " + kind(keyNode));
      }
      String name = key.getValue();
      String field = join(name);
      NodeTuple earlier = fields.putIfAbsent(name, tuple);
      if (earlier != null) {
        throw error(
            line(keyNode),
            field,
            "duplicate field; first given at line " + line(earlier.getKeyNode()));
      }
      if (known != null && !known.contains(name)) {
        throw error(
            line(keyNode),
            field,
            "unknown field; "
                + Suggestions.didYouMean(name, known)
                + "known: "
                + String.join(", ", known));
      }
    }
  }

  /** The document's root mapping. */
  static YamlMap root(String file, Node node, String... known) {
    return new YamlMap(file, "", line(node), node, Arrays.asList(known));
  }

  /** The mapping under {@code key}, or null if absent. */
  YamlMap map(String key, String... known) {
    NodeTuple tuple = present(key);
    return tuple == null
        ? null
        : new YamlMap(
            file, join(key), line(tuple.getKeyNode()), tuple.getValueNode(), Arrays.asList(known));
  }

  YamlMap requiredMap(String key, String... known) {
    return required(key, map(key, known));
  }

  /** The text of the scalar under {@code key}, or null if absent. */
  String string(String key) {
    NodeTuple tuple = present(key);
    return tuple == null ? null : scalar(tuple.getValueNode(), join(key), "a string");
  }

  String requiredString(String key) {
    return required(key, string(key));
  }

  /** {@code true} or {@code false}, or null if absent. */
  Boolean bool(String key) {
    String text = string(key);
    if (text == null || text.equals("true") || text.equals("false")) {
      return text == null ? null : Boolean.valueOf(text);
    }
    throw error(
        line(fields.get(key).getValueNode()),
        join(key),
        "expected true or false, got '" + text + "'");
  }

  /** The texts of the list of scalars under {@code key}, or null if absent. */
  List<String> stringList(String key) {
    NodeTuple tuple = present(key);
    if (tuple == null) {
      return null;
    }
    String field = join(key);
    if (!(tuple.getValueNode() instanceof SequenceNode sequence)) {
      throw error(
          line(tuple.getValueNode()),
          field,
          "expected a list of strings, got " + kind(tuple.getValueNode()));
    }
    List<String> texts = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      texts.add(scalar(item, field + "[" + texts.size() + "]", "a string"));
    }
    return texts;
  }

  /**
   * The mappings of the list under {@code key}, each with its path {@code key[i]}, or null if
   * absent.
   */
  List<YamlMap> mapList(String key, String... known) {
    NodeTuple tuple = present(key);
    if (tuple == null) {
      return null;
    }
    String field = join(key);
    if (!(tuple.getValueNode() instanceof SequenceNode sequence)) {
      throw error(
          line(tuple.getValueNode()),
          field,
          "expected a list of maps, got " + kind(tuple.getValueNode()));
    }
    List<YamlMap> maps = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      maps.add(
          new YamlMap(
              file, field + "[" + maps.size() + "]", line(item), item, Arrays.asList(known)));
    }
    return maps;
  }

  List<String> requiredStringList(String key) {
    return required(key, stringList(key));
  }

  /** The mapping of names to scalar texts under {@code key}, in order, or null if absent. */
  Map<String, String> stringMap(String key) {
    NodeTuple tuple = present(key);
    if (tuple == null) {
      return null;
    }
    return new YamlMap(file, join(key), line(tuple.getKeyNode()), tuple.getValueNode(), null)
        .texts();
  }

  private Map<String, String> texts() {
    Map<String, String> texts = new LinkedHashMap<>();
    fields.forEach(
        (name, tuple) -> texts.put(name, scalar(tuple.getValueNode(), join(name), "a string")));
    return texts;
  }

  private NodeTuple present(String key) {
    NodeTuple tuple = fields.get(key);
    return tuple == null || isNull(tuple.getValueNode()) ? null : tuple;
  }

  private <T> T required(String key, T value) {
    if (value == null) {
      throw error(line, join(key), "required");
    }
    return value;
  }

  private String scalar(Node node, String field, String expected) {
    if (!(node instanceof ScalarNode scalar)) {
      throw error(line(node), field, "expected " + expected + ", got " + kind(node));
    }
    // The text as written: `1.10` stays "1.10", a null item reads as empty and fails the value's
    // check.
    return isNull(node) ? "" : scalar.getValue();
  }

  private String join(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private SpecFileException error(int at, String field, String problem) {
    return new SpecFileException(file, at, field, problem, null);
  }

  static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  private static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a map";
    }
    return node instanceof SequenceNode ? "a list" : isNull(node) ? "null" : "a string";
  }
}
