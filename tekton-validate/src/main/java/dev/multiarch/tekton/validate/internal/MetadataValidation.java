package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.model.KubernetesNames;
import dev.multiarch.tekton.validate.FieldErrors;

/**
 * A document's metadata, after Tekton's {@code pkg/apis/validate/metadata.go} ({@code
 * ObjectMetadata}): a name that is a DNS-1123 subdomain of at most 63 characters, or a generateName
 * that stays one with the 5 characters the API server appends. Paths relative to the metadata.
 */
final class MetadataValidation {

  private MetadataValidation() {}

  static FieldErrors objectMetadata(JsonNode metadata) {
    if (metadata == null || !metadata.isObject()) {
      return FieldErrors.of("", "metadata.name or metadata.generateName is required");
    }
    String name = Nodes.text(metadata, "name");
    String generateName = Nodes.text(metadata, "generateName");
    if (name != null) {
      if (!KubernetesNames.isDnsSubdomainShape(name) || name.length() > 63) {
        return FieldErrors.of(
            "name", "'" + name + "' must be a DNS-1123 subdomain of at most 63 characters");
      }
      return FieldErrors.NONE;
    }
    if (generateName != null) {
      String stem =
          generateName.endsWith("-")
              ? generateName.substring(0, generateName.length() - 1)
              : generateName;
      if (!KubernetesNames.isDnsSubdomainShape(stem) || generateName.length() + 5 > 63) {
        return FieldErrors.of(
            "generateName",
            "'"
                + generateName
                + "' plus 5 generated characters must be a DNS-1123 "
                + "subdomain of at most 63 characters");
      }
      return FieldErrors.NONE;
    }
    return FieldErrors.of("", "metadata.name or metadata.generateName is required");
  }
}
