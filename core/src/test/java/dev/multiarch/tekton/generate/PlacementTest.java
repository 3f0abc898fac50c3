package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.Placement;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.model.MatrixFanOut;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.PipelineTaskRunSpec;
import io.fabric8.tekton.v1.WorkspaceBinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Where each platform builds, per placement, with native platforms layered on any of them. */
class PlacementTest {

  @Test
  void hybrid_buildsTheNativePlatformInAPinnedTaskOfItsOwn_andEmulatesOnlyTheRest() {
    GeneratedPipeline generated = MultiArchTekton.from(Specs.hybrid()).generate();
    Pipeline pipeline = generated.pipeline();

    assertThat(pipeline.getSpec().getTasks())
        .extracting(PipelineTask::getName)
        .containsExactly("resolve-commit", "binfmt", "build", "build-linux-arm64", "manifest");
    assertThat(param(pipeline, "PLATFORMS").getDefault().getArrayVal())
        .containsExactly("linux/amd64", "linux/arm/v7");
    assertThat(param(pipeline, "EMULATORS").getDefault().getStringVal()).isEqualTo("linux/arm/v7");
    PipelineTask arm64 = task(pipeline, "build-linux-arm64");
    assertThat(arm64.getTaskRef().getName()).isEqualTo("multiarch-buildah");
    assertThat(arm64.getMatrix()).isNull();
    assertThat(arm64.getRunAfter()).isEmpty();
    assertThat(value(arm64, "PLATFORM")).isEqualTo("linux/arm64");
    assertThat(value(arm64, "GIT_COMMIT")).isEqualTo("$(tasks.resolve-commit.results.COMMIT)");
    assertThat(arm64.getParams())
        .extracting(Param::getName)
        .doesNotContain("BINFMT_NODE", "EMULATORS");
    assertThat(arm64.getTimeout()).isEqualTo(task(pipeline, "build").getTimeout());
    assertThat(arm64.getRetries()).isEqualTo(1);
    // The shared volume would pull it onto binfmt's node: it clones into a workspace of its own.
    assertThat(arm64.getWorkspaces())
        .anySatisfy(
            w ->
                assertThat(w.getName() + "=" + w.getWorkspace()).isEqualTo("source=native-source"));
    assertThat(workspace(generated.pipelineRun(), "native-source").getEmptyDir()).isNotNull();
  }

  @Test
  void hybrid_pinsTheNativeBuildThroughTheRunsTaskRunSpecs() {
    PipelineRun run = MultiArchTekton.from(Specs.hybrid()).generate().pipelineRun();

    PipelineTaskRunSpec arm64 = taskRunSpec(run, "build-linux-arm64").orElseThrow();
    assertThat(arm64.getPodTemplate().getNodeSelector())
        .containsExactly(
            Map.entry("kubernetes.io/arch", "arm64"), Map.entry("kubernetes.io/os", "linux"));
    assertThat(arm64.getPodTemplate().getTolerations())
        .singleElement()
        .satisfies(
            t ->
                assertThat(
                        t.getKey()
                            + "="
                            + t.getValue()
                            + ":"
                            + t.getEffect()
                            + " "
                            + t.getOperator())
                    .isEqualTo("arch=arm64:NoSchedule Equal"));
    assertThat(arm64.getServiceAccountName()).isNull();
    assertThat(arm64.getComputeResources())
        .isEqualTo(taskRunSpec(run, "build").orElseThrow().getComputeResources());
    assertThat(taskRunSpec(run, "build").orElseThrow().getPodTemplate()).isNull();
  }

  @Test
  void hybrid_manifestGetsEveryRef_andPutsTheListInTheSpecsOrder() {
    Pipeline pipeline = MultiArchTekton.from(Specs.hybrid()).generate().pipeline();
    PipelineTask manifest = task(pipeline, "manifest");

    assertThat(array(manifest, "IMAGE_REFS"))
        .containsExactly(
            "$(tasks.build.results.IMAGE_REF[*])", "$(tasks.build-linux-arm64.results.IMAGE_REF)");
    assertThat(array(manifest, "IMAGE_PLATFORMS"))
        .containsExactly("$(params.PLATFORMS[*])", "linux/arm64");
    assertThat(array(manifest, "PLATFORM_ORDER"))
        .containsExactly("linux/amd64", "linux/arm64", "linux/arm/v7");
  }

