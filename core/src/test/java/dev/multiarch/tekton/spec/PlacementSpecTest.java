package dev.multiarch.tekton.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.NodeToleration;
import dev.multiarch.tekton.Placement;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.SpecFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The placement fields of a spec: native platforms with their selectors and tolerations, the
 * emulation nodes.
 */
class PlacementSpecTest {

  private static final String LABEL_KEY =
      "a label key: an optional DNS-1123 subdomain prefix and '/' (such as"
          + " kubernetes.io/), then a name of at most 63 letters, digits, '-', '_' and '.', starting and ending with a"
          + " letter or digit";

  private static BuildSpec.Builder valid() {
    return BuildSpecValidationTest.valid()
        .platforms(
            List.of(
                Platform.parse("linux/amd64"),
                Platform.parse("linux/arm64"),
                Platform.parse("linux/arm/v7")));
  }

  @Test
  void native_defaultSelector_isTheNodeArchitectureAndOs_armForArmV7() {
    assertThat(NativePlatform.of(Platform.parse("linux/arm/v7")).nodeSelector())
        .containsExactly(
            Map.entry("kubernetes.io/arch", "arm"), Map.entry("kubernetes.io/os", "linux"));
    assertThat(NativePlatform.of(Platform.parse("linux/arm64")).tolerations()).isEmpty();
  }

  @Test
  void native_givenSelector_replacesTheDefault_inItsOrder() {
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put("pool.example.com/arm", "builders");
    selector.put("node-role.kubernetes.io/builder", "");

    assertThat(new NativePlatform(Platform.parse("linux/arm64"), selector, null).nodeSelector())
        .containsExactly(
            Map.entry("pool.example.com/arm", "builders"),
            Map.entry("node-role.kubernetes.io/builder", ""));
  }

  @Test
  void native_platformNotBuilt_isRejectedNamingThePlatforms() {
    assertThatThrownBy(
            () ->
                valid()
                    .nativePlatforms(List.of(NativePlatform.of(Platform.parse("linux/s390x"))))
                    .build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "spec.native[0].platform: 'linux/s390x' is not allowed; expected one of spec.platforms:"
                + " linux/amd64, linux/arm64, linux/arm/v7");
  }

  @Test
  void native_samePlatformTwice_isRejected() {
    NativePlatform arm64 = NativePlatform.of(Platform.parse("linux/arm64"));

    assertThatThrownBy(() -> valid().nativePlatforms(List.of(arm64, arm64)).build())
        .hasMessage(
            "spec.native[1].platform: 'linux/arm64' is not allowed; expected each platform once; it is"
                + " already spec.native[0]");
  }

  @Test
  void native_badLabelKeyOrValue_isRejected() {
    assertThatThrownBy(
            () -> new NativePlatform(Platform.parse("linux/arm64"), Map.of("-bad", "x"), null))
        .hasMessage("nodeSelector: '-bad' is not allowed; expected " + LABEL_KEY);
    assertThatThrownBy(
            () ->
                new NativePlatform(
                    Platform.parse("linux/arm64"), Map.of("Example.com/x", "x"), null))
        .hasMessage("nodeSelector: 'Example.com/x' is not allowed; expected " + LABEL_KEY);
    assertThatThrownBy(
            () ->
                new NativePlatform(
                    Platform.parse("linux/arm64"), Map.of("pool", "two words"), null))
        .hasMessage(
            "nodeSelector: 'two words' is not allowed; expected a label value: empty, or at most 63 letters,"
                + " digits, '-', '_' and '.', starting and ending with a letter or digit (the value of pool)");
    assertThatThrownBy(
            () ->
                new NativePlatform(
                    Platform.parse("linux/arm64"), Map.of("x".repeat(64), "y"), null))
        .hasMessageStartingWith("nodeSelector: '" + "x".repeat(64) + "' is not allowed");
  }

  @Test
  void toleration_followsKubernetesRules() {
    assertThat(new NodeToleration("arch", null, "arm64", "NoSchedule").operator())
        .isEqualTo("Equal");
    assertThat(new NodeToleration("", "Exists", null, null).key()).isEmpty();
    assertThatThrownBy(() -> new NodeToleration("arch", "Exists", "arm64", null))
        .hasMessage("value: 'arm64' is not allowed; expected no value with operator Exists");
    assertThatThrownBy(() -> new NodeToleration("", "Equal", "arm64", null))
        .hasMessage(
            "key: '' is not allowed; expected a taint key: only operator Exists may leave it empty");
    assertThatThrownBy(() -> new NodeToleration("arch", "Matches", "arm64", null))
        .hasMessage("operator: 'Matches' is not allowed; expected Equal or Exists");
    assertThatThrownBy(() -> new NodeToleration("arch", null, "arm64", "Never"))
        .hasMessage(
            "effect: 'Never' is not allowed; expected one of NoSchedule, PreferNoSchedule, NoExecute, or"
                + " empty for all");
  }

