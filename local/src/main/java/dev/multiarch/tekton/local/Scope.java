package dev.multiarch.tekton.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values Tekton substitutes into a Task or Pipeline ({@code $(params.X)}, {@code $(params.X[*])},
 * {@code $(tasks.T.results.R)}, {@code $(workspaces.W.path)}, ...), and the substitution itself. Only
 * references with a Tekton prefix are touched, as in Tekton, so a shell's own {@code $(uname -m)} is left
 * alone; a Tekton reference that names nothing known is an error rather than text left in place.
 */
final class Scope {

  /** A Tekton variable reference; group 1 is the expression between the parentheses. */
  static final Pattern REFERENCE = Pattern.compile(
      "\\$\\(((?:params|tasks|results|workspaces|context|steps)(?:\\.|\\[)[^()$]*)\\)");
  private static final Pattern BRACKET_NAME = Pattern.compile("\\[\\s*['\"]([^'\"]+)['\"]\\s*\\]");
  private static final Pattern INDEX = Pattern.compile("^(.*)\\[(\\d+|\\*)\\]$");

  private final Map<String, String> strings = new HashMap<>();
  private final Map<String, List<String>> arrays = new HashMap<>();

  Scope put(String key, String value) {
    strings.put(key, value);
    return this;
  }

  Scope putArray(String key, List<String> values) {
    arrays.put(key, List.copyOf(values));
    return this;
  }

  /** Adds every value of {@code other}, replacing values under the same keys. */
  Scope putAll(Scope other) {
    strings.putAll(other.strings);
    arrays.putAll(other.arrays);
    return this;
  }

  /** Substitutes every reference in {@code text}; an array may only be used whole as an array element. */
  String text(String text, String where) {
    if (text == null) {
      return null;
    }
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(stringValue(matcher.group(1), where)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * Expands one element of an array-valued field (args, an array param's value): an element that is exactly
   * {@code $(X[*])} becomes all of X's values, any other element becomes one string.
   */
  List<String> element(String element, String where) {
    if (isWholeArray(element)) {
      String expression = normalise(REFERENCE.matcher(element).replaceFirst("$1"));
      return array(expression.substring(0, expression.length() - "[*]".length()), expression, where);
    }
    return List.of(text(element, where));
  }

  /** True if {@code text} is exactly one {@code $(X[*])} reference: a whole array, not a string. */
  static boolean isWholeArray(String text) {
    Matcher matcher = REFERENCE.matcher(text);
    return matcher.matches() && normalise(matcher.group(1)).endsWith("[*]");
  }

  /** Expands every element of an array-valued field. */
  List<String> elements(List<String> elements, String where) {
    List<String> out = new ArrayList<>();
    if (elements != null) {
      for (String element : elements) {
        out.addAll(element(element, where));
      }
    }
    return out;
  }

  private String stringValue(String rawExpression, String where) {
    String expression = normalise(rawExpression);
    String value = strings.get(expression);
    if (value != null) {
      return value;
    }
    Matcher index = INDEX.matcher(expression);
    if (index.matches()) {
      if (index.group(2).equals("*")) {
        throw new UnresolvedReferenceException(where, rawExpression,
            "an array can only be used whole, as an element of an array field");
      }
      List<String> values = array(index.group(1), rawExpression, where);
      int i = Integer.parseInt(index.group(2));
      if (i >= values.size()) {
        throw new UnresolvedReferenceException(where, rawExpression,
            "index " + i + " is out of range; the array has " + values.size() + " values");
      }
      return values.get(i);
    }
    if (arrays.containsKey(expression)) {
      throw new UnresolvedReferenceException(where, rawExpression,
          "it is an array; use $(" + expression + "[*]) as a whole array element");
    }
    throw new UnresolvedReferenceException(where, rawExpression, "nothing of that name is declared");
  }

  private List<String> array(String key, String expression, String where) {
    List<String> values = arrays.get(key);
    if (values == null) {
      String why = strings.containsKey(key) ? "it is a string, not an array" : "nothing of that name is declared";
      throw new UnresolvedReferenceException(where, expression, why);
    }
    return values;
  }

  /** {@code params["a.b"]} and {@code params['x']} are the same variables as {@code params.x}. */
  static String normalise(String expression) {
    return BRACKET_NAME.matcher(expression).replaceAll(".$1").trim();
  }

  /** The names of the pipeline tasks that {@code text} takes results (or status) from. */
  static List<String> taskReferences(String text) {
    return taskReferences(text, false);
  }

  /** The names of the pipeline tasks whose results {@code text} uses; their status does not count. */
  static List<String> resultReferences(String text) {
    return taskReferences(text, true);
  }

  private static List<String> taskReferences(String text, boolean resultsOnly) {
    List<String> names = new ArrayList<>();
    if (text == null) {
      return names;
    }
    Matcher matcher = REFERENCE.matcher(text);
    while (matcher.find()) {
      String[] parts = normalise(matcher.group(1)).split("\\.");
      boolean counts = resultsOnly ? parts.length > 3 && parts[2].equals("results") : parts.length > 2;
      if (parts[0].equals("tasks") && counts && !names.contains(parts[1])) {
        names.add(parts[1]);
      }
    }
    return names;
  }
}
