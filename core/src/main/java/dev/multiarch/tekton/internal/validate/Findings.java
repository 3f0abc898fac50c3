package dev.multiarch.tekton.internal.validate;

import java.util.ArrayList;
import java.util.List;

/** Collects findings in the order they were found, and knows the feature flags rules depend on. */
public final class Findings {

  /** One finding: the document, the path in it and the rule it breaks. */
  public record Finding(YamlDocs.Doc doc, String path, String rule) {
  }

  private final List<Finding> all = new ArrayList<>();
  private final boolean alpha;

  Findings(boolean alpha) {
    this.alpha = alpha;
  }

  void add(YamlDocs.Doc doc, String path, String rule) {
    all.add(new Finding(doc, path, rule));
  }

  /** Whether {@code enable-api-fields} is {@code alpha} (the default is {@code beta}). */
  boolean alpha() {
    return alpha;
  }

  List<Finding> all() {
    return List.copyOf(all);
  }
}
