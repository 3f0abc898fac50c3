package dev.multiarch.tekton;

import dev.multiarch.tekton.model.KubernetesNames;
import java.util.List;

/**
 * A toleration a pinned build carries, so that it may run on nodes tainted for it (an arm64 pool
 * tainted {@code arch=arm64:NoSchedule}, say). The fields are Kubernetes' own; Kubernetes' rules
 * apply.
 *
 * <p>The constructor throws {@link InvalidValueException} on a bad value, naming {@code key},
 * {@code operator}, {@code value} or {@code effect}.
 *
 * @param key the taint key, a label key; empty matches every key (then the operator must be {@code
 *     Exists})
 * @param operator {@code Equal} (the default) or {@code Exists}
 * @param value the taint value, a label value; empty with {@code Exists}
 * @param effect {@code NoSchedule}, {@code PreferNoSchedule}, {@code NoExecute}, or empty for all
 *     of them
 */
public record NodeToleration(String key, String operator, String value, String effect) {

  public static final String EQUAL = "Equal";
  public static final String EXISTS = "Exists";
  private static final List<String> EFFECTS =
      List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  public NodeToleration {
    key = key == null ? "" : key;
    operator = operator == null || operator.isEmpty() ? EQUAL : operator;
    value = value == null ? "" : value;
    effect = effect == null ? "" : effect;
    if (!operator.equals(EQUAL) && !operator.equals(EXISTS)) {
      throw new InvalidValueException("operator", operator, "Equal or Exists");
    }
    if (!key.isEmpty()) {
      String k = key;
      KubernetesNames.labelKeyProblem(k)
          .ifPresent(
              allowed -> {
                throw new InvalidValueException("key", k, allowed);
              });
    } else if (operator.equals(EQUAL)) {
      throw new InvalidValueException(
          "key", key, "a taint key: only operator Exists may leave it empty");
    }
    if (operator.equals(EXISTS) && !value.isEmpty()) {
      throw new InvalidValueException("value", value, "no value with operator Exists");
    }
    String v = value;
    KubernetesNames.labelValueProblem(v)
        .ifPresent(
            allowed -> {
              throw new InvalidValueException("value", v, allowed);
            });
    if (!effect.isEmpty() && !EFFECTS.contains(effect)) {
      throw new InvalidValueException(
          "effect", effect, "one of " + String.join(", ", EFFECTS) + ", or empty for all");
    }
  }
}
