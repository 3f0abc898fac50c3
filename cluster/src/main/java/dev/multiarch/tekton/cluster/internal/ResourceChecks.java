package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.cluster.Check;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.openshift.api.model.ImageStream;
import io.fabric8.tekton.v1.WorkspaceBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a run of the generated PipelineRun needs to find on the cluster: the internal registry when
 * per-arch images go to an ImageStream, a StorageClass for its claim, and every Secret it binds.
 */
public final class ResourceChecks {

  /** OpenShift's image registry operator configuration, a cluster-scoped singleton. */
  private static final ResourceDefinitionContext REGISTRY =
      new ResourceDefinitionContext.Builder()
          .withGroup("imageregistry.operator.openshift.io")
          .withVersion("v1")
          .withKind("Config")
          .withPlural("configs")
          .withNamespaced(false)
          .build();

  /** Kubernetes reads both; the beta one is older but still honoured. */
  private static final List<String> DEFAULT_CLASS =
      List.of(
          "storageclass.kubernetes.io/is-default-class",
          "storageclass.beta.kubernetes.io/is-default-class");

  private static final String DOCKERCONFIG = "dockerconfig";

  private final KubernetesClient client;
  private final Failures failures;

  public ResourceChecks(KubernetesClient client, Failures failures) {
    this.client = client;
    this.failures = failures;
  }

  /** Managed when an ImageStream receives the per-arch images; nothing to say otherwise. */
  public List<Check> registry(GeneratedPipeline generated) {
    if (generated.resources().stream().noneMatch(ImageStream.class::isInstance)) {
      return List.of();
    }
    String what = "configs.imageregistry.operator.openshift.io/cluster";
    GenericKubernetesResource config;
    try {
      config =
          Reads.read(
              failures,
              () -> client.genericKubernetesResources(REGISTRY).withName("cluster").get(),
              "get",
              what,
              "");
    } catch (Reads.Unanswered e) {
      return List.of(
          Check.warning("registry", e.getMessage() + ": the internal registry was not checked"));
    }
    if (config == null) {
      return List.of(
          Check.warning(
              "registry",
              "no "
                  + what
                  + " (not OpenShift's registry operator): per-arch images go to an ImageStream, "
                  + "which needs OpenShift's internal registry"));
    }
    Object spec = config.getAdditionalProperties().get("spec");
    Object state = spec instanceof Map<?, ?> map ? map.get("managementState") : null;
    String text = state == null ? "" : TektonChecks.shortened(String.valueOf(state));
    if ("Managed".equals(text)) {
      return List.of(Check.ok("registry", "the internal image registry is Managed"));
    }
    return List.of(
        Check.problem(
            "registry",
            "the internal image registry is '"
                + text
                + "', not Managed, and the per-arch images go to an ImageStream; fix: give it "
                + "storage and set it Managed (oc patch "
                + what.replace("/cluster", " cluster")
                + " --type merge -p '{\"spec\":{\"managementState\":\"Managed\"}}'), or push the"
                + " per-arch images to another repository (spec.staging.repository)"));
  }

  /** The claim of each volumeClaimTemplate workspace finds its StorageClass. */
  public List<Check> storage(GeneratedPipeline generated) {
    List<Check> checks = new ArrayList<>();
    for (WorkspaceBinding workspace : generated.pipelineRun().getSpec().getWorkspaces()) {
      PersistentVolumeClaim claim = workspace.getVolumeClaimTemplate();
      if (claim == null) {
        continue;
      }
      List<StorageClass> classes;
      try {
        classes =
            Reads.read(
                failures,
                () -> client.storage().v1().storageClasses().list().getItems(),
                "list",
                "storageclasses.storage.k8s.io",
                "");
      } catch (Reads.Unanswered e) {
        checks.add(
            Check.warning(
                "storage",
                e.getMessage()
                    + ": the claim of workspace "
                    + workspace.getName()
                    + " was not checked"));
        continue;
      }
      String named = claim.getSpec() == null ? null : claim.getSpec().getStorageClassName();
      checks.add(
          named == null
              ? defaultClass(workspace.getName(), classes)
              : named(workspace.getName(), named, classes));
    }
    return checks;
  }

  private static Check defaultClass(String workspace, List<StorageClass> classes) {
    for (StorageClass storageClass : classes) {
      Map<String, String> annotations = storageClass.getMetadata().getAnnotations();
      if (annotations != null
          && DEFAULT_CLASS.stream().anyMatch(key -> "true".equals(annotations.get(key)))) {
        return Check.ok(
            "storage",
            "workspace "
                + workspace
                + " claims from the default StorageClass "
                + storageClass.getMetadata().getName());
      }
    }
    return Check.problem(
        "storage",
        "workspace "
            + workspace
            + " claims a volume of the default StorageClass and the cluster has none, so the claim "
            + "stays Pending; fix: mark one default (kubectl patch storageclass NAME -p "
            + "'{\"metadata\":{\"annotations\":{\"storageclass.kubernetes.io/is-default-class\":\"true\"}}}')");
  }

  private static Check named(String workspace, String name, List<StorageClass> classes) {
    return classes.stream().anyMatch(c -> name.equals(c.getMetadata().getName()))
        ? Check.ok("storage", "workspace " + workspace + " claims from StorageClass " + name)
        : Check.problem(
            "storage",
            "workspace "
                + workspace
                + " claims from StorageClass "
                + name
                + ", which does not exist");
  }

