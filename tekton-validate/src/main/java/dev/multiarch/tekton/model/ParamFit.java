package dev.multiarch.tekton.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the params a pipeline task (or a PipelineRun, or a step) passes fit the params its Task (or
 * Pipeline, or StepAction) declares, as Tekton's reconciler checks them once it has resolved the
 * reference ({@code ValidateRequiredParametersProvided}, {@code ValidateParamTypesMatching}): every
 * param without a default is passed, and each passed value has the declared type. Params the Task
 * does not declare are ignored by Tekton (they may be meant for propagation); {@link #undeclared}
 * names them for those who want to know.
 */
public final class ParamFit {

  /** A declared param: its name, type (string, array, object) and whether it has a default. */
  public record Declared(String name, String type, boolean hasDefault) {}

  /**
   * A passed param: its name and the type of its value, or an empty type when a reference hides it.
   */
  public record Passed(String name, String type) {}

  /**
   * One way a passed set does not fit: a required param not passed ({@code passedType} empty), or
   * passed with the wrong type.
   */
  public record Misfit(String name, String declaredType, String passedType) {

    /** Whether the param is missing rather than of the wrong type. */
    public boolean missing() {
      return passedType.isEmpty();
    }

    /**
     * {@code required param 'X' of Task 'y' is not passed}, or {@code param 'X' of ... is declared
     * array but ...}.
     */
    public String describe(String of) {
      return missing()
          ? "required param '" + name + "' of " + of + " is not passed"
          : "param '"
              + name
              + "' of "
              + of
              + " is declared "
              + declaredType
              + " but is passed "
              + article(passedType);
    }
  }

  private ParamFit() {}

  /**
   * The misfits, declared params first (missing ones), then passed ones (wrong types), each in its
   * order.
   */
  public static List<Misfit> check(List<Declared> declared, List<Passed> passed) {
    Map<String, Passed> byName = new LinkedHashMap<>();
    passed.forEach(p -> byName.putIfAbsent(p.name(), p));
    List<Misfit> misfits = new ArrayList<>();
    for (Declared d : declared) {
      Passed p = byName.get(d.name());
      if (p == null) {
        if (!d.hasDefault()) {
          misfits.add(new Misfit(d.name(), d.type(), ""));
        }
      } else if (!p.type().isEmpty() && !p.type().equals(d.type())) {
        misfits.add(new Misfit(d.name(), d.type(), p.type()));
      }
    }
    return misfits;
  }

  /** The passed params that {@code declared} does not name. */
  public static List<String> undeclared(List<Declared> declared, List<Passed> passed) {
    List<String> names = declared.stream().map(Declared::name).toList();
    return passed.stream().map(Passed::name).filter(n -> !names.contains(n)).toList();
  }

  private static String article(String type) {
    return ("array".equals(type) || "object".equals(type) ? "an " : "a ") + type;
  }
}
