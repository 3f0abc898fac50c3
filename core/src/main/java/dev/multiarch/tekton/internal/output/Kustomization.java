package dev.multiarch.tekton.internal.output;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The kustomization.yaml of a generated folder. Not a fabric8 model (kustomize has none); its
 * fields are the few kustomize needs.
 */
@JsonPropertyOrder({"apiVersion", "kind", "resources"})
public record Kustomization(String apiVersion, String kind, List<String> resources) {

  public Kustomization(List<String> resources) {
    this("kustomize.config.k8s.io/v1beta1", "Kustomization", List.copyOf(resources));
  }
}
