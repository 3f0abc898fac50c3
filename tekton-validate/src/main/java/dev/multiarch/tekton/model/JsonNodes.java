package dev.multiarch.tekton.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Null-safe reading of Jackson trees of Tekton YAML, shared by the validator's rules and the rule sets on top. */
public final class JsonNodes {

  private JsonNodes() {
  }

  /** The elements of an array node; empty for null, a missing node or anything that is not an array. */
  public static List<JsonNode> list(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(out::add);
    }
    return out;
  }
}
