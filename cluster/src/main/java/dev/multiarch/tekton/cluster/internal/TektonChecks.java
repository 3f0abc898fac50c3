package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.Check;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tekton's version and the feature flags a build needs, read as Tekton itself publishes them: the
 * ConfigMaps {@code pipelines-info} (data {@code version}) and {@code feature-flags} in the
 * namespace Tekton runs in ({@code openshift-pipelines} under OpenShift Pipelines, the operator's
 * target namespace there; {@code tekton-pipelines} from Tekton's release.yaml).
 */
public final class TektonChecks {

  static final List<String> NAMESPACES = List.of("openshift-pipelines", "tekton-pipelines");
  private static final String TOPIC = "tekton";
  private static final String FLAGS = "feature-flags";

  /** Modes that put every pod sharing the workspace on one node (docs/affinityassistants.md). */
  private static final Set<String> COSCHEDULING =
      Set.of("workspaces", "pipelineruns", "isolate-pipelinerun");

  private final KubernetesClient client;
  private final Failures failures;

  public TektonChecks(KubernetesClient client, Failures failures) {
    this.client = client;
    this.failures = failures;
  }

  /** Version, matrix and, when {@code sameNode}, the affinity assistant. */
  public List<Check> run(boolean sameNode) {
    List<Check> checks = new ArrayList<>();
    List<String> unanswered = new ArrayList<>();
    for (String namespace : NAMESPACES) {
      ConfigMap info;
      try {
        info = configMap("pipelines-info", namespace);
      } catch (Reads.Unanswered e) {
        unanswered.add(e.getMessage());
        continue;
      }
      if (info != null) {
        checks.addAll(inNamespace(namespace, info, sameNode));
        return checks;
      }
    }
    checks.add(
        Check.warning(
            TOPIC,
            "found no ConfigMap pipelines-info in "
                + String.join(" or ", NAMESPACES)
                + (unanswered.isEmpty() ? "" : " (" + String.join("; ", unanswered) + ")")
                + ": Tekton's version and feature flags were not checked"));
    return checks;
  }

  private List<Check> inNamespace(String namespace, ConfigMap info, boolean sameNode) {
    List<Check> checks = new ArrayList<>();
    String text = data(info).getOrDefault("version", "");
    Optional<TektonVersion> version = TektonVersion.parse(text);
    if (version.isEmpty()) {
      checks.add(
          Check.warning(
              TOPIC,
              "ConfigMap pipelines-info in namespace "
                  + namespace
                  + " gives version '"
                  + shortened(text)
                  + "', which is not a version: Tekton's release was not checked"));
    } else if (version.get().compareTo(TektonVersion.MATRIX_RESULTS) < 0) {
      checks.add(
          Check.problem(
              TOPIC,
              "Tekton Pipelines "
                  + text.strip()
                  + " in namespace "
                  + namespace
                  + " is older than v0.53, the first to pass a matrix's results on; upgrade to "
                  + "OpenShift Pipelines 1.13 or later, or Tekton Pipelines v0.53 or later"));
    } else {
      checks.add(
          Check.ok(TOPIC, "Tekton Pipelines " + text.strip() + " in namespace " + namespace));
    }
    ConfigMap flags;
    try {
      flags = configMap(FLAGS, namespace);
    } catch (Reads.Unanswered e) {
      checks.add(Check.warning(FLAGS, e.getMessage() + ": feature flags were not checked"));
      return checks;
    }
    Map<String, String> values = flags == null ? Map.of() : data(flags);
    checks.add(apiFields(namespace, values));
    if (sameNode) {
      checks.add(affinityAssistant(namespace, values, version));
    }
    return checks;
  }

  private Check apiFields(String namespace, Map<String, String> flags) {
    // Absent, Tekton takes its default, "beta" (config/feature_flags.go, DefaultEnableAPIFields).
    String value = flags.getOrDefault("enable-api-fields", "beta").strip();
    return switch (value) {
      case "beta", "alpha" -> Check.ok(FLAGS, "enable-api-fields is " + value + ": matrix allowed");
      case "stable" ->
          Check.problem(
              FLAGS,
              "enable-api-fields is stable, which refuses matrix (a beta feature) and so the "
                  + "Pipeline; "
                  + fix(namespace, "enable-api-fields", "\"beta\""));
      default ->
          Check.warning(
              FLAGS,
              "enable-api-fields is '"
                  + shortened(value)
                  + "', not one of alpha, beta, stable: Tekton may refuse every run");
    };
  }

  private Check affinityAssistant(
      String namespace, Map<String, String> flags, Optional<TektonVersion> version) {
    // Defaults from config/feature_flags.go: coschedule "workspaces", disable-affinity-assistant
    // "false" (the flag is gone from 1.0).
    String coschedule = flags.getOrDefault("coschedule", "workspaces").strip();
    if (version.isEmpty()) {
      return Check.warning(
          FLAGS, "Tekton's version is unknown, so whether the affinity assistant is on is too");
    }
    if (version.get().compareTo(TektonVersion.COSCHEDULE_ONLY) >= 0) {
      return COSCHEDULING.contains(coschedule)
          ? Check.ok(FLAGS, "coschedule is " + coschedule + ": same-node builds share a node")
          : Check.problem(
              FLAGS,
              "coschedule is '"
                  + shortened(coschedule)
                  + "', so the affinity assistant is off and same-node builds scatter over "
                  + "nodes without emulators; "
                  + fix(namespace, "coschedule", "\"workspaces\""));
    }
    String disabled = flags.getOrDefault("disable-affinity-assistant", "false").strip();
    if ("false".equals(disabled)
        || Set.of("pipelineruns", "isolate-pipelinerun").contains(coschedule)) {
      return Check.ok(
          FLAGS,
          "disable-affinity-assistant is "
              + shortened(disabled)
              + " and coschedule "
              + shortened(coschedule)
              + ": same-node builds share a node");
    }
    return Check.problem(
        FLAGS,
        "disable-affinity-assistant is '"
            + shortened(disabled)
            + "', so before Tekton 1.0 the affinity assistant is off (coschedule "
            + shortened(coschedule)
            + " does not turn it on) and same-node builds scatter over nodes without emulators; "
            + fix(namespace, "disable-affinity-assistant", "false"));
  }

  /**
   * The OpenShift Pipelines operator rewrites feature-flags from TektonConfig's spec.pipeline
   * (tektoncd/operator, PipelineProperties), so the fix goes there; plain Tekton reads the
   * ConfigMap.
   */
  private static String fix(String namespace, String flag, String json) {
    if (namespace.equals("openshift-pipelines")) {
      return "fix: oc patch tektonconfig config --type merge -p '{\"spec\":{\"pipeline\":{\""
          + flag
          + "\":"
          + json
          + "}}}'";
    }
    return "fix: kubectl -n "
        + namespace
        + " patch configmap feature-flags --type merge -p '{\"data\":{\""
        + flag
        + "\":\""
        + json.replace("\"", "")
        + "\"}}'";
  }

  private ConfigMap configMap(String name, String namespace) {
    return Reads.read(
        failures,
        () -> client.configMaps().inNamespace(namespace).withName(name).get(),
        "get",
        "configmaps/" + name,
        namespace);
  }

  private static Map<String, String> data(ConfigMap map) {
    return map.getData() == null ? Map.of() : map.getData();
  }

  static String shortened(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
