package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The placement flags: --native and its node selector and tolerations, --emulation-node-selector.
 */
class NativeFlagsTest {

  private static final Path HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml");
  private static final Path HYBRID =
      GoldenFiles.projectRoot().resolve("examples/hybrid/multiarch.yaml");

  private static CliTest.Result generate(String... flags) {
    return CliTest.run(
        Stream.concat(
                Stream.of(
                    "generate",
                    "-f",
                    HELLO.toString(),
                    "--platforms",
                    "linux/amd64,linux/arm64,linux/arm/v7"),
                Stream.of(flags))
            .toArray(String[]::new));
  }

  @Test
  void native_repeatedOrCommaList_givesTheSameBuild() {
    CliTest.Result repeated = generate("--native", "linux/arm64", "--native", "linux/arm/v7");
    CliTest.Result list = generate("--native", "linux/arm64,linux/arm/v7");

    assertThat(repeated.code()).as(repeated.err()).isZero();
    assertThat(repeated.out())
        .isEqualTo(list.out())
        .contains(
            "pipelineTaskName: build-linux-arm64\n",
            "pipelineTaskName: build-linux-arm-v7\n",
            "          kubernetes.io/arch: arm\n",
            "          kubernetes.io/arch: arm64\n")
        .doesNotContain("name: binfmt\n");
  }

  @Test
  void nativeNodeSelectorAndTolerations_reachThatPlatformsPodTemplate() {
    CliTest.Result result =
        generate(
            "--native",
            "linux/arm64",
            "--native-node-selector",
            "linux/arm64:pool.example.com/arm=builders",
            "--native-toleration",
            "linux/arm64:arch=arm64:NoSchedule",
            "--native-toleration",
            "linux/arm64:dedicated");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .contains(
            """
              pipelineTaskName: build-linux-arm64
              podTemplate:
                nodeSelector:
                  pool.example.com/arm: builders
                tolerations:
                  - effect: NoSchedule
                    key: arch
                    operator: Equal
                    value: arm64
                  - key: dedicated
                    operator: Exists
        """);
  }

  @Test
  void nativeFlags_replaceTheSpecFilesNativeList() {
    CliTest.Result result =
        CliTest.run("generate", "-f", HYBRID.toString(), "--native", "linux/arm/v7");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("pipelineTaskName: build-linux-arm-v7\n")
        .doesNotContain("build-linux-arm64");
  }

  @Test
  void emulationNodeSelector_pinsTheDaemonSetAndTheEmulatedBuilds() {
    CliTest.Result result =
        generate("--placement", "daemonset", "--emulation-node-selector", "pool=emulation");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("kind: DaemonSet\n")
        .contains(
            """
                nodeSelector:
                  kubernetes.io/arch: amd64
                  kubernetes.io/os: linux
                  pool: emulation
        """);
  }

  static Stream<Arguments> badFlags() {
    return Stream.of(
        Arguments.of(
            List.of("--native", "linux/s390x"),
            "--native: 'linux/s390x' is not allowed; expected one of"
                + " spec.platforms: linux/amd64, linux/arm64, linux/arm/v7"),
        Arguments.of(
            List.of("--native", "linux/arm64,linux/arm64"),
            "--native: 'linux/arm64' is not allowed;"
                + " expected each platform once; it is already spec.native[0]"),
        Arguments.of(
            List.of("--native", "linux/arm64", "--native-node-selector", "linux/arm/v7:a=b"),
            "--native-node-selector: 'linux/arm/v7:a=b' is not allowed; expected a platform given with --native"
                + " first (linux/arm64)"),
        Arguments.of(
            List.of("--native", "linux/arm64", "--native-node-selector", "linux/arm64"),
            "--native-node-selector: 'linux/arm64' is not allowed; expected PLATFORM:KEY=VALUE, such as"
                + " linux/arm64:node-role.kubernetes.io/arm-builder="),
        Arguments.of(
            List.of("--native", "linux/arm64", "--native-node-selector", "linux/arm64:bad key=x"),
            "--native-node-selector: 'bad key' is not allowed; expected a label key: an optional DNS-1123 subdomain"
                + " prefix and '/' (such as kubernetes.io/), then a name of at most 63 letters, digits, '-', '_' and"
                + " '.', starting and ending with a letter or digit"),
        Arguments.of(
            List.of(
                "--native", "linux/arm64", "--native-toleration", "linux/arm64:arch=arm64:Never"),
            "--native-toleration: 'Never' is not allowed; expected one of NoSchedule, PreferNoSchedule, NoExecute,"
                + " or empty for all"),
        Arguments.of(
            List.of("--emulation-node-selector", "pool=emulation"),
            "--emulation-node-selector: 'pool' is"
                + " not allowed; expected no emulationNodeSelector with placement same-node: it picks the emulator"
                + " DaemonSet's nodes, in placement daemonset only"));
  }

  @ParameterizedTest
  @MethodSource("badFlags")
  void badPlacementFlag_isOneLineNamingTheFlag(List<String> flags, String message) {
    CliTest.Result result = generate(flags.toArray(String[]::new));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("multiarch-tekton: " + message + "\n");
  }
}
