package dev.multiarch.tekton.validate.internal.structure;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Names the JSON type of a node the way messages say it: {@code a string}, {@code an array}, ...
 */
final class JsonTypes {

  private JsonTypes() {}

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isIntegralNumber()) {
      return "an integer";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
