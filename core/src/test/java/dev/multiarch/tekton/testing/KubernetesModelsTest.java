package dev.multiarch.tekton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.generate.Specs;
import dev.multiarch.tekton.yaml.YamlWriter;
import org.junit.jupiter.api.Test;

/** The structural check of the non-Tekton documents finds what the API server would refuse. */
class KubernetesModelsTest {

  private static final String DAEMON_SET =
      YamlWriter.toYaml(MultiArchTekton.from(Specs.daemonSet()).generate().daemonSets().get(0));

  @Test
  void generatedDaemonSet_isSound() {
    assertThat(KubernetesModels.validate(DAEMON_SET)).isEmpty();
  }

  @Test
  void misspeltField_isFoundWithItsPath() {
    String edited =
        DAEMON_SET.replace(
            "      automountServiceAccountToken: false\n",
            "      automountServiceAccountTokens: false\n");

    assertThat(KubernetesModels.validate(edited))
        .singleElement()
        .asString()
        .startsWith("spec.template.spec.automountServiceAccountTokens: ");
  }

  @Test
  void selectorNotMatchingThePodLabels_isFound() {
    String edited =
        DAEMON_SET.replace(
            "      app.kubernetes.io/component: binfmt\n      app.kubernetes.io/managed-by",
            "      app.kubernetes.io/component: other\n      app.kubernetes.io/managed-by");

    assertThat(KubernetesModels.validate(edited))
        .contains(
            "spec.selector.matchLabels.app.kubernetes.io/component:"
                + " the pod template's labels do not match it");
  }

  @Test
  void wrongType_isFound() {
    String edited =
        DAEMON_SET.replace(
            "terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds: soon");

    assertThat(KubernetesModels.validate(edited))
        .singleElement()
        .asString()
        .startsWith("spec.template.spec.terminationGracePeriodSeconds: ");
  }
}
