package dev.multiarch.tekton.internal.assembly;

import dev.multiarch.tekton.BuildSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels every generated resource carries, so that {@code oc get all -l ...} finds one build's
 * set.
 */
final class Labels {

  static final String PART_OF = "multiarch-tekton";

  private Labels() {}

  static Map<String, String> of(BuildSpec spec) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("app.kubernetes.io/name", spec.name());
    labels.put("app.kubernetes.io/part-of", PART_OF);
    labels.put("app.kubernetes.io/managed-by", PART_OF);
    return labels;
  }
}
