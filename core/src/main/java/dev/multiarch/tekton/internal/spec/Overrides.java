package dev.multiarch.tekton.internal.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Merges values given outside the file (command-line flags) into a composed spec-file tree, so that they
 * pass the same checks. Their nodes have no position: problems with them are reported without a line.
 */
final class Overrides {

  private Overrides() {
  }

  /**
   * Sets each value of {@code overrides}, a map shaped like the spec file (maps, lists, strings, booleans),
   * into {@code root}; a map merges into a map, anything else replaces what the file gave.
   */
  static void merge(MappingNode root, Map<String, ?> overrides) {
    overrides.forEach((key, value) -> {
      NodeTuple existing = root.getValue().stream()
          .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
          .findFirst().orElse(null);
      if (existing != null && value instanceof Map<?, ?> map
          && existing.getValueNode() instanceof MappingNode mapping) {
        merge(mapping, cast(map));
        return;
      }
      NodeTuple tuple = new NodeTuple(scalar(key), node(value));
      if (existing == null) {
        root.getValue().add(tuple);
      } else {
        root.getValue().set(root.getValue().indexOf(existing), tuple);
      }
    });
  }

  /** An empty document to merge overrides into when there is no file. */
  static MappingNode emptyRoot() {
    MappingNode root = new MappingNode(Tag.MAP, new ArrayList<>(), FlowStyle.BLOCK);
    merge(root, Map.of("apiVersion", SpecFileParser.API_VERSION, "kind", SpecFileParser.KIND));
    return root;
  }

  private static Node node(Object value) {
    if (value instanceof Map<?, ?> map) {
      MappingNode mapping = new MappingNode(Tag.MAP, new ArrayList<>(), FlowStyle.BLOCK);
      merge(mapping, cast(map));
      return mapping;
    }
    if (value instanceof List<?> list) {
      return new SequenceNode(Tag.SEQ, list.stream().map(Overrides::node).toList(), FlowStyle.BLOCK);
    }
    return scalar(String.valueOf(value));
  }

  private static ScalarNode scalar(String text) {
    return new ScalarNode(Tag.STR, text, null, null, ScalarStyle.PLAIN);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> cast(Map<?, ?> map) {
    return (Map<String, ?>) map;
  }
}
