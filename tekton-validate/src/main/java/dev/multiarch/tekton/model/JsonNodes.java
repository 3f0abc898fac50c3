package dev.multiarch.tekton.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Null-safe reading of the lists in a Tekton document, whether it is read as a Jackson tree or
 * bound to fabric8 model objects: a list the YAML leaves out is absent from the tree and {@code
 * null} in the model.
 */
public final class JsonNodes {

  private JsonNodes() {}

  /**
   * The elements of an array node, in order; none when the node is absent, {@code null} or not an
   * array.
   */
  public static List<JsonNode> list(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(out::add);
    }
    return out;
  }

  /**
   * A list field of a fabric8 model object as it is, or an empty list when the field is {@code
   * null}.
   */
  public static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }
}