  /**
   * Each Secret a workspace binds exists; the push credentials are a docker config, the git
   * credentials hold what the git steps read.
   */
  public List<Check> secrets(GeneratedPipeline generated) {
    String namespace = generated.pipelineRun().getMetadata().getNamespace();
    List<Check> checks = new ArrayList<>();
    for (WorkspaceBinding workspace : generated.pipelineRun().getSpec().getWorkspaces()) {
      if (workspace.getSecret() == null || workspace.getSecret().getSecretName() == null) {
        continue;
      }
      String name = workspace.getSecret().getSecretName();
      Secret secret;
      try {
        secret =
            Reads.read(
                failures,
                () -> client.secrets().inNamespace(namespace).withName(name).get(),
                "get",
                "secrets/" + name,
                namespace);
      } catch (Reads.Unanswered e) {
        checks.add(
            Check.warning("secret", e.getMessage() + ": Secret " + name + " was not checked"));
        continue;
      }
      checks.add(secret(namespace, workspace.getName(), name, secret));
    }
    return checks;
  }

  /**
   * Each ConfigMap a workspace binds (the CA bundle) exists and holds at least one key: the steps
   * stop on an empty CA workspace.
   */
  public List<Check> configMaps(GeneratedPipeline generated) {
    String namespace = generated.pipelineRun().getMetadata().getNamespace();
    List<Check> checks = new ArrayList<>();
    for (WorkspaceBinding workspace : generated.pipelineRun().getSpec().getWorkspaces()) {
      if (workspace.getConfigMap() == null || workspace.getConfigMap().getName() == null) {
        continue;
      }
      String name = workspace.getConfigMap().getName();
      ConfigMap configMap;
      try {
        configMap =
            Reads.read(
                failures,
                () -> client.configMaps().inNamespace(namespace).withName(name).get(),
                "get",
                "configmaps/" + name,
                namespace);
      } catch (Reads.Unanswered e) {
        checks.add(
            Check.warning(
                "configmap", e.getMessage() + ": ConfigMap " + name + " was not checked"));
        continue;
      }
      checks.add(configMap(namespace, workspace.getName(), name, configMap));
    }
    return checks;
  }

  private static Check configMap(
      String namespace, String workspace, String name, ConfigMap configMap) {
    // OpenShift's Cluster Network Operator fills a ConfigMap labelled
    // config.openshift.io/inject-trusted-cabundle=true with the cluster's trusted CAs under the
    // key ca-bundle.crt (OpenShift docs, "Configuring a custom PKI", certificate injection); the
    // Tekton operator on OpenShift creates such a one, config-trusted-cabundle, in each namespace.
    String fix =
        "fix: oc -n "
            + namespace
            + " create configmap "
            + name
            + " --from-file=ca.crt=CA.pem, or on OpenShift name config-trusted-cabundle";
    String what = "ConfigMap " + name + " (workspace " + workspace + ")";
    if (configMap == null) {
      // Like a missing Secret: the pod waits in FailedMount until the run times out.
      return Check.problem(
          "configmap",
          what
              + " does not exist in namespace "
              + namespace
              + ", and the run would hang in FailedMount until it times out; "
              + fix);
    }
    Set<String> keys = new TreeSet<>();
    if (configMap.getData() != null) {
      keys.addAll(configMap.getData().keySet());
    }
    if (configMap.getBinaryData() != null) {
      keys.addAll(configMap.getBinaryData().keySet());
    }
    if (keys.isEmpty()) {
      return Check.problem(
          "configmap", what + " holds no CA certificate, and the steps would stop on it; " + fix);
    }
    return Check.ok(
        "configmap", what + " holds " + TektonChecks.shortened(String.join(", ", keys)));
  }

  private static Check secret(String namespace, String workspace, String name, Secret secret) {
    if (GitSecretChecks.covers(workspace)) {
      return GitSecretChecks.check(namespace, workspace, name, secret);
    }
    String fix =
        "fix: oc -n "
            + namespace
            + " create secret docker-registry "
            + name
            + " --docker-server=REGISTRY --docker-username=USER --docker-password=TOKEN";
    if (secret == null) {
      // A workspace Secret that is not there leaves the pod in FailedMount, which Tekton does
      // not fail fast: the run waits for its timeout.
      return Check.problem(
          "secret",
          "Secret "
              + name
              + " (workspace "
              + workspace
              + ") does not exist in namespace "
              + namespace
              + ", and the run would hang in FailedMount until it times out; "
              + (workspace.equals(DOCKERCONFIG) ? fix : "fix: create it"));
    }
    if (!workspace.equals(DOCKERCONFIG)) {
      return Check.ok("secret", "Secret " + name + " (workspace " + workspace + ") exists");
    }
    Set<String> keys = new TreeSet<>();
    if (secret.getData() != null) {
      keys.addAll(secret.getData().keySet());
    }
    if (secret.getStringData() != null) {
      keys.addAll(secret.getStringData().keySet());
    }
    // The build and manifest steps read config.json, .dockerconfigjson and the legacy .dockercfg
    // (a kubernetes.io/dockercfg Secret's key) from the workspace.
    boolean docker =
        "kubernetes.io/dockerconfigjson".equals(secret.getType())
            && keys.contains(".dockerconfigjson");
    if (docker || keys.contains("config.json") || keys.contains(".dockercfg")) {
      return Check.ok(
          "secret", "Secret " + name + " (workspace " + workspace + ") holds registry credentials");
    }
    return Check.problem(
        "secret",
        "Secret "
            + name
            + " is of type "
            + TektonChecks.shortened(String.valueOf(secret.getType()))
            + " with keys "
            + TektonChecks.shortened(String.join(", ", keys))
            + ", not a kubernetes.io/dockerconfigjson Secret (key .dockerconfigjson), so the push "
            + "has no credentials; "
            + fix.replace(
                "fix: ", "fix: replace it: oc -n " + namespace + " delete secret " + name + "; "));
  }
}
