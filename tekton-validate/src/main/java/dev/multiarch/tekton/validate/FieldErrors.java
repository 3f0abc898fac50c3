package dev.multiarch.tekton.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * What one rule found, each problem with a path relative to where the rule looked: what the
 * validator's rules and a {@link RuleSet}'s return. The caller composes the path on the way out
 * ({@link #viaField}, {@link #viaIndex}, {@link #viaFieldIndex}), as Tekton's {@code
 * apis.FieldError} does, so that no rule needs to know where it was called from.
 */
public final class FieldErrors {

  /**
   * One problem.
   *
   * @param path where, in Tekton's notation ({@code spec.tasks[1].runAfter[0]}); empty for "here"
   * @param message what is wrong and, where it helps, what is allowed
   * @param project whether a rule set or the reference hints found it rather than Tekton's rules
   */
  public record Err(String path, String message, boolean project) {}

  public static final FieldErrors NONE = new FieldErrors(List.of());

  private final List<Err> list;

  private FieldErrors(List<Err> list) {
    this.list = list;
  }

  /** One Tekton problem at {@code path}. */
  public static FieldErrors of(String path, String message) {
    return new FieldErrors(List.of(new Err(path, message, false)));
  }

  /** One problem of this project's rules at {@code path}. */
  public static FieldErrors project(String path, String message) {
    return new FieldErrors(List.of(new Err(path, message, true)));
  }

  /** The same problems, reported as a {@link RuleSet}'s rather than Tekton's. */
  public FieldErrors asProject() {
    if (list.isEmpty()) {
      return this;
    }
    return new FieldErrors(list.stream().map(e -> new Err(e.path(), e.message(), true)).toList());
  }

  /**
   * The same problems less those of a {@link RuleSet} or the validator's hints: Tekton's rules
   * only.
   */
  public FieldErrors tektonOnly() {
    if (list.stream().noneMatch(Err::project)) {
      return this;
    }
    return new FieldErrors(list.stream().filter(e -> !e.project()).toList());
  }

  /** These problems and {@code other}'s. */
  public FieldErrors also(FieldErrors other) {
    if (other.list.isEmpty()) {
      return this;
    }
    if (list.isEmpty()) {
      return other;
    }
    List<Err> both = new ArrayList<>(list.size() + other.list.size());
    both.addAll(list);
    both.addAll(other.list);
    return new FieldErrors(both);
  }

  /** The same problems, seen from the object that holds them under {@code field}. */
  public FieldErrors viaField(String field) {
    return map(
        path -> path.isEmpty() ? field : path.startsWith("[") ? field + path : field + "." + path);
  }

  /** The same problems, seen from the list that holds them at {@code index}. */
  public FieldErrors viaIndex(int index) {
    String at = "[" + index + "]";
    return map(path -> path.isEmpty() ? at : path.startsWith("[") ? at + path : at + "." + path);
  }

  /** {@code viaIndex(index).viaField(field)}. */
  public FieldErrors viaFieldIndex(String field, int index) {
    return viaIndex(index).viaField(field);
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public List<Err> list() {
    return list;
  }

  private FieldErrors map(java.util.function.UnaryOperator<String> path) {
    if (list.isEmpty()) {
      return this;
    }
    List<Err> mapped = new ArrayList<>(list.size());
    for (Err err : list) {
      mapped.add(new Err(path.apply(err.path()), err.message(), err.project()));
    }
    return new FieldErrors(mapped);
  }
}
