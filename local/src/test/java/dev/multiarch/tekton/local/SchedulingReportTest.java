package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.model.Scope;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import io.fabric8.tekton.v1.ParamSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scheduling report of the examples, as an x86_64 host prints it before running them. */
class SchedulingReportTest {

  @Test
  void hybrid_pinsTheNativeBuild_keepsTheMatrixOnBinfmtsNode_andSaysArm64RunsEmulatedHere() {
    assertThat(report("hybrid", Set.of("qemu-aarch64")))
        .containsExactly(
            "scheduling: where each TaskRun would run on a cluster (here every one runs on this x86_64 host):",
            "  resolve-commit      nodes kubernetes.io/arch=amd64,kubernetes.io/os=linux; unprivileged, as gateway-builder",
            "  binfmt              nodes kubernetes.io/arch=amd64,kubernetes.io/os=linux, the node of volume workspace source (the affinity assistant's);"
                + " privileged (release-unusable, install, verify), as gateway-privileged",
            "  build linux/amd64   nodes kubernetes.io/arch=amd64,kubernetes.io/os=linux, the node of volume workspace source (the affinity assistant's);"
                + " unprivileged, as gateway-builder; native (the build nodes' platform)",
            "  build linux/arm/v7  nodes kubernetes.io/arch=amd64,kubernetes.io/os=linux, the node of volume workspace source (the affinity assistant's);"
                + " unprivileged, as gateway-builder; emulated (qemu-arm)",
            "  build-linux-arm64   nodes kubernetes.io/arch=arm64,kubernetes.io/os=linux tolerating arch=arm64:NoSchedule;"
                + " unprivileged, as gateway-builder; native; here through this host's qemu-aarch64 emulator, not natively",
            "  manifest            nodes kubernetes.io/arch=amd64,kubernetes.io/os=linux; unprivileged, as gateway-builder");
  }

  @Test
  void daemonset_reportsTheDaemonSet_andTheBuildsPinnedAndSpreadOverItsNodes() {
    assertThat(report("daemonset", Set.of()))
        .containsExactly(
            "scheduling: where each TaskRun would run on a cluster (here every one runs on this x86_64 host):",
            "  DaemonSet cache-binfmt  one pod on every node multiarch-tekton.dev/emulation=true,kubernetes.io/arch=amd64,"
                + "kubernetes.io/os=linux; privileged, as cache-binfmt; registers linux/arm64,linux/ppc64le and stays;"
                + " here: registered on this host before the Pipeline",
            "  resolve-commit          any node; unprivileged, as cache-builder",
            "  build linux/amd64       nodes multiarch-tekton.dev/emulation=true,kubernetes.io/arch=amd64,"
                + "kubernetes.io/os=linux, spread over them; unprivileged, as cache-builder; native (the build nodes'"
                + " platform)",
            "  build linux/arm64       nodes multiarch-tekton.dev/emulation=true,kubernetes.io/arch=amd64,"
                + "kubernetes.io/os=linux, spread over them; unprivileged, as cache-builder; emulated (qemu-aarch64)",
            "  build linux/ppc64le     nodes multiarch-tekton.dev/emulation=true,kubernetes.io/arch=amd64,"
                + "kubernetes.io/os=linux, spread over them; unprivileged, as cache-builder; emulated (qemu-ppc64le)",
            "  manifest                any node; unprivileged, as cache-builder");
  }

  @Test
  void crossCompiled_saysTheOtherPlatformBuildsWithoutAnEmulator_andNothingIsPrivileged() {
    List<String> lines = report("cross-go", Set.of());

    assertThat(lines)
        .noneMatch(line -> line.contains("privileged (") || line.contains("emulated"))
        .anyMatch(
            line ->
                line.startsWith("  build linux/arm64")
                    && line.endsWith(
                        "cross-compiled (no instruction runs on linux/arm64; no emulator)"));
  }

  @Test
  void inPod_saysEachBuildIsPrivileged() {
    List<String> lines = report("in-pod", Set.of());

    assertThat(lines)
        .contains(
            "  build linux/riscv64  nodes kubernetes.io/arch=amd64,kubernetes.io/os=linux; privileged (release-unusable,"
                + " register-emulator), as web-privileged; emulated (qemu-riscv64)");
  }

  @Test
  void allNative_hasNothingPrivilegedOrEmulated() {
    assertThat(report("all-native", Set.of()))
        .noneMatch(line -> line.contains("privileged (") || line.contains("emulated"))
        .contains(
            "  build-linux-s390x  nodes kubernetes.io/arch=s390x,"
                + "node-role.kubernetes.io/builder=; unprivileged, as api-builder; native; here through this host's"
                + " qemu-s390x emulator, not natively (not registered)");
  }

  private static List<String> report(String example, Set<String> emulators) {
    GeneratedPipeline generated =
        MultiArchTekton.fromSpecFile(
                GoldenFiles.projectRoot()
                    .resolve("examples")
                    .resolve(example)
                    .resolve("multiarch.yaml"))
            .generate();
    PipelinePlan plan = PipelinePlan.of(generated.pipeline(), generated.tasks());
    Scope scope = new Scope();
    for (ParamSpec param : generated.pipeline().getSpec().getParams()) {
      if (param.getDefault().getArrayVal() != null) {
        scope.putArray("params." + param.getName(), param.getDefault().getArrayVal());
      } else {
        scope.put("params." + param.getName(), param.getDefault().getStringVal());
      }
    }
    return new SchedulingReport(
            plan,
            generated.pipelineRun(),
            generated.daemonSets(),
            generated.spec().nativePlatforms().stream().map(NativePlatform::platform).toList(),
            generated.spec().nodePlatform(),
            "x86_64",
            emulators::contains,
            generated.spec().crossCompiled())
        .lines(scope);
  }
}
