package dev.multiarch.tekton.cluster.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multiarch.tekton.cluster.AppliedResource;
import dev.multiarch.tekton.cluster.AppliedResource.Change;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Locale;

/**
 * Server-side apply of one resource as field manager {@value #FIELD_MANAGER}, taking over fields
 * others changed (the generated YAML is the truth, as for a GitOps tool), and what it changed: the
 * object is read before and compared with what the apply returned, so an apply that changed nothing
 * reads as unchanged.
 */
public final class Applier {

  /**
   * The field manager every apply uses, so that the cluster records which fields this tool owns.
   */
  public static final String FIELD_MANAGER = "multiarch-tekton";

  /** Metadata the server maintains; a difference there is not a change anyone made. */
  private static final List<String> SERVER_METADATA =
      List.of(
          "resourceVersion", "managedFields", "generation", "creationTimestamp", "uid", "selfLink");

  private final KubernetesClient client;
  private final Failures failures;

  public Applier(KubernetesClient client, Failures failures) {
    this.client = client;
    this.failures = failures;
  }

  public AppliedResource apply(HasMetadata desired, boolean dryRun) {
    Resource<HasMetadata> resource = client.resource(desired);
    String namespace =
        desired.getMetadata().getNamespace() == null ? "" : desired.getMetadata().getNamespace();
    HasMetadata before;
    try {
      before = resource.get();
    } catch (KubernetesClientException e) {
      throw failures.of(e, "get", plural(desired), namespace);
    }
    HasMetadata after;
    try {
      after =
          (dryRun ? resource.dryRun() : resource)
              .fieldManager(FIELD_MANAGER)
              .forceConflicts()
              .serverSideApply();
    } catch (KubernetesClientException e) {
      throw failures.of(e, "patch", plural(desired), namespace);
    }
    Change change =
        before == null
            ? Change.CREATED
            : comparable(before).equals(comparable(after)) ? Change.UNCHANGED : Change.CONFIGURED;
    return new AppliedResource(
        desired.getApiVersion(),
        desired.getKind(),
        desired.getMetadata().getName(),
        change,
        dryRun);
  }

  /** How RBAC names the resource: {@code pipelines.tekton.dev}, {@code serviceaccounts}. */
  public static String plural(HasMetadata resource) {
    String plural = HasMetadata.getPlural(resource.getClass());
    String apiVersion = resource.getApiVersion();
    int slash = apiVersion.indexOf('/');
    return (plural == null ? resource.getKind().toLowerCase(Locale.ROOT) + "s" : plural)
        + (slash < 0 ? "" : "." + apiVersion.substring(0, slash));
  }

  private JsonNode comparable(HasMetadata resource) {
    ObjectNode node = client.getKubernetesSerialization().convertValue(resource, ObjectNode.class);
    node.remove("status");
    JsonNode metadata = node.get("metadata");
    if (metadata instanceof ObjectNode fields) {
      SERVER_METADATA.forEach(fields::remove);
    }
    return node;
  }
}
