package dev.multiarch.tekton.validate.internal.structure;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Duration;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.tekton.v1.ParamValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What JSON a model type stands for. Most follow from the Java type; a few fabric8 types are
 * written in YAML as something else than their Java shape (a {@link Duration} is {@code "1h30m"}),
 * and types this check does not know accept anything, so that it never reports a problem it cannot
 * be sure of.
 */
// Its predicates are method references to JsonNode's is* methods, which hold no state.
@SuppressWarnings("ImmutableEnumChecker")
enum Shape {
  ANY("anything", node -> true),
  STRING("a string", JsonNode::isTextual),
  INTEGER("an integer", JsonNode::isIntegralNumber),
  NUMBER("a number", JsonNode::isNumber),
  BOOLEAN("a boolean", JsonNode::isBoolean),
  QUANTITY("a string or a number", node -> node.isTextual() || node.isNumber()),
  INT_OR_STRING("a string or an integer", node -> node.isTextual() || node.isIntegralNumber()),
  // Tekton's ParamValue.UnmarshalJSON reads any other scalar (a YAML true or 8080) as its text.
  PARAM_VALUE(
      "a string, an array of strings or an object of strings",
      node -> node.isValueNode() || node.isArray() || node.isObject()),
  ARRAY("an array", JsonNode::isArray),
  MAP("an object", JsonNode::isObject),
  BEAN("an object", JsonNode::isObject);

  private static final Set<Class<?>> INTEGERS =
      Set.of(
          Integer.class,
          int.class,
          Long.class,
          long.class,
          Short.class,
          short.class,
          Byte.class,
          byte.class,
          BigInteger.class);
  private static final Set<Class<?>> NUMBERS =
      Set.of(Double.class, double.class, Float.class, float.class, BigDecimal.class);

  private final String expected;
  private final Predicate<JsonNode> accepts;

  Shape(String expected, Predicate<JsonNode> accepts) {
    this.expected = expected;
    this.accepts = accepts;
  }

  /** {@code a string}, {@code an array}, ...: what a node of this shape must be. */
  String expected() {
    return expected;
  }

  /**
   * Whether the node itself has this shape; elements, entries and fields are checked by the caller.
   */
  boolean accepts(JsonNode node) {
    return accepts.test(node);
  }

  static Shape of(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == ParamValue.class || raw == io.fabric8.tekton.v1beta1.ParamValue.class) {
      return PARAM_VALUE;
    }
    if (raw == Quantity.class) {
      return QUANTITY;
    }
    if (raw == IntOrString.class) {
      return INT_OR_STRING;
    }
    if (raw == String.class || raw == Duration.class || raw.isEnum()) {
      return STRING;
    }
    if (INTEGERS.contains(raw)) {
      return INTEGER;
    }
    if (NUMBERS.contains(raw)) {
      return NUMBER;
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return BOOLEAN;
    }
    if (type.isCollectionLikeType()) {
      return ARRAY;
    }
    if (type.isMapLikeType()) {
      return of(type.getContentType()) == ANY ? ANY : MAP;
    }
    return ModelFields.isModel(type) ? BEAN : ANY;
  }
}
