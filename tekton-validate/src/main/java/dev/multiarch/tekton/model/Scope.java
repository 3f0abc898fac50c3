package dev.multiarch.tekton.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values Tekton's reconciler substitutes into a Task or Pipeline ({@code $(params.X)}, {@code
 * $(params.X[*])}, {@code $(tasks.T.results.R)}, {@code $(workspaces.W.path)}, ...), and the
 * substitution itself, reading references as {@link Reference} does. What Tekton does not read as a
 * reference (a shell's {@code $(uname -m)}, {@code $(params[ 'x' ])}) is left alone, as Tekton
 * leaves it; a reference that names nothing known is an error rather than text left in place, so
 * that a run never goes on with a value Tekton would have had.
 */
public final class Scope {

  private final Map<String, String> strings = new HashMap<>();
  private final Map<String, List<String>> arrays = new HashMap<>();

  /** Adds a string value under its dot-form key, {@code params.X} or {@code tasks.T.results.R}. */
  public Scope put(String key, String value) {
    strings.put(key, value);
    return this;
  }

  /** Adds an array value; its elements are also reachable by index, {@code $(params.X[0])}. */
  public Scope putArray(String key, List<String> values) {
    arrays.put(key, List.copyOf(values));
    return this;
  }

  /** Adds an object value: each key is reachable as {@code $(params.X.key)}. */
  public Scope putObject(String key, Map<String, String> values) {
    values.forEach((k, v) -> strings.put(key + "." + k, v));
    return this;
  }

  /** Adds every value of {@code other}, replacing values under the same keys. */
  public Scope putAll(Scope other) {
    strings.putAll(other.strings);
    arrays.putAll(other.arrays);
    return this;
  }

  /** Whether {@code key} holds an array. */
  public boolean isArray(String key) {
    return arrays.containsKey(key);
  }

  /**
   * Substitutes every reference in {@code text}; an array may only be used whole as an array
   * element.
   */
  public String text(String text, String where) {
    if (text == null) {
      return null;
    }
    List<Reference> references = Reference.find(text);
    if (references.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Reference reference : references) {
      out.append(text, at, reference.start()).append(stringValue(reference, where));
      at = reference.end();
    }
    return out.append(text.substring(at)).toString();
  }

  /**
   * Expands one element of an array-valued field (args, an array param's value), as Tekton's {@code
   * ApplyArrayReplacements} does: an element that is exactly one reference to an array, {@code
   * $(X[*])} or {@code $(X)}, becomes all of X's values; any other element becomes one string.
   */
  public List<String> element(String element, String where) {
    var whole = Reference.isolated(element);
    if (whole.isPresent() && (whole.get().whole() || whole.get().index().isEmpty())) {
      String key = keyOf(whole.get());
      if (arrays.containsKey(key)) {
        return arrays.get(key);
      }
      if (whole.get().whole()) {
        throw new UnresolvedReferenceException(
            where,
            whole.get().expression(),
            strings.containsKey(key)
                ? "it is a string, not an array"
                : "nothing of that name is declared");
      }
    }
    return List.of(text(element, where));
  }

  /**
   * Whether {@code text} is exactly one reference to an array of this scope: a whole array, not a
   * string.
   */
  public boolean isWholeArray(String text) {
    var whole = Reference.isolated(text);
    return whole.isPresent()
        && (whole.get().whole() || whole.get().index().isEmpty())
        && arrays.containsKey(keyOf(whole.get()));
  }

  /** Expands every element of an array-valued field. */
  public List<String> elements(List<String> elements, String where) {
    List<String> out = new ArrayList<>();
    if (elements != null) {
      for (String element : elements) {
        out.addAll(element(element, where));
      }
    }
    return out;
  }

  private String stringValue(Reference reference, String where) {
    String key = keyOf(reference);
    String index = reference.index();
    if (index.isEmpty()) {
      String value = strings.get(key);
      if (value != null) {
        return value;
      }
      if (arrays.containsKey(key)) {
        throw new UnresolvedReferenceException(
            where,
            reference.expression(),
            "it is an array; use $(" + key + "[*]) as a whole array element");
      }
      throw new UnresolvedReferenceException(
          where, reference.expression(), "nothing of that name is declared");
    }
    if (index.equals("*")) {
      throw new UnresolvedReferenceException(
          where,
          reference.expression(),
          "an array can only be used whole, as an element of an array field");
    }
    List<String> values = arrays.get(key);
    if (values == null) {
      throw new UnresolvedReferenceException(
          where,
          reference.expression(),
          strings.containsKey(key)
              ? "it is a string, not an array"
              : "nothing of that name is declared");
    }
    int i = Integer.parseInt(index);
    if (i >= values.size()) {
      throw new UnresolvedReferenceException(
          where,
          reference.expression(),
          "index " + i + " is out of range; the array has " + values.size() + " values");
    }
    return values.get(i);
  }

  /**
   * The key a reference is looked up by: {@code params["a"]} and {@code params['a']} are {@code
   * params.a}.
   */
  private static String keyOf(Reference reference) {
    return reference.key();
  }
}