  @Test
  void nativeAfterTheMatrixsPlatforms_needsNoReordering() {
    BuildSpec spec =
        Specs.hybrid().toBuilder()
            .platforms(Specs.platforms("linux/amd64", "linux/arm/v7", "linux/arm64"))
            .build();
    PipelineTask manifest = task(MultiArchTekton.from(spec).generate().pipeline(), "manifest");

    assertThat(array(manifest, "IMAGE_REFS"))
        .containsExactly(
            "$(tasks.build.results.IMAGE_REF[*])", "$(tasks.build-linux-arm64.results.IMAGE_REF)");
    assertThat(manifest.getParams())
        .extracting(Param::getName)
        .doesNotContain("IMAGE_PLATFORMS", "PLATFORM_ORDER");
  }

  @Test
  void allNative_hasNoMatrixNoBinfmtAndNothingPrivileged() {
    GeneratedPipeline generated = MultiArchTekton.from(Specs.allNative()).generate();
    Pipeline pipeline = generated.pipeline();

    assertThat(pipeline.getSpec().getTasks())
        .extracting(PipelineTask::getName)
        .containsExactly(
            "resolve-commit",
            "build-linux-amd64",
            "build-linux-arm64",
            "build-linux-s390x",
            "manifest");
    assertThat(pipeline.getSpec().getParams())
        .extracting(ParamSpec::getName)
        .doesNotContain("PLATFORMS", "EMULATORS", "BINFMT_IMAGE");
    assertThat(generated.tasks())
        .extracting(t -> t.getMetadata().getName())
        .containsExactly("multiarch-resolve-commit", "multiarch-buildah", "multiarch-manifest");
    assertThat(privilegedSteps(generated)).isEmpty();
    assertThat(generated.serviceAccounts())
        .extracting(a -> a.getMetadata().getName())
        .containsExactly("api-builder");
    assertThat(generated.roleBindings())
        .extracting(b -> b.getRoleRef().getName())
        .doesNotContain("system:openshift:scc:privileged");
    assertThat(array(task(pipeline, "manifest"), "IMAGE_REFS"))
        .containsExactly(
            "$(tasks.build-linux-amd64.results.IMAGE_REF)",
            "$(tasks.build-linux-arm64.results.IMAGE_REF)",
            "$(tasks.build-linux-s390x.results.IMAGE_REF)");
    assertThat(workspace(generated.pipelineRun(), "source").getEmptyDir()).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(Placement.class)
  void nothingEmulated_isUnprivilegedWhateverThePlacement(Placement placement) {
    // Given: the node platform in the matrix, the only other platform native
    BuildSpec spec =
        Specs.twoPlatforms().toBuilder()
            .placement(placement)
            .nativePlatforms(List.of(NativePlatform.of(Platform.parse("linux/arm64"))))
            .build();

    GeneratedPipeline generated = MultiArchTekton.from(spec).generate();

    assertThat(generated.pipeline().getSpec().getTasks())
        .extracting(PipelineTask::getName)
        .containsExactly("resolve-commit", "build", "build-linux-arm64", "manifest");
    assertThat(task(generated.pipeline(), "build").getTaskRef().getName())
        .isEqualTo("multiarch-buildah");
    assertThat(privilegedSteps(generated)).isEmpty();
    assertThat(generated.serviceAccounts()).hasSize(1);
    assertThat(generated.daemonSets()).isEmpty();
    assertThat(workspace(generated.pipelineRun(), "source").getVolumeClaimTemplate()).isNull();
  }

  @Test
  void daemonset_hasTheDaemonSetAndItsAccount_andNothingPrivilegedInThePipeline() {
    GeneratedPipeline generated = MultiArchTekton.from(Specs.daemonSet()).generate();

    assertThat(generated.allResources())
        .extracting(r -> r.getKind() + "/" + r.getMetadata().getName())
        .containsExactly(
            "ImageStream/hello",
            "ImageStream/buildah-qemu",
            "ServiceAccount/cache-builder",
            "ServiceAccount/cache-binfmt",
            "RoleBinding/cache-builder-image-builder",
            "RoleBinding/cache-builder-pipelines-scc",
            "RoleBinding/cache-binfmt-privileged-scc",
            "DaemonSet/cache-binfmt",
            "Task/multiarch-resolve-commit",
            "Task/multiarch-buildah",
            "Task/multiarch-manifest",
            "Task/multiarch-builder-image",
            "Pipeline/cache",
            "Pipeline/buildah-qemu-bootstrap");
    assertThat(generated.files().get("kustomization.yaml"))
        .contains("  - daemonset-cache-binfmt.yaml\n");
    assertThat(privilegedSteps(generated)).isEmpty();
    assertThat(generated.pipeline().getSpec().getTasks())
        .extracting(PipelineTask::getName)
        .containsExactly("resolve-commit", "build", "manifest");
    assertThat(generated.pipeline().getSpec().getFinally()).isEmpty();
    assertThat(generated.pipelineRun().getSpec().getTaskRunSpecs())
        .allSatisfy(s -> assertThat(s.getServiceAccountName()).isNull());
    assertThat(workspace(generated.pipelineRun(), "source").getEmptyDir()).isNotNull();
    assertThat(generated.roleBindings())
        .filteredOn(b -> b.getRoleRef().getName().equals("system:openshift:scc:privileged"))
        .singleElement()
        .satisfies(b -> assertThat(b.getSubjects().get(0).getName()).isEqualTo("cache-binfmt"));
  }

  @Test
  void runPodTemplate_table_pinsSameNodeAndInPodRunsToNodePlatform() {
    record Case(String name, BuildSpec spec, Map<String, String> expected) {}
    Map<String, String> amd64 = Map.of("kubernetes.io/arch", "amd64", "kubernetes.io/os", "linux");
    for (Case c :
        new Case[] {
          new Case("same-node", Specs.twoPlatforms(), amd64),
          new Case("in-pod", Specs.inPod(), amd64),
          new Case("hybrid", Specs.hybrid(), amd64),
          // arm/v7 nodes carry kubernetes.io/arch: arm, as native platforms map it.
          new Case(
              "same-node on arm/v7 nodes",
              Specs.inPod().toBuilder()
                  .placement(Placement.SAME_NODE)
                  .nodePlatform(Platform.parse("linux/arm/v7"))
                  .platforms(List.of(Platform.parse("linux/arm/v7"), Platform.parse("linux/arm64")))
                  .build(),
              Map.of("kubernetes.io/arch", "arm", "kubernetes.io/os", "linux")),
          // The builds of daemonset are pinned per task; with nothing emulated nothing is pinned.
          new Case("daemonset", Specs.daemonSet(), null),
          new Case("all-native", Specs.allNative(), null),
        }) {
      // When
      PipelineRun run = MultiArchTekton.from(c.spec()).generate().pipelineRun();

      // Then
      var template = run.getSpec().getTaskRunTemplate().getPodTemplate();
      if (c.expected() == null) {
        assertThat(template).as(c.name()).isNull();
      } else {
        assertThat(template.getNodeSelector()).as(c.name()).isEqualTo(c.expected());
      }
    }
  }

  @Test
  void hybrid_nativeBuildsNodeSelector_overridesTheRunsOne() {
    // When
    PipelineRun run = MultiArchTekton.from(Specs.hybrid()).generate().pipelineRun();

    // Then Tekton's merge keeps a task's own nodeSelector whole, so arm64 builds on arm64 nodes
    assertThat(run.getSpec().getTaskRunSpecs())
        .filteredOn(s -> s.getPodTemplate() != null && s.getPodTemplate().getNodeSelector() != null)
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.getPodTemplate().getNodeSelector())
                    .containsEntry("kubernetes.io/arch", "arm64"));
  }

  @Test
  void daemonset_registersTheEmulatedPlatformsOnTheLabelledNodes_andRemovesThemOnStopWhenAsked() {
    DaemonSet daemonSet = MultiArchTekton.from(Specs.daemonSet()).generate().daemonSets().get(0);
    var pod = daemonSet.getSpec().getTemplate().getSpec();

    assertThat(pod.getServiceAccountName()).isEqualTo("cache-binfmt");
    assertThat(pod.getNodeSelector())
        .containsOnly(
            Map.entry("multiarch-tekton.dev/emulation", "true"),
            Map.entry("kubernetes.io/arch", "amd64"),
            Map.entry("kubernetes.io/os", "linux"));
    assertThat(pod.getInitContainers().get(2).getArgs())
        .containsExactly("--install", "linux/arm64,linux/ppc64le");
    assertThat(env(pod.getContainers().get(0), "UNINSTALL_ON_STOP")).isEqualTo("true");
    assertThat(pod.getContainers().get(0).getReadinessProbe().getExec().getCommand())
        .startsWith("/bin/bash", "-c");
  }

  @Test
  void daemonset_pinsTheEmulatedBuildsToTheSameNodes_andSpreadsThem() {
    GeneratedPipeline generated = MultiArchTekton.from(Specs.daemonSet()).generate();
    var template = taskRunSpec(generated.pipelineRun(), "build").orElseThrow().getPodTemplate();

    assertThat(template.getNodeSelector())
        .isEqualTo(
            generated.daemonSets().get(0).getSpec().getTemplate().getSpec().getNodeSelector());
    assertThat(template.getTopologySpreadConstraints())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
              assertThat(c.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
              assertThat(c.getLabelSelector().getMatchLabels())
                  .containsOnly(
                      Map.entry("tekton.dev/pipeline", "cache"),
                      Map.entry("tekton.dev/pipelineTask", "build"));
            });
    // The cleanup happens when the DaemonSet's pods stop, not in a finally task: no time is kept
    // for one.
    assertThat(generated.pipelineRun().getSpec().getTimeouts().getFinally()).isNull();
  }

  @Test
  void pinnedRuns_printNoTknCommand_whichCannotPinAPipelineTask() {
    List<String> commands =
        MultiArchTekton.from(Specs.hybrid()).generate().startCommands(Path.of("deploy"));

    assertThat(commands)
        .contains(
            "oc apply -k deploy",
            "# once per namespace: build the builder image"
                + " image-registry.openshift-image-registry.svc:5000/demo/buildah-qemu:1.39.0-1, and"
                + " wait for this run to succeed before the first build",
            "oc create -f deploy/pipelinerun-buildah-qemu-bootstrap.yaml",
            "oc create -f deploy/pipelinerun-gateway.yaml",
            "# not tkn pipeline start: it cannot pin build-linux-arm64 to its nodes (taskRunSpecs podTemplate);"
                + " create the PipelineRun instead")
        .noneMatch(command -> command.startsWith("tkn "));
  }

  @Test
  void inPod_everyBuildRegistersTheRunsEmulators_andARunGivenFewerPlatformsBuildsOnlyThose() {
    Pipeline pipeline = MultiArchTekton.from(Specs.inPod()).generate().pipeline();
    PipelineTask build = task(pipeline, "build");

    assertThat(build.getParams())
        .filteredOn(p -> p.getName().equals("EMULATORS"))
        .extracting(p -> p.getValue().getStringVal())
        .containsExactly("$(params.EMULATORS)");
    assertThat(pipeline.getSpec().getParams())
        .filteredOn(p -> p.getName().equals("EMULATORS"))
        .extracting(p -> p.getDefault().getStringVal())
        .containsExactly("linux/arm64,linux/riscv64");
    // Fanned out as Tekton does for a run given PLATFORMS [linux/amd64]: an include entry that
    // matched no
    // combination would be one of its own, and build a platform the run left out.
    assertThat(build.getMatrix().getParams())
        .extracting(Param::getName)
        .containsExactly("PLATFORM");
    List<Map<String, String>> includes =
        build.getMatrix().getInclude() == null
            ? List.of()
            : build.getMatrix().getInclude().stream()
                .map(
                    include ->
                        include.getParams().stream()
                            .collect(
                                Collectors.toMap(Param::getName, p -> p.getValue().getStringVal())))
                .toList();
    List<Map<String, String>> runs =
        MatrixFanOut.combinations(
            List.of(new MatrixFanOut.Param("PLATFORM", List.of("linux/amd64"))), includes);
    assertThat(runs).containsExactly(Map.of("PLATFORM", "linux/amd64"));
  }

  /**
   * Every placement, with each subset of the platforms native: no native platform (nor the nodes')
   * is emulated.
   */
  @Test
  void noNativePlatform_isEverInEmulators() {
    List<Platform> platforms =
        Specs.platforms("linux/amd64", "linux/arm64", "linux/arm/v7", "linux/s390x");
    int checked = 0;
    for (Placement placement : Placement.values()) {
      for (int mask = 0; mask < 1 << platforms.size(); mask++) {
        List<Platform> natives = new ArrayList<>();
        for (int i = 0; i < platforms.size(); i++) {
          if ((mask & 1 << i) != 0) {
            natives.add(platforms.get(i));
          }
        }
        BuildSpec spec =
            Specs.twoPlatforms().toBuilder()
                .platforms(platforms)
                .placement(placement)
                .nativePlatforms(natives.stream().map(NativePlatform::of).toList())
                .build();
        List<String> emulators = emulators(MultiArchTekton.from(spec).generate());

        assertThat(emulators)
            .as("%s, native %s", placement, natives)
            .doesNotContain("linux/amd64")
            .containsExactlyInAnyOrderElementsOf(
                platforms.stream()
                    .filter(p -> !natives.contains(p) && !p.toString().equals("linux/amd64"))
                    .map(Platform::toString)
                    .toList());
        for (Platform platform : natives) {
          assertThat(emulators)
              .as("%s, native %s", placement, natives)
              .doesNotContain(platform.toString());
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(3 * 16);
  }

  /**
   * Every platform any part of the output registers an emulator for: EMULATORS wherever it is set.
   */
  private static List<String> emulators(GeneratedPipeline generated) {
    List<String> values = new ArrayList<>();
    generated.pipeline().getSpec().getParams().stream()
        .filter(p -> p.getName().equals("EMULATORS"))
        .forEach(p -> values.add(p.getDefault().getStringVal()));
    for (PipelineTask task : generated.pipeline().getSpec().getTasks()) {
      if (task.getMatrix() != null && task.getMatrix().getInclude() != null) {
        task.getMatrix()
            .getInclude()
            .forEach(
                include ->
                    include.getParams().stream()
                        .filter(p -> p.getName().equals("EMULATORS"))
                        .forEach(p -> values.add(p.getValue().getStringVal())));
      }
    }
    for (DaemonSet daemonSet : generated.daemonSets()) {
      daemonSet.getSpec().getTemplate().getSpec().getInitContainers().stream()
          .filter(c -> c.getArgs().size() == 2)
          .forEach(c -> values.add(c.getArgs().get(1)));
    }
    return values.stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .filter(v -> !v.isEmpty())
        .distinct()
        .toList();
  }

  private static List<String> privilegedSteps(GeneratedPipeline generated) {
    List<String> privileged = new ArrayList<>();
    GeneratedSteps.of(generated)
        .forEach(
            (label, step) -> {
              if (step.getSecurityContext() != null
                  && Boolean.TRUE.equals(step.getSecurityContext().getPrivileged())) {
                privileged.add(label);
              }
            });
    return privileged;
  }

  private static String env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst()
        .orElseThrow();
  }

  private static Optional<PipelineTaskRunSpec> taskRunSpec(PipelineRun run, String task) {
    return run.getSpec().getTaskRunSpecs().stream()
        .filter(s -> s.getPipelineTaskName().equals(task))
        .findFirst();
  }

  private static PipelineTask task(Pipeline pipeline, String name) {
    return Stream.concat(
            pipeline.getSpec().getTasks().stream(), pipeline.getSpec().getFinally().stream())
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static String value(PipelineTask task, String param) {
    return task.getParams().stream()
        .filter(p -> p.getName().equals(param))
        .findFirst()
        .orElseThrow()
        .getValue()
        .getStringVal();
  }

  private static List<String> array(PipelineTask task, String param) {
    return task.getParams().stream()
        .filter(p -> p.getName().equals(param))
        .findFirst()
        .orElseThrow()
        .getValue()
        .getArrayVal();
  }

  private static ParamSpec param(Pipeline pipeline, String name) {
    return pipeline.getSpec().getParams().stream()
        .filter(p -> p.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static WorkspaceBinding workspace(PipelineRun run, String name) {
    return run.getSpec().getWorkspaces().stream()
        .filter(w -> w.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
