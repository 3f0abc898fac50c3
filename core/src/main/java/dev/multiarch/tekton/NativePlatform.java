package dev.multiarch.tekton;

import dev.multiarch.tekton.internal.spec.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A platform built natively, on nodes of its own architecture, in a pipeline task of its own that
 * the PipelineRun pins there ({@code taskRunSpecs[].podTemplate}): no emulator is ever registered
 * for it.
 *
 * <p>The constructor throws {@link InvalidValueException} on a bad value, naming {@code
 * nodeSelector} or {@code tolerations[i].<field>}.
 *
 * @param platform the platform, one of the spec's platforms
 * @param nodeSelector the labels of the nodes it builds on, in order; by default {@code
 *     kubernetes.io/arch: <arch>} and {@code kubernetes.io/os: <os>} (for {@code linux/arm/v7} the
 *     node architecture is {@code arm})
 * @param tolerations the taints of those nodes the build tolerates, possibly none
 */
public record NativePlatform(
    Platform platform, Map<String, String> nodeSelector, List<NodeToleration> tolerations) {

  /**
   * The node label holding a node's architecture, as Go names it ({@code GOARCH}: amd64, arm64,
   * arm, ...).
   */
  public static final String ARCH_LABEL = "kubernetes.io/arch";

  /** The node label holding a node's operating system. */
  public static final String OS_LABEL = "kubernetes.io/os";

  public NativePlatform {
    Objects.requireNonNull(platform, "platform");
    nodeSelector =
        nodeSelector == null || nodeSelector.isEmpty()
            ? defaultSelector(platform)
            : Checks.labelSet("nodeSelector", nodeSelector);
    tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
  }

  /** The platform on the nodes the default selector picks, tolerating no taint. */
  public static NativePlatform of(Platform platform) {
    return new NativePlatform(platform, null, null);
  }

  /**
   * The nodes whose own architecture and OS are the platform's: OCI and Kubernetes share Go's names
   * for both.
   */
  public static Map<String, String> defaultSelector(Platform platform) {
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put(ARCH_LABEL, platform.architecture());
    selector.put(OS_LABEL, platform.os());
    return Collections.unmodifiableMap(selector);
  }
}