  @Test
  void emulationNodeSelector_outsidePlacementDaemonset_isRejected() {
    assertThatThrownBy(() -> valid().emulationNodeSelector(Map.of("pool", "emulation")).build())
        .hasMessage(
            "spec.emulationNodeSelector: 'pool' is not allowed; expected no emulationNodeSelector with"
                + " placement same-node: it picks the emulator DaemonSet's nodes, in placement daemonset only");
  }

  @Test
  void emulationNodeSelector_defaultsInPlacementDaemonset_andRefusesAnotherArchitecture() {
    assertThat(valid().placement(Placement.DAEMONSET).build().emulationNodeSelector())
        .containsExactly(Map.entry("multiarch-tekton.dev/emulation", "true"));
    assertThat(valid().build().emulationNodeSelector()).isEmpty();
    assertThatThrownBy(
            () ->
                valid()
                    .placement(Placement.DAEMONSET)
                    .emulationNodeSelector(Map.of("kubernetes.io/arch", "arm64"))
                    .build())
        .hasMessage(
            "spec.emulationNodeSelector: 'arm64' is not allowed; expected amd64 for kubernetes.io/arch, the"
                + " build nodes' (spec.nodePlatform linux/amd64), or no kubernetes.io/arch at all");
  }

  @Test
  void toBuilder_ofADaemonsetSpec_canSwitchPlacementWithoutCarryingTheDefaultSelector() {
    BuildSpec daemonset = valid().placement(Placement.DAEMONSET).build();

    assertThat(daemonset.toBuilder().placement(Placement.IN_POD).build().emulationNodeSelector())
        .isEmpty();
    assertThat(daemonset.toBuilder().build()).isEqualTo(daemonset);
  }

  @Test
  void cleanupEmulators_withNothingEmulated_isRejected() {
    List<NativePlatform> natives =
        List.of(
            NativePlatform.of(Platform.parse("linux/arm64")),
            NativePlatform.of(Platform.parse("linux/arm/v7")));

    assertThatThrownBy(() -> valid().nativePlatforms(natives).cleanupEmulators(true).build())
        .hasMessage(
            "spec.cleanupEmulators: 'true' is not allowed; expected false when no platform is emulated:"
                + " nothing is registered to clean up");
  }

  @Test
  void emulatedPlatforms_leaveOutNativeOnesAndTheNodes() {
    BuildSpec spec =
        valid().nativePlatforms(List.of(NativePlatform.of(Platform.parse("linux/arm64")))).build();

    assertThat(spec.emulatedPlatforms()).containsExactly(Platform.parse("linux/arm/v7"));
  }

  @Test
  void specFile_native_withSelectorAndTolerations() {
    BuildSpec spec =
        SpecFileTest.parse(
            SpecFileTest.MINIMAL
                + """
          native:
            - platform: linux/arm64
              nodeSelector:
                pool: arm
              tolerations:
                - key: arch
                  value: arm64
                  effect: NoSchedule
                - operator: Exists
          placement: daemonset
          emulationNodeSelector:
            pool: emulation
        """);

    assertThat(spec.nativePlatforms())
        .containsExactly(
            new NativePlatform(
                Platform.parse("linux/arm64"),
                Map.of("pool", "arm"),
                List.of(
                    new NodeToleration("arch", "Equal", "arm64", "NoSchedule"),
                    new NodeToleration("", "Exists", "", ""))));
    assertThat(spec.emulationNodeSelector()).containsExactly(Map.entry("pool", "emulation"));
  }

  @Test
  void specFile_badToleration_namesItsPathAndLine() {
    SpecFileException e =
        SpecFileTest.failure(
            SpecFileTest.MINIMAL
                + """
          native:
            - platform: linux/arm64
              tolerations:
                - key: arch
                  effect: Sometimes
        """);

    assertThat(e)
        .hasMessage(
            "multiarch.yaml:14: spec.native[0].tolerations[0].effect: 'Sometimes' is not allowed;"
                + " expected one of NoSchedule, PreferNoSchedule, NoExecute, or empty for all");
  }

  @Test
  void specFile_unknownFieldOfANativeEntry_isNamedWithTheKnownOnes() {
    SpecFileException e =
        SpecFileTest.failure(
            SpecFileTest.MINIMAL
                + """
          native:
            - platform: linux/arm64
              nodeSelectors: {pool: arm}
        """);

    assertThat(e)
        .hasMessage(
            "multiarch.yaml:12: spec.native[0].nodeSelectors: unknown field; did you mean"
                + " 'nodeSelector'? known: platform, nodeSelector, tolerations");
  }
}
