package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.cluster.Check;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks the API server, one SelfSubjectAccessReview each (what {@code kubectl auth can-i} sends),
 * whether the user may do what deploy and start do.
 */
public final class AccessChecks {

  /**
   * The SCC each generated SCC role grants {@code use} of. Binding a ClusterRole needs {@code bind}
   * on it or every permission it grants (Kubernetes' RBAC escalation check), here that {@code use}.
   */
  private static final Map<String, String> SCC_OF_ROLE =
      Map.of(
          "system:openshift:scc:privileged", "privileged",
          "pipelines-scc-clusterrole", "pipelines-scc");

  private final KubernetesClient client;
  private final Failures failures;

  public AccessChecks(KubernetesClient client, Failures failures) {
    this.client = client;
    this.failures = failures;
  }

  /** May the user apply every resource and bind every ClusterRole that deploy applies. */
  public List<Check> deploy(GeneratedPipeline generated) {
    String namespace = generated.pipeline().getMetadata().getNamespace();
    List<Check> checks = new ArrayList<>();
    Set<String> kinds = new LinkedHashSet<>();
    List<String> denied = new ArrayList<>();
    List<String> unanswered = new ArrayList<>();
    for (HasMetadata resource : generated.resources()) {
      String group = HasMetadata.getGroup(resource.getClass());
      String plural = HasMetadata.getPlural(resource.getClass());
      if (!kinds.add(group + "/" + plural)) {
        continue;
      }
      // Server-side apply is a patch, which creates the object when it is not there.
      for (String verb : List.of("create", "patch")) {
        Boolean allowed = allowed(attributes(verb, group, plural, "", namespace));
        String what = verb + " " + plural + (group.isEmpty() ? "" : "." + group);
        if (allowed == null) {
          unanswered.add(what);
        } else if (!allowed) {
          denied.add(what);
        }
      }
    }
    if (!denied.isEmpty()) {
      checks.add(
          Check.problem(
              "access",
              "you may not "
                  + String.join(", ", denied)
                  + " in namespace "
                  + namespace
                  + "; fix: ask for the admin role there (oc adm policy add-role-to-user admin USER -n "
                  + namespace
                  + ")"));
    } else if (unanswered.isEmpty()) {
      checks.add(
          Check.ok(
              "access", "you may apply every resource deploy applies in namespace " + namespace));
    }
    if (!unanswered.isEmpty()) {
      checks.add(
          Check.warning(
              "access",
              "the cluster did not answer whether you may " + String.join(", ", unanswered)));
    }
    for (HasMetadata resource : generated.resources()) {
      if (resource instanceof RoleBinding binding && binding.getRoleRef() != null) {
        checks.add(bind(namespace, binding));
      }
    }
    return checks;
  }

  /** May the user create the PipelineRun. */
  public List<Check> start(GeneratedPipeline generated) {
    String namespace = generated.pipeline().getMetadata().getNamespace();
    Boolean allowed = allowed(attributes("create", "tekton.dev", "pipelineruns", "", namespace));
    if (allowed == null) {
      return List.of(
          Check.warning(
              "access",
              "the cluster did not answer whether you may create pipelineruns.tekton.dev"));
    }
    return List.of(
        allowed
            ? Check.ok("access", "you may create PipelineRuns in namespace " + namespace)
            : Check.problem(
                "access",
                "you may not create pipelineruns.tekton.dev in namespace "
                    + namespace
                    + "; fix: ask for the edit role there (oc adm policy add-role-to-user edit USER -n "
                    + namespace
                    + ")"));
  }

  private Check bind(String namespace, RoleBinding binding) {
    String role = binding.getRoleRef().getName();
    String name = binding.getMetadata().getName();
    Boolean bind =
        allowed(attributes("bind", "rbac.authorization.k8s.io", "clusterroles", role, namespace));
    if (Boolean.TRUE.equals(bind)) {
      return Check.ok("access", "you may bind ClusterRole " + role + " (RoleBinding " + name + ")");
    }
    String scc = SCC_OF_ROLE.get(role);
    Boolean use =
        scc == null
            ? null
            : allowed(
                attributes(
                    "use", "security.openshift.io", "securitycontextconstraints", scc, namespace));
    if (Boolean.TRUE.equals(use)) {
      return Check.ok(
          "access",
          "you may use SCC " + scc + ", so you may bind " + role + " (RoleBinding " + name + ")");
    }
    if (scc == null || bind == null || use == null) {
      return Check.warning(
          "access",
          "could not tell whether you may bind ClusterRole "
              + role
              + " (RoleBinding "
              + name
              + "): that needs 'bind' on it or every permission it grants");
    }
    return Check.problem(
        "access",
        "you may neither bind ClusterRole "
            + role
            + " nor use SCC "
            + scc
            + ", so RoleBinding "
            + name
            + " would be refused; fix: a cluster admin applies rolebinding-"
            + name
            + ".yaml once (oc apply -f), or grants you 'use' on SCC "
            + scc);
  }

  private static ResourceAttributes attributes(
      String verb, String group, String resource, String name, String namespace) {
    return new ResourceAttributesBuilder()
        .withVerb(verb)
        .withGroup(group)
        .withResource(resource)
        .withName(name.isEmpty() ? null : name)
        .withNamespace(namespace)
        .build();
  }

  /** True or false as the server said; null when it did not say. */
  private Boolean allowed(ResourceAttributes attributes) {
    SelfSubjectAccessReview review =
        new SelfSubjectAccessReviewBuilder()
            .withNewSpec()
            .withResourceAttributes(attributes)
            .endSpec()
            .build();
    try {
      SelfSubjectAccessReview answer =
          Reads.read(
              failures,
              () -> client.authorization().v1().selfSubjectAccessReview().create(review),
              "create",
              "selfsubjectaccessreviews.authorization.k8s.io",
              "");
      return (answer == null || answer.getStatus() == null)
          ? null
          : answer.getStatus().getAllowed();
    } catch (Reads.Unanswered e) {
      return null;
    }
  }
}
