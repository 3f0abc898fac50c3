package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.SccRole;
import dev.multiarch.tekton.cluster.Check;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Asks the API server, one SelfSubjectAccessReview each (what {@code kubectl auth can-i} sends),
 * whether the user may do what deploy and start do.
 */
public final class AccessChecks {

  private static final String IMAGE_BUILDER_ROLE = "system:image-builder";

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
    List<RoleBinding> adminBindings = generated.clusterAdminBindings();
    for (RoleBinding binding : generated.roleBindings()) {
      if (binding.getRoleRef() == null) {
        continue;
      }
      if ("Role".equals(binding.getRoleRef().getKind())) {
        checks.add(bindRole(namespace, binding, generated.roles()));
      } else if (adminBindings.contains(binding) && present(binding)) {
        checks.add(
            Check.ok(
                "access",
                "RoleBinding "
                    + binding.getMetadata().getName()
                    + " is in place (ClusterRole "
                    + binding.getRoleRef().getName()
                    + "; a cluster admin applied "
                    + GeneratedPipeline.RBAC_FILE
                    + ")"));
      } else {
        checks.add(bind(namespace, binding, adminBindings.contains(binding)));
      }
    }
    return checks;
  }

  /**
   * Whether the cluster already holds {@code binding}: same name, same ClusterRole, and its
   * ServiceAccount among the subjects, as a cluster admin's {@code oc apply -f rbac.yaml} leaves
   * it. Deploy leaves such a binding alone (applying it again needs the rights to bind it). False
   * when it cannot be read.
   */
  public boolean present(RoleBinding binding) {
    String namespace = binding.getMetadata().getNamespace();
    RoleBinding found;
    try {
      found =
          Reads.read(
              failures,
              () ->
                  client
                      .rbac()
                      .roleBindings()
                      .inNamespace(namespace)
                      .withName(binding.getMetadata().getName())
                      .get(),
              "get",
              "rolebindings.rbac.authorization.k8s.io",
              namespace);
    } catch (Reads.Unanswered e) {
      return false;
    }
    if (found == null
        || found.getRoleRef() == null
        || !binding.getRoleRef().getName().equals(found.getRoleRef().getName())
        || !"ClusterRole".equals(found.getRoleRef().getKind())
        || found.getSubjects() == null) {
      return false;
    }
    Subject wanted = binding.getSubjects().get(0);
    return found.getSubjects().stream()
        .anyMatch(
            subject ->
                "ServiceAccount".equals(subject.getKind())
                    && wanted.getName().equals(subject.getName())
                    && (subject.getNamespace() == null
                        || wanted.getNamespace().equals(subject.getNamespace())));
  }

  /**
   * What the existing ServiceAccount the spec names ({@code spec.serviceAccount}) must have for the
   * unprivileged TaskRuns: to exist, to use OpenShift Pipelines' SCC and, when the per-arch images
   * go to an ImageStream, to push there. Asked with LocalSubjectAccessReviews, which a namespace's
   * admin may create; none when the spec names no account.
   */
  public List<Check> account(GeneratedPipeline generated) {
    if (!generated.spec().usesExistingServiceAccount()) {
      return List.of();
    }
    String namespace = generated.spec().namespace();
    String account = generated.spec().serviceAccount();
    ServiceAccount found;
    try {
      found =
          Reads.read(
              failures,
              () -> client.serviceAccounts().inNamespace(namespace).withName(account).get(),
              "get",
              "serviceaccounts",
              namespace);
    } catch (Reads.Unanswered e) {
      return List.of(
          Check.warning(
              "account",
              "could not read ServiceAccount "
                  + account
                  + " ("
                  + e.getMessage()
                  + "): whether the tasks may run as it was not checked"));
    }
    if (found == null) {
      return List.of(
          Check.problem(
              "account",
              "ServiceAccount "
                  + account
                  + " (spec.serviceAccount) does not exist in namespace "
                  + namespace
                  + ", so no TaskRun can start; fix: name one that does (OpenShift Pipelines creates"
                  + " pipeline in each namespace but openshift-* and kube-*), or leave"
                  + " spec.serviceAccount out to have one generated"));
    }
    List<Check> checks = new ArrayList<>();
    String user = "system:serviceaccount:" + namespace + ":" + account;
    checks.add(
        accountMay(
            user,
            attributes(
                "use",
                "security.openshift.io",
                "securitycontextconstraints",
                "pipelines-scc",
                namespace),
            "use SCC pipelines-scc (buildah runs as root with SETFCAP)",
            "oc adm policy add-scc-to-user pipelines-scc -z " + account + " -n " + namespace));
    if (generated.spec().usesImageStream()) {
      checks.add(
          accountMay(
              user,
              imageStreamPush(namespace),
              "push to the namespace's ImageStreams (update imagestreams/layers)",
              "oc policy add-role-to-user system:image-builder -z "
                  + account
                  + " -n "
                  + namespace));
    }
    if (generated.spec().imageStream().importIndex()) {
      checks.add(
          accountMay(
              user,
              attributes("create", "image.openshift.io", "imagestreamimports", "", namespace),
              "import the multi-arch image into ImageStream "
                  + generated.spec().imageStream().name()
                  + " (create imagestreamimports)",
              "oc policy add-role-to-user edit -z " + account + " -n " + namespace));
    }
    return checks;
  }

  private Check accountMay(String user, ResourceAttributes what, String doing, String fix) {
    String account = user.substring(user.lastIndexOf(':') + 1);
    Boolean allowed = allowedFor(user, what);
    if (allowed == null) {
      return Check.warning(
          "account",
          "the cluster did not answer whether ServiceAccount " + account + " may " + doing);
    }
    return allowed
        ? Check.ok("account", "ServiceAccount " + account + " may " + doing)
        : Check.problem(
            "account",
            "ServiceAccount "
                + account
                + " may not "
                + doing
                + ", so the build tasks would fail; fix: "
                + fix);
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

  /**
   * A binding to a namespace Role deploy creates: Kubernetes lets who holds every permission of the
   * Role bind it, so each permission is asked for (a project admin holds those of the generated
   * Roles).
   */
  private Check bindRole(String namespace, RoleBinding binding, List<Role> roles) {
    String role = binding.getRoleRef().getName();
    String name = binding.getMetadata().getName();
    Optional<Role> generated =
        roles.stream().filter(r -> r.getMetadata().getName().equals(role)).findFirst();
    if (generated.isEmpty()) {
      return Check.warning(
          "access",
          "could not tell whether you may bind Role " + role + " (RoleBinding " + name + ")");
    }
    boolean unanswered = false;
    for (PolicyRule rule : generated.get().getRules()) {
      List<String> names =
          rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
              ? List.of("")
              : rule.getResourceNames();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            for (String resourceName : names) {
              Boolean may = allowed(attributes(verb, group, resource, resourceName, namespace));
              if (Boolean.FALSE.equals(may)) {
                return Check.problem(
                    "access",
                    "you may not "
                        + verb
                        + " "
                        + resource
                        + (group.isEmpty() ? "" : "." + group)
                        + " in namespace "
                        + namespace
                        + ", which Role "
                        + role
                        + " grants, so RoleBinding "
                        + name
                        + " would be refused; fix: ask for the admin role there (oc adm policy"
                        + " add-role-to-user admin USER -n "
                        + namespace
                        + ")");
              }
              unanswered |= may == null;
            }
          }
        }
      }
    }
    return unanswered
        ? Check.warning(
            "access",
            "could not tell whether you hold every permission of Role "
                + role
                + " (RoleBinding "
                + name
                + ")")
        : Check.ok(
            "access",
            "you hold every permission of Role "
                + role
                + ", so you may bind it (RoleBinding "
                + name
                + ")");
  }

  private Check bind(String namespace, RoleBinding binding, boolean clusterAdmins) {
    String role = binding.getRoleRef().getName();
    String name = binding.getMetadata().getName();
    Boolean bind =
        allowed(attributes("bind", "rbac.authorization.k8s.io", "clusterroles", role, namespace));
    if (Boolean.TRUE.equals(bind)) {
      return Check.ok("access", "you may bind ClusterRole " + role + " (RoleBinding " + name + ")");
    }
    if (IMAGE_BUILDER_ROLE.equals(role)) {
      // The role's one grant that matters here; whoever may push to ImageStreams holds it (the
      // admin and edit roles do), and so may bind it.
      Boolean may = allowed(imageStreamPush(namespace));
      if (Boolean.TRUE.equals(may)) {
        return Check.ok(
            "access",
            "you may push to ImageStreams, so you may bind "
                + role
                + " (RoleBinding "
                + name
                + ")");
      }
    }
    // Binding a ClusterRole needs bind on it or every permission it grants (Kubernetes' RBAC
    // escalation check): for an SCC role, use of its SCC.
    String scc = SccRole.ofClusterRole(role).map(SccRole::scc).orElse(null);
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
            + " would be refused; fix: a cluster admin applies "
            + (clusterAdmins ? GeneratedPipeline.RBAC_FILE + " of generate -o" : "it")
            + " once (oc apply -f), or grants you 'use' on SCC "
            + scc);
  }

  /** Pushing to the namespace's ImageStreams: {@code update} of {@code imagestreams/layers}. */
  private static ResourceAttributes imageStreamPush(String namespace) {
    ResourceAttributes push =
        attributes("update", "image.openshift.io", "imagestreams", "", namespace);
    push.setSubresource("layers");
    return push;
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

  /** True or false as the server said of {@code user}; null when it did not say. */
  private Boolean allowedFor(String user, ResourceAttributes attributes) {
    LocalSubjectAccessReview review =
        new LocalSubjectAccessReviewBuilder()
            .withNewMetadata()
            .withNamespace(attributes.getNamespace())
            .endMetadata()
            .withNewSpec()
            .withUser(user)
            .withGroups(
                "system:serviceaccounts",
                "system:serviceaccounts:" + attributes.getNamespace(),
                "system:authenticated")
            .withResourceAttributes(attributes)
            .endSpec()
            .build();
    try {
      LocalSubjectAccessReview answer =
          Reads.read(
              failures,
              () ->
                  client
                      .authorization()
                      .v1()
                      .localSubjectAccessReview()
                      .inNamespace(attributes.getNamespace())
                      .create(review),
              "create",
              "localsubjectaccessreviews.authorization.k8s.io",
              attributes.getNamespace());
      return (answer == null || answer.getStatus() == null)
          ? null
          : answer.getStatus().getAllowed();
    } catch (Reads.Unanswered e) {
      return null;
    }
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
