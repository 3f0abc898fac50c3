package dev.multiarch.tekton.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * What one rule found, each problem with a path relative to where the rule looked. The caller composes the path on
 * the way out ({@link #viaField}, {@link #viaIndex}, {@link #viaFieldIndex}), as Tekton's {@code apis.FieldError}
 * does, so that no rule needs to know where it was called from.
 */
public final class Errs {

  /**
   * One problem.
   *
   * @param path where, in Tekton's notation ({@code spec.tasks[1].runAfter[0]}); empty for "here"
   * @param message what is wrong and, where it helps, what is allowed
   * @param project whether it is this project's rule rather than Tekton's
   */
  public record Err(String path, String message, boolean project) {
  }

  public static final Errs NONE = new Errs(List.of());

  private final List<Err> list;

  private Errs(List<Err> list) {
    this.list = list;
  }

  /** One Tekton problem at {@code path}. */
  public static Errs of(String path, String message) {
    return new Errs(List.of(new Err(path, message, false)));
  }

  /** One problem of this project's rules at {@code path}. */
  public static Errs project(String path, String message) {
    return new Errs(List.of(new Err(path, message, true)));
  }

  /** The same problems, reported as a {@link RuleSet}'s rather than Tekton's. */
  public Errs asProject() {
    if (list.isEmpty()) {
      return this;
    }
    return new Errs(list.stream().map(e -> new Err(e.path(), e.message(), true)).toList());
  }

  /** The same problems less those of a {@link RuleSet} or the validator's hints: Tekton's rules only. */
  public Errs tektonOnly() {
    if (list.stream().noneMatch(Err::project)) {
      return this;
    }
    return new Errs(list.stream().filter(e -> !e.project()).toList());
  }

  /** These problems and {@code other}'s. */
  public Errs also(Errs other) {
    if (other.list.isEmpty()) {
      return this;
    }
    if (list.isEmpty()) {
      return other;
    }
    List<Err> both = new ArrayList<>(list.size() + other.list.size());
    both.addAll(list);
    both.addAll(other.list);
    return new Errs(both);
  }

  /** The same problems, seen from the object that holds them under {@code field}. */
  public Errs viaField(String field) {
    return map(path -> path.isEmpty() ? field : path.startsWith("[") ? field + path : field + "." + path);
  }

  /** The same problems, seen from the list that holds them at {@code index}. */
  public Errs viaIndex(int index) {
    String at = "[" + index + "]";
    return map(path -> path.isEmpty() ? at : path.startsWith("[") ? at + path : at + "." + path);
  }

  /** {@code viaIndex(index).viaField(field)}. */
  public Errs viaFieldIndex(String field, int index) {
    return viaIndex(index).viaField(field);
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }

  public List<Err> list() {
    return list;
  }

  private Errs map(java.util.function.UnaryOperator<String> path) {
    if (list.isEmpty()) {
      return this;
    }
    List<Err> mapped = new ArrayList<>(list.size());
    for (Err err : list) {
      mapped.add(new Err(path.apply(err.path()), err.message(), err.project()));
    }
    return new Errs(mapped);
  }
}
