package dev.multiarch.tekton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.validate.ModelStructure;
import dev.multiarch.tekton.validate.YamlDocs;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.ImageStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Structural checks of the generated documents that are not Tekton's and have no JSON schema here
 * (the apps/v1 DaemonSet, ServiceAccounts, RoleBindings, the ImageStream, the volume claim
 * template): every field known to fabric8's model class for the kind, of the right JSON type; for a
 * DaemonSet also what the API server requires of one (a selector matching the pod template's
 * labels, containers with a name and an image).
 */
public final class KubernetesModels {

  private static final Map<String, Class<?>> MODELS =
      Map.of(
          "apps/v1/DaemonSet", DaemonSet.class,
          "v1/ServiceAccount", ServiceAccount.class,
          "rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class,
          "image.openshift.io/v1/ImageStream", ImageStream.class,
          "v1/PersistentVolumeClaim", PersistentVolumeClaim.class);

  private KubernetesModels() {}

  /**
   * Problems of one YAML document; Tekton kinds and the kustomization (checked elsewhere) give
   * none.
   */
  public static List<String> validate(String yamlDocument) {
    List<String> problems = new ArrayList<>();
    for (YamlDocs.Doc doc : YamlDocs.parse("document", yamlDocument)) {
      JsonNode root = doc.root();
      String kind = root.path("apiVersion").asText("") + "/" + root.path("kind").asText("");
      Class<?> model = MODELS.get(kind);
      if (model == null) {
        continue;
      }
      problems.addAll(ModelStructure.check(root, model));
      if (model == DaemonSet.class) {
        problems.addAll(daemonSet(root));
      }
    }
    return problems;
  }

  /** Asserts that {@link #validate(String)} finds nothing. */
  public static void assertValid(String label, String yamlDocument) {
    List<String> problems = validate(yamlDocument);
    assertThat(problems)
        .as(
            "%s: structural problems against fabric8's models:%n  %s",
            label, String.join("\n  ", problems))
        .isEmpty();
  }

  private static List<String> daemonSet(JsonNode root) {
    List<String> problems = new ArrayList<>();
    JsonNode selector = root.path("spec").path("selector").path("matchLabels");
    JsonNode labels = root.path("spec").path("template").path("metadata").path("labels");
    if (!selector.isObject() || selector.isEmpty()) {
      problems.add("spec.selector.matchLabels: required");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      if (!label.getValue().equals(labels.get(label.getKey()))) {
        problems.add(
            "spec.selector.matchLabels."
                + label.getKey()
                + ": the pod template's labels do not match it");
      }
    }
    JsonNode pod = root.path("spec").path("template").path("spec");
    if (!pod.path("containers").isArray() || pod.path("containers").isEmpty()) {
      problems.add("spec.template.spec.containers: required");
    }
    for (String section : List.of("initContainers", "containers")) {
      JsonNode containers = pod.path(section);
      for (int i = 0; i < containers.size(); i++) {
        for (String field : List.of("name", "image")) {
          if (containers.get(i).path(field).asText("").isEmpty()) {
            problems.add("spec.template.spec." + section + "[" + i + "]." + field + ": required");
          }
        }
      }
    }
    return problems;
  }
}
