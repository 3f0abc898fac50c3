package dev.multiarch.tekton.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tekton's feature flags: its defaults, a ConfigMap file over them, one key at a time. */
class FeatureFlagsTest {

  @TempDir Path dir;

  @Test
  void defaults_areTektons() {
    FeatureFlags flags = FeatureFlags.defaults();

    assertThat(flags.apiFields()).isEqualTo("beta");
    assertThat(flags.allows("beta")).isTrue();
    assertThat(flags.allows("alpha")).isFalse();
    assertThat(flags.enabled(FeatureFlags.ENABLE_PARAM_ENUM)).isFalse();
    assertThat(flags.enabled(FeatureFlags.ENABLE_STEP_ACTIONS)).isTrue();
    assertThat(flags.inlineSpecDisabled("pipeline")).isFalse();
  }

  @Test
  void fromConfigMap_readsTheDataOverTheDefaults_ignoringKeysThatDoNotMatterHere()
      throws IOException {
    Path file = dir.resolve("ff.yaml");
    Files.writeString(
        file,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: feature-flags\ndata:\n"
            + "  enable-api-fields: Alpha\n  enable-param-enum: \"true\"\n  disable-inline-spec: pipeline,taskrun\n"
            + "  coschedule: workspaces\n  some-future-key: x\n");

    FeatureFlags flags = FeatureFlags.fromConfigMap(file);

    assertThat(flags.apiFields()).isEqualTo("alpha");
    assertThat(flags.enabled(FeatureFlags.ENABLE_PARAM_ENUM)).isTrue();
    assertThat(flags.inlineSpecDisabled("taskrun")).isTrue();
    assertThat(flags.inlineSpecDisabled("pipelinerun")).isFalse();
  }

  @Test
  void fromConfigMap_notAConfigMap_throwsNamingTheFile() throws IOException {
    Path file = dir.resolve("ff.yaml");
    Files.writeString(file, "kind: Secret\n");

    assertThatThrownBy(() -> FeatureFlags.fromConfigMap(file))
        .isInstanceOf(YamlInputException.class)
        .hasMessage(
            file
                + ": not a ConfigMap with data (expected the output of 'kubectl get configmap feature-flags "
                + "-o yaml')");
  }

  @Test
  void with_badValue_throwsNamingTheKey() {
    assertThatThrownBy(() -> FeatureFlags.defaults().with("enable-param-enum", "yes"))
        .isInstanceOf(FeatureFlagException.class)
        .hasMessage("enable-param-enum: 'yes' is not allowed; expected true or false");
    assertThatThrownBy(() -> FeatureFlags.defaults().with("enable-api-fields", "gamma"))
        .hasMessage(
            "enable-api-fields: 'gamma' is not allowed; expected one of stable, beta, alpha");
  }

  @Test
  void with_unknownKey_throws_andGoBooleansAreRead() {
    assertThatThrownBy(() -> FeatureFlags.defaults().with("enable-param-enums", "true"))
        .isInstanceOf(FeatureFlagException.class)
        .hasMessageStartingWith("feature flag: 'enable-param-enums' is not");
    assertThat(FeatureFlags.defaults().with("enable-artifacts", "T").enabled("enable-artifacts"))
        .isTrue();
    assertThat(FeatureFlags.defaults().with("coschedule", "disabled"))
        .isEqualTo(FeatureFlags.defaults());
  }
}
