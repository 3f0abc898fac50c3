package dev.multiarch.tekton.internal.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Finds the line of a field path such as {@code spec.platforms[2]} in a composed YAML document. */
final class FieldLines {

  private static final Pattern STEP = Pattern.compile("([^.\\[]+)|\\[(\\d+)]");

  private FieldLines() {}

  /**
   * The line of the field's key or list item; of its nearest given ancestor if it is absent (a
   * default); of the key {@code value} if the field is a mapping holding it (a bad build-arg name).
   */
  static int lineOf(Node root, String field, String value) {
    Node node = root;
    int line = YamlMap.line(root);
    Matcher step = STEP.matcher(field);
    while (step.find() && node != null) {
      Node key = step.group(1) != null ? key(node, step.group(1)) : null;
      node =
          step.group(1) != null
              ? value(node, step.group(1))
              : item(node, Integer.parseInt(step.group(2)));
      if (node != null) {
        line = YamlMap.line(key != null ? key : node);
      }
    }
    Node named = node == null ? null : key(node, value);
    return named != null ? YamlMap.line(named) : line;
  }

  private static Node key(Node node, String name) {
    NodeTuple tuple = tuple(node, name);
    return tuple == null ? null : tuple.getKeyNode();
  }

  private static Node value(Node node, String name) {
    NodeTuple tuple = tuple(node, name);
    return tuple == null ? null : tuple.getValueNode();
  }

  private static NodeTuple tuple(Node node, String name) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
          return tuple;
        }
      }
    }
    return null;
  }

  private static Node item(Node node, int index) {
    return node instanceof SequenceNode sequence && index < sequence.getValue().size()
        ? sequence.getValue().get(index)
        : null;
  }
}
