package dev.multiarch.tekton.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.validate.internal.structure.StructureCheck;
import java.util.List;

/**
 * The validator's structure check for documents that are not Tekton's: a YAML tree against the
 * fabric8 model class that reads it (an apps/v1 DaemonSet, a ServiceAccount, an ImageStream),
 * reporting unknown fields, wrong JSON types and missing required fields, each as {@code path:
 * message}. {@code status} is not checked.
 */
public final class ModelStructure {

  private ModelStructure() {}

  /** The problems of {@code root} read as {@code model}, in document order; empty when it fits. */
  public static List<String> check(JsonNode root, Class<?> model) {
    return StructureCheck.model(root, model).stream()
        .map(p -> p.path() + ": " + p.message())
        .toList();
  }
}
