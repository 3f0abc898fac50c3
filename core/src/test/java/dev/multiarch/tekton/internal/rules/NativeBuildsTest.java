package dev.multiarch.tekton.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.validate.testing.RuleTable;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NativeBuilds}: a PipelineRun's spec and its Pipeline's, the findings (all this project's).
 */
class NativeBuildsTest {

  private static final String PIPELINE =
      """
      params:
        - {name: PLATFORMS, type: array, default: [linux/amd64, linux/arm/v7]}
        - {name: EMULATORS, type: string, default: linux/arm/v7}
      tasks:
        - name: build
          matrix:
            params: [{name: PLATFORM, value: '$(params.PLATFORMS[*])'}]
            include:
              - {name: emulate, params: [{name: PLATFORM, value: linux/arm/v7}, {name: EMULATORS, value: linux/arm/v7}]}
          taskRef: {name: multiarch-buildah-in-pod}
        - name: build-linux-arm64
          params: [{name: PLATFORM, value: linux/arm64}]
          taskRef: {name: multiarch-buildah}
        - name: binfmt
          params: [{name: EMULATORS, value: $(params.EMULATORS)}]
          taskRef: {name: multiarch-binfmt}
      """;

  private static String finding(String path, String task, String arch, String emulators) {
    return path
        + ": [multiarch-tekton] pipeline task '"
        + task
        + " runs on kubernetes.io/arch="
        + arch
        + " nodes yet"
        + " registers an emulator of that architecture (EMULATORS: "
        + emulators
        + "): an emulator of the node's own"
        + " architecture sends every native binary there through QEMU";
  }

  private static final String SPEC0 =
      "taskRunSpecs[0].podTemplate.nodeSelector[kubernetes.io/arch]";

  static Stream<Arguments> registerNoEmulator() {
    return Stream.of(
        Arguments.of(
            "the native build pinned to its architecture",
            "taskRunSpecs: [{pipelineTaskName: "
                + "build-linux-arm64, podTemplate: {nodeSelector: {kubernetes.io/arch: arm64}}}]",
            PIPELINE,
            List.of()),
        Arguments.of(
            "the matrix pinned to amd64 nodes: arm/v7 emulated, amd64 without emulators",
            "taskRunSpecs: [{pipelineTaskName: build, podTemplate: {nodeSelector: {kubernetes.io/arch: amd64}}}]",
            PIPELINE,
            List.of()),
        Arguments.of(
            "the matrix pinned to arm nodes: arm/v7 is native there",
            "taskRunSpecs: [{pipelineTaskName: "
                + "build, podTemplate: {nodeSelector: {kubernetes.io/arch: arm}}}]",
            PIPELINE,
            List.of(finding(SPEC0, "build' (linux/arm/v7)", "arm", "linux/arm/v7"))),
        Arguments.of(
            "a native build given emulators of its own architecture among others",
            "taskRunSpecs: "
                + "[{pipelineTaskName: build-linux-arm64, podTemplate: {nodeSelector: {kubernetes.io/arch: arm64}}}]",
            PIPELINE.replace(
                "params: [{name: PLATFORM, value: linux/arm64}]",
                "params: [{name: PLATFORM, value: linux/arm64}, {name: EMULATORS, value: 'linux/arm/v7,linux/arm64'}]"),
            List.of(
                finding(
                    SPEC0,
                    "build-linux-arm64' (linux/arm64)",
                    "arm64",
                    "linux/arm/v7,linux/arm64"))),
        Arguments.of(
            "a native build given the emulators of other architectures: in-pod's shared EMULATORS",
            "taskRunSpecs: [{pipelineTaskName: build-linux-arm64, podTemplate: {nodeSelector: {kubernetes.io/arch: "
                + "arm64}}}]",
            PIPELINE.replace(
                "params: [{name: PLATFORM, value: linux/arm64}]",
                "params: [{name: PLATFORM, value: linux/arm64}, {name: EMULATORS, value: $(params.EMULATORS)}]"),
            List.of()),
        Arguments.of(
            "the in-pod matrix with the run's emulators for every combination, pinned to amd64 nodes",
            "taskRunSpecs: [{pipelineTaskName: build, podTemplate: {nodeSelector: {kubernetes.io/arch: amd64}}}]",
            PIPELINE.replace(
                "taskRef: {name: multiarch-buildah-in-pod}",
                "params: [{name: EMULATORS, value: "
                    + "$(params.EMULATORS)}]\n    taskRef: {name: multiarch-buildah-in-pod}"),
            List.of()),
        Arguments.of(
            "the binfmt task, which names no platform, pinned to the architecture it registers",
            "taskRunSpecs: [{pipelineTaskName: binfmt, podTemplate: {nodeSelector: {kubernetes.io/arch: arm}}}]",
            PIPELINE,
            List.of(finding(SPEC0, "binfmt'", "arm", "linux/arm/v7"))),
        Arguments.of(
            "every task pinned by the run's template",
            "taskRunTemplate: {podTemplate: {nodeSelector: " + "{kubernetes.io/arch: arm}}}",
            PIPELINE,
            List.of(
                finding(
                    "taskRunTemplate.podTemplate.nodeSelector[kubernetes.io/arch]",
                    "build' (linux/arm/v7)",
                    "arm",
                    "linux/arm/v7"),
                finding(
                    "taskRunTemplate.podTemplate.nodeSelector[kubernetes.io/arch]",
                    "binfmt'",
                    "arm",
                    "linux/arm/v7"))),
        Arguments.of(
            "the run's params over the Pipeline's defaults",
            "params: [{name: PLATFORMS, value: "
                + "[linux/arm64]}]\ntaskRunSpecs: [{pipelineTaskName: build, podTemplate: {nodeSelector: "
                + "{kubernetes.io/arch: arm64}}}]",
            PIPELINE.replace(
                "{name: emulate, params: [{name: PLATFORM, value: "
                    + "linux/arm/v7}, {name: EMULATORS, value: linux/arm/v7}]}",
                "{name: emulate, params: [{name: "
                    + "PLATFORM, value: linux/arm64}, {name: EMULATORS, value: linux/arm64}]}"),
            List.of(finding(SPEC0, "build' (linux/arm64)", "arm64", "linux/arm64"))),
        Arguments.of("nothing pinned", "{}", PIPELINE, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void registerNoEmulator(String name, String runSpec, String pipelineSpec, List<String> expected) {
    assertThat(
            RuleTable.lines(
                NativeBuilds.registerNoEmulator(
                    RuleTable.yaml(runSpec), RuleTable.yaml(pipelineSpec))))
        .containsExactlyElementsOf(expected);
  }
}
