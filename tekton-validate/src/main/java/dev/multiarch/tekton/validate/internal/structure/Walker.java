package dev.multiarch.tekton.validate.internal.structure;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.validate.internal.structure.StructureCheck.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks a JSON tree alongside a model type and collects every problem. Paths follow Tekton's
 * notation: fields and map keys joined with dots, list elements as {@code [i]} ({@code
 * spec.tasks[1].taskRef.name}).
 */
final class Walker {

  private final List<Problem> problems = new ArrayList<>();

  private Walker() {}

  /** Every problem of the object {@code root} read as model {@code type}, in document order. */
  static List<Problem> check(JsonNode root, JavaType type) {
    Walker walker = new Walker();
    walker.object(root, type, "");
    return List.copyOf(walker.problems);
  }

  // node is an object: the caller has checked it.
  private void object(JsonNode node, JavaType type, String path) {
    Map<String, JavaType> fields = ModelFields.of(type);
    node.fields()
        .forEachRemaining(
            field -> {
              String at = field(path, field.getKey());
              JavaType fieldType = fields.get(field.getKey());
              if (fieldType == null) {
                problems.add(
                    new Problem(at, UnknownFields.message(field.getKey(), fields.keySet())));
              } else if (!field.getValue().isNull()) {
                value(field.getValue(), fieldType, at);
              }
            });
    for (String name : RequiredFields.missing(type.getRawClass(), node)) {
      problems.add(new Problem(field(path, name), "required field '" + name + "' is missing"));
    }
  }

  private void value(JsonNode node, JavaType type, String path) {
    Shape shape = Shape.of(type);
    if (!shape.accepts(node)) {
      mismatch(shape, node, path);
      return;
    }
    switch (shape) {
      case ARRAY -> elements(node, type.getContentType(), path);
      case MAP -> entries(node, type.getContentType(), path);
      case PARAM_VALUE -> paramValue(node, path);
      case BEAN -> object(node, type, path);
      default -> {
        // a scalar of the right type
      }
    }
  }

  private void elements(JsonNode array, JavaType elementType, String path) {
    for (int i = 0; i < array.size(); i++) {
      value(array.get(i), elementType, path + "[" + i + "]");
    }
  }

  private void entries(JsonNode object, JavaType valueType, String path) {
    object
        .fields()
        .forEachRemaining(entry -> value(entry.getValue(), valueType, field(path, entry.getKey())));
  }

  // A param value is a string, an array of strings or an object of strings (Tekton's ParamValue
  // JSON forms). A YAML
  // boolean or number as the whole value is read as its text, as Tekton's ParamValue.UnmarshalJSON
  // reads it; inside
  // an array or object it would turn the whole value into one string, so it is reported.
  private void paramValue(JsonNode node, String path) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        string(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isObject()) {
      node.fields()
          .forEachRemaining(entry -> string(entry.getValue(), field(path, entry.getKey())));
    }
  }

  private void string(JsonNode node, String path) {
    if (!Shape.STRING.accepts(node)) {
      mismatch(Shape.STRING, node, path);
    }
  }

  private void mismatch(Shape shape, JsonNode node, String path) {
    problems.add(
        new Problem(path, "expected " + shape.expected() + ", got " + JsonTypes.describe(node)));
  }

  private static String field(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }
}
