package dev.multiarch.tekton.input;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What a composed document becomes once its aliases are expanded, measured before anyone expands
 * it. SnakeYAML's node tree shares an anchored node between its uses, so a few hundred bytes of
 * nested aliases ({@code l1: &l1 [*l0, *l0]} ... {@code l24}) compose instantly yet stand for
 * billions of nodes, which any copy of the tree (a conversion to JSON, a merge key) then builds.
 * Each node's expanded weight is computed once (memoised by identity), so measuring is linear in
 * the composed tree; a node that contains itself is refused, as is nesting deeper than the limit
 * once aliases are followed (SnakeYAML's own limit sees only the text's nesting). Counts add up
 * over all documents of one file.
 */
final class AliasBudget {

  /**
   * The expanded size of one node: its nodes, its scalar characters, and how many lists and maps
   * deep it goes.
   */
  private record Weight(long nodes, long characters, int height) {}

  private final String name;
  private final InputLimits limits;
  private final IdentityHashMap<Node, Weight> weights = new IdentityHashMap<>();
  private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
  private long nodes;
  private long characters;

  AliasBudget(String name, InputLimits limits) {
    this.name = name;
    this.limits = limits;
  }

  /** Adds a document to the file's totals; throws {@link InputException} when a limit is passed. */
  void check(Node document) {
    Weight weight = weigh(document, 0);
    nodes += weight.nodes();
    characters += weight.characters();
    if (nodes > limits.maxNodes()) {
      throw over(document, "YAML nodes once aliases are expanded", limits.maxNodes());
    }
    if (characters > limits.maxCharacters()) {
      throw over(document, "characters of text once aliases are expanded", limits.maxCharacters());
    }
  }

  /**
   * The node's weight; {@code above} lists and maps hold it. The recursion stops at the depth
   * limit.
   */
  private Weight weigh(Node node, int above) {
    Weight known = weights.get(node);
    if (known == null) {
      boolean collection = !(node instanceof ScalarNode);
      if (collection && above >= limits.maxDepth()) {
        throw deep(node);
      }
      if (!open.add(node)) {
        throw new InputException(
            name,
            line(node),
            "an alias refers to a node that contains it (a recursive "
                + "structure), which "
                + limits.what()
                + " cannot hold",
            null);
      }
      known = weighChildren(node, above + 1);
      open.remove(node);
      weights.put(node, known);
    }
    if (above + known.height() > limits.maxDepth()) {
      throw deep(node);
    }
    return known;
  }

  private Weight weighChildren(Node node, int above) {
    long count = 1;
    long text = node instanceof ScalarNode scalar ? scalar.getValue().length() : 0;
    int height = 0;
    for (Node child : children(node)) {
      Weight weight = weigh(child, above);
      count += weight.nodes();
      text += weight.characters();
      height = Math.max(height, weight.height());
      // Refused as soon as one subtree is over, so the sums never come near overflowing; the line
      // is that of the
      // (anchored) node whose weight tipped it over.
      if (count > limits.maxNodes()) {
        throw over(child, "YAML nodes once aliases are expanded", limits.maxNodes());
      }
      if (text > limits.maxCharacters()) {
        throw over(child, "characters of text once aliases are expanded", limits.maxCharacters());
      }
    }
    return new Weight(count, text, node instanceof ScalarNode ? 0 : height + 1);
  }

  private static List<Node> children(Node node) {
    if (node instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    if (node instanceof MappingNode mapping) {
      List<Node> children = new java.util.ArrayList<>(mapping.getValue().size() * 2);
      for (NodeTuple tuple : mapping.getValue()) {
        children.add(tuple.getKeyNode());
        children.add(tuple.getValueNode());
      }
      return children;
    }
    return List.of();
  }

  private InputException over(Node node, String what, long limit) {
    return new InputException(
        name,
        line(node),
        "more than " + limit + " " + what + ", the limit for " + limits.what(),
        null);
  }

  private InputException deep(Node node) {
    return new InputException(
        name,
        line(node),
        "nested deeper than "
            + limits.maxDepth()
            + " levels once aliases are followed, the limit for "
            + limits.what(),
        null);
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }
}
