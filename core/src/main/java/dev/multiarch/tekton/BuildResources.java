package dev.multiarch.tekton;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * What one build pod requests of its node. Without requests a pod is BestEffort, the first to be
 * evicted under pressure; and the build's vfs storage lives in an emptyDir, so it needs ephemeral
 * storage. The memory request is also the memory limit (a build that outgrows it fails as OOMKilled
 * instead of starving its node); CPU has no limit unless one is given, since throttling an emulated
 * build only makes it slower.
 *
 * <p>The constructor throws {@link InvalidValueException} if a value is not a positive Kubernetes
 * quantity, naming {@code spec.resources.build.cpu}, {@code .memory}, {@code .ephemeralStorage} or
 * {@code .cpuLimit} (which must also be at least the CPU request, as Kubernetes requires).
 *
 * @param cpu the CPU request, a Kubernetes quantity such as {@code 1} or {@code 500m}
 * @param memory the memory request and limit, such as {@code 2Gi}
 * @param ephemeralStorage the ephemeral-storage request, such as {@code 10Gi}
 * @param cpuLimit the CPU limit of each step of a build (Tekton gives every step the task-level
 *     limit), such as {@code 2}; empty for none
 */
public record BuildResources(String cpu, String memory, String ephemeralStorage, String cpuLimit) {

  public static final String DEFAULT_CPU = "1";
  public static final String DEFAULT_MEMORY = "2Gi";
  public static final String DEFAULT_EPHEMERAL_STORAGE = "10Gi";

  // Kubernetes' quantity grammar: a decimal number with an optional binary, decimal or exponent
  // suffix.
  private static final Pattern QUANTITY =
      Pattern.compile(
          "\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][-+]?[0-9]+)?");

  public BuildResources {
    cpu =
        quantity(
            "spec.resources.build.cpu", cpu, DEFAULT_CPU, "a CPU quantity such as 1, 2 or 500m");
    memory =
        quantity(
            "spec.resources.build.memory",
            memory,
            DEFAULT_MEMORY,
            "a memory quantity such as 2Gi or 4096Mi");
    ephemeralStorage =
        quantity(
            "spec.resources.build.ephemeralStorage",
            ephemeralStorage,
            DEFAULT_EPHEMERAL_STORAGE,
            "a storage quantity such as 10Gi");
    if (cpuLimit == null || cpuLimit.isEmpty()) {
      cpuLimit = "";
    } else {
      cpuLimit =
          quantity(
              "spec.resources.build.cpuLimit", cpuLimit, "", "a CPU quantity such as 2 or 1500m");
      if (Quantity.getAmountInBytes(new Quantity(cpuLimit))
              .compareTo(Quantity.getAmountInBytes(new Quantity(cpu)))
          < 0) {
        throw new InvalidValueException(
            "spec.resources.build.cpuLimit",
            cpuLimit,
            "at least the CPU request (spec.resources.build.cpu: "
                + cpu
                + "), as Kubernetes requires");
      }
    }
  }

  /** Requests only, and no CPU limit. */
  public BuildResources(String cpu, String memory, String ephemeralStorage) {
    this(cpu, memory, ephemeralStorage, "");
  }

  /**
   * Requests of 1 CPU, 2Gi memory and 10Gi ephemeral storage: a small build under emulation, with
   * its vfs layers.
   */
  public static BuildResources defaults() {
    return new BuildResources(null, null, null, null);
  }

  /** The value (or the fallback, if empty) checked as a positive Kubernetes quantity. */
  static String quantity(String field, String value, String fallback, String allowed) {
    String text = value == null || value.isEmpty() ? fallback : value;
    if (text.length() > 32
        || !QUANTITY.matcher(text).matches()
        || Quantity.getAmountInBytes(new Quantity(text)).compareTo(BigDecimal.ZERO) <= 0) {
      throw new InvalidValueException(field, text, "a positive Kubernetes quantity: " + allowed);
    }
    return text;
  }
}
