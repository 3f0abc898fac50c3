package dev.multiarch.tekton;

import dev.multiarch.tekton.internal.spec.Checks;

/**
 * The claim behind the shared source workspace of placement same-node: each PipelineRun gets one
 * from its {@code volumeClaimTemplate}, in the named StorageClass (or the cluster's default) and of
 * this size.
 *
 * <p>The constructor throws {@link InvalidValueException} if a value is not allowed, naming {@code
 * spec.workspace.storageClassName} or {@code spec.workspace.size}.
 *
 * @param storageClassName the StorageClass of the claim, a DNS-1123 subdomain; empty for the
 *     cluster's default class
 * @param size the storage the claim requests, a positive Kubernetes quantity such as {@code 1Gi}
 */
public record WorkspaceClaim(String storageClassName, String size) {

  public static final String DEFAULT_SIZE = "1Gi";

  public WorkspaceClaim {
    storageClassName =
        Checks.emptyOrDnsSubdomain("spec.workspace.storageClassName", storageClassName);
    size =
        BuildResources.quantity(
            "spec.workspace.size", size, DEFAULT_SIZE, "a storage quantity such as 1Gi or 500Mi");
  }

  /** A claim of 1Gi in the cluster's default StorageClass. */
  public static WorkspaceClaim defaults() {
    return new WorkspaceClaim(null, null);
  }
}
