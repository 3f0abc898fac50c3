package dev.multiarch.tekton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where in a build spec a bad value sits, as a row of {@link SpecField} plus the list indexes on
 * the way to it: {@code spec.native[1].tolerations[0].effect} is {@link
 * SpecField#NATIVE_TOLERATIONS} at indexes {@code [1, 0]}. A front end maps {@link #field()} to its
 * own spelling (the command line to its flag) without reading the path's text.
 *
 * @param field the table's row the value belongs to
 * @param indexes the list indexes on the path, outermost first
 */
public record FieldPath(SpecField field, List<Integer> indexes) {

  private static final Pattern STEP = Pattern.compile("\\.?([^.\\[]+)|\\[(\\d+)]");

  public FieldPath {
    indexes = List.copyOf(indexes);
  }

  /**
   * The row of a path as {@link InvalidValueException#field()} names it ({@code spec.platforms[2]},
   * {@code spec.source.buildArgs}), or empty if the path is not inside a row of the table: empty, a
   * map that groups fields ({@code spec.destination}), or no spec path at all.
   */
  public static Optional<FieldPath> of(String path) {
    List<String> keys = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    List<Integer> indexesThrough =
        new ArrayList<>(); // how many indexes the path has up to each key
    Matcher step = STEP.matcher(path);
    int end = 0;
    while (step.lookingAt()) {
      if (step.group(1) != null) {
        keys.add(step.group(1));
        indexesThrough.add(indexes.size());
      } else if (keys.isEmpty()) {
        return Optional.empty();
      } else {
        keys.set(keys.size() - 1, keys.get(keys.size() - 1) + "[]");
        indexes.add(Integer.valueOf(step.group(2)));
        indexesThrough.set(keys.size() - 1, indexes.size());
      }
      end = step.end();
      step.region(end, path.length());
    }
    if (keys.isEmpty() || end != path.length()) {
      return Optional.empty();
    }
    // The longest row that the path starts with: tolerations[0].effect lies inside the tolerations
    // row.
    for (int length = keys.size(); length > 0; length--) {
      String prefix = String.join(".", keys.subList(0, length));
      for (SpecField field : SpecField.values()) {
        if (field.path().equals(prefix) || (field.path() + "[]").equals(prefix)) {
          return Optional.of(
              new FieldPath(field, indexes.subList(0, indexesThrough.get(length - 1))));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The path with its indexes: {@code spec.native[1].tolerations[0]}, {@code spec.platforms[2]}.
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    String[] parts = field.path().split("\\[]", -1);
    for (int i = 0; i < parts.length; i++) {
      text.append(parts[i]);
      if (i < parts.length - 1) {
        text.append('[').append(i < indexes.size() ? indexes.get(i).toString() : "").append(']');
      }
    }
    // An item of a list row: its index follows the row's path.
    for (int i = parts.length - 1; i < indexes.size(); i++) {
      text.append('[').append(indexes.get(i)).append(']');
    }
    return text.toString();
  }
}
