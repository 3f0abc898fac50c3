package dev.multiarch.tekton.local;

import static dev.multiarch.tekton.local.Fixtures.pipeline;
import static dev.multiarch.tekton.local.Fixtures.ref;
import static dev.multiarch.tekton.local.Fixtures.script;
import static dev.multiarch.tekton.local.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.tekton.v1.EmbeddedTaskBuilder;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineBuilder;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunBuilder;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.PipelineTaskBuilder;
import io.fabric8.tekton.v1.StepBuilder;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskSpecBuilder;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipelinePlanTest {

  private static final List<Task> CATALOG = List.of(task("echo", "echo hi", "OUT"));

  @Test
  void of_tasksDeclaredBeforeTheirDependencies_ordersEachAfterWhatItDependsOn() {
    // Given: manifest uses a result of build (no runAfter), build runs after clone; declared
    // backwards
    PipelineTask manifest = ref("manifest", "echo");
    manifest.setParams(List.of(Fixtures.param("DIGEST", "$(tasks.build.results.OUT)")));
    Pipeline pipeline = pipeline(manifest, ref("build", "echo", "clone"), ref("clone", "echo"));

    // When
    PipelinePlan plan = PipelinePlan.of(pipeline, CATALOG);

    // Then
    assertThat(plan.tasks())
        .extracting(PlannedTask::name)
        .containsExactly("clone", "build", "manifest");
    assertThat(plan.tasks().get(2).dependsOn()).containsExactly("build");
  }

  @Test
  void of_tasksReadyTogether_keepThePipelinesOrderAndFinallyComesLast() {
    // Given
    Pipeline pipeline =
        pipeline(
            List.of(ref("b", "echo"), ref("a", "echo"), ref("c", "echo", "a")),
            List.of(ref("cleanup", "echo")));

    // When
    PipelinePlan plan = PipelinePlan.of(pipeline, CATALOG);

    // Then
    assertThat(plan.tasks())
        .extracting(PlannedTask::name)
        .containsExactly("b", "a", "c", "cleanup");
    assertThat(plan.tasks())
        .extracting(PlannedTask::isFinally)
        .containsExactly(false, false, false, true);
  }

  @Test
  void of_matrixParamUsingAResult_dependsOnThatTask() {
    // Given
    PipelineTask build =
        new PipelineTaskBuilder(ref("build", "echo"))
            .withNewMatrix()
            .addNewParam()
            .withName("PLATFORM")
            .withValue(new ParamValue(List.of("$(tasks.detect.results.OUT[*])")))
            .endParam()
            .endMatrix()
            .build();

    // When
    PipelinePlan plan = PipelinePlan.of(pipeline(build, ref("detect", "echo")), CATALOG);

    // Then
    assertThat(plan.tasks()).extracting(PlannedTask::name).containsExactly("detect", "build");
    assertThat(plan.tasks().get(1).matrixed()).isTrue();
  }

  @Test
  void of_taskRef_resolvesTheTaskSpecAndName() {
    // When
    PlannedTask planned = PipelinePlan.of(pipeline(ref("say", "echo")), CATALOG).tasks().get(0);

    // Then
    assertThat(planned.taskName()).isEqualTo("echo");
    assertThat(planned.spec().getSteps()).extracting(s -> s.getScript()).containsExactly("echo hi");
    assertThat(planned.matrixed()).isFalse();
  }

  @Test
  void of_inlineTaskSpec_isUsedAsTheTaskNamedAfterThePipelineTask() {
    // Given
    PipelineTask inline =
        new PipelineTaskBuilder()
            .withName("greet")
            .withTaskSpec(
                new EmbeddedTaskBuilder()
                    .addNewParam()
                    .withName("WHO")
                    .withDefault(new ParamValue("world"))
                    .endParam()
                    .addToSteps(script("say", "echo hello $(params.WHO)"))
                    .build())
            .build();

    // When
    PlannedTask planned = PipelinePlan.of(pipeline(inline), List.of()).tasks().get(0);

    // Then
    assertThat(planned.taskName()).isEqualTo("greet");
    assertThat(planned.spec().getSteps())
        .extracting(s -> s.getScript())
        .containsExactly("echo hello $(params.WHO)");
    assertThat(planned.spec().getParams().get(0).getDefault().getStringVal()).isEqualTo("world");
  }

  @Test
  void of_cycle_throwsNamingTheTasksInIt() {
    // Given
    Pipeline pipeline =
        pipeline(ref("first", "echo"), ref("a", "echo", "b"), ref("b", "echo", "a"));

    // When / Then
    assertThatThrownBy(() -> PipelinePlan.of(pipeline, CATALOG))
        .isInstanceOf(LocalRunException.class)
        .hasMessage(
            "run-local cannot run Pipeline hello: its tasks depend on each other in a cycle: a, b");
  }

  @Test
  void of_unknownTaskRef_throwsNamingIt() {
    assertThatThrownBy(() -> PipelinePlan.of(pipeline(ref("build", "buildah")), CATALOG))
        .isInstanceOf(LocalRunException.class)
        .hasMessage(
            "run-local cannot run Pipeline hello: pipeline task build: taskRef 'buildah' names no Task "
                + "given with the Pipeline (run-local resolves Tasks only from the generated set, not from a cluster "
                + "or resolver)");
  }

  @Test
  void of_runAfterUnknownTask_throwsNamingIt() {
    assertThatThrownBy(() -> PipelinePlan.of(pipeline(ref("build", "echo", "clone")), CATALOG))
        .isInstanceOf(LocalRunException.class)
        .hasMessage(
            "run-local cannot run Pipeline hello: pipeline task build: depends on 'clone', which is not "
                + "a task of the Pipeline");
  }

  @Test
  void of_neitherTaskRefNorTaskSpec_throws() {
    // Given
    PipelineTask empty = new PipelineTaskBuilder().withName("nothing").build();

    // When / Then
    assertThatThrownBy(() -> PipelinePlan.of(pipeline(empty), CATALOG))
        .isInstanceOf(LocalRunException.class)
        .hasMessage(
            "run-local cannot run Pipeline hello: pipeline task nothing: neither taskRef nor taskSpec is set");
  }

  @Test
  void of_severalProblems_areAllReportedInOneMessage() {
    // Given
    PipelineTask guarded =
        new PipelineTaskBuilder(ref("build", "echo"))
            .addNewWhen()
            .withInput("$(params.X)")
            .withOperator("in")
            .withValues("yes")
            .endWhen()
            .build();
    Pipeline pipeline = pipeline(guarded, ref("push", "missing"));

    // When / Then
    assertThatThrownBy(() -> PipelinePlan.of(pipeline, CATALOG))
        .isInstanceOf(LocalRunException.class)
        .hasMessage(
            "run-local cannot run Pipeline hello: pipeline task build: when expressions: not supported by "
                + "run-local; pipeline task push: taskRef 'missing' names no Task given with the Pipeline (run-local "
                + "resolves Tasks only from the generated set, not from a cluster or resolver)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupported")
  void of_unsupportedFeature_throwsNamingItBeforeAnythingRuns(
      String feature, Pipeline pipeline, Task task, String problem) {
    assertThatThrownBy(() -> PipelinePlan.of(pipeline, List.of(task)))
        .isInstanceOf(LocalRunException.class)
        .hasMessage("run-local cannot run Pipeline hello: " + problem);
  }

  static Stream<Arguments> unsupported() {
    return Stream.of(
        pipelineTask(
            "when",
            t ->
                t.addNewWhen()
                    .withInput("$(params.X)")
                    .withOperator("in")
                    .withValues("yes")
                    .endWhen(),
            "pipeline task build: when expressions: not supported by run-local"),
        pipelineTask(
            "custom task",
            t ->
                t.withNewTaskRef()
                    .withApiVersion("example.dev/v1")
                    .withKind("Wait")
                    .withName("echo")
                    .endTaskRef(),
            "pipeline task build: taskRef to a custom task or a resolver: not supported by run-local"),
        taskSpec(
            "sidecars",
            s -> s.addNewSidecar().withName("registry").withImage("registry:2").endSidecar(),
            "pipeline task build: sidecars: not supported by run-local"),
        taskSpec(
            "step ref",
            s ->
                s.withSteps(
                    new StepBuilder()
                        .withName("clone")
                        .withNewRef()
                        .withName("git-clone")
                        .endRef()
                        .build()),
            "pipeline task build step clone: StepActions (ref): not supported by run-local"),
        taskSpec(
            "hostPath volume",
            s ->
                s.addNewVolume()
                    .withName("cache")
                    .withNewHostPath()
                    .withPath("/var/cache")
                    .endHostPath()
                    .endVolume(),
            "pipeline task build: volume cache other than an emptyDir: not supported by run-local"),
        taskSpec(
            "envFrom",
            s ->
                s.withSteps(
                    new StepBuilder(script("main", "env"))
                        .addToEnvFrom(
                            new EnvFromSourceBuilder()
                                .withNewConfigMapRef()
                                .withName("settings")
                                .endConfigMapRef()
                                .build())
                        .build()),
            "pipeline task build step main: envFrom: not supported by run-local"),
        taskSpec(
            "volumeMount",
            s ->
                s.withSteps(
                    new StepBuilder(script("main", "ls /cache"))
                        .addNewVolumeMount()
                        .withName("cache")
                        .withMountPath("/cache")
                        .endVolumeMount()
                        .build()),
            "pipeline task build step main: volumeMount at /cache (only /var/lib/containers is mapped, to "
                + "buildah storage private to the TaskRun): not supported by run-local"),
        taskSpec(
            "entrypoint of an unknown image",
            s ->
                s.withSteps(
                    new StepBuilder()
                        .withName("main")
                        .withImage("docker.io/library/alpine:3.20")
                        .withArgs("true")
                        .build()),
            "pipeline task build step main: runs its image's entrypoint (no script or command), and run-local has "
                + "no host stand-in for image docker.io/library/alpine:3.20; stand-ins exist for "
                + "tonistiigi/binfmt (--install/--uninstall)"),
        taskSpec(
            "object param",
            s -> s.addNewParam().withName("CONFIG").withType("object").endParam(),
            "pipeline task build: param CONFIG of type object: not supported by run-local"),
        new PipelinePlanArguments(
                "Pipeline object param",
                new PipelineBuilder(pipeline(ref("build", "echo")))
                    .editSpec()
                    .addNewParam()
                    .withName("CONFIG")
                    .withType("object")
                    .endParam()
                    .endSpec()
                    .build(),
                task("echo", "echo hi"),
                "Pipeline: param CONFIG of type object: not supported by run-local")
            .arguments());
  }

  @Test
  void of_volumeMountOfBuildahStorage_isAccepted() {
    // Given
    Task build =
        task(
            "echo",
            new TaskSpecBuilder()
                .addNewVolume()
                .withName("varlibcontainers")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .addToSteps(
                    new StepBuilder(script("main", "buildah info"))
                        .addNewVolumeMount()
                        .withName("varlibcontainers")
                        .withMountPath("/var/lib/containers")
                        .endVolumeMount()
                        .build())
                .build());

    // When
    PipelinePlan plan = PipelinePlan.of(pipeline(ref("build", "echo")), List.of(build));

    // Then
    assertThat(plan.tasks()).hasSize(1);
  }

  @Test
  void of_binfmtImageWithoutScript_isAcceptedWithItsDefaultImage() {
    // Given: the image comes from a param's default, as in the generated binfmt Task
    Task binfmt =
        task(
            "echo",
            new TaskSpecBuilder()
                .addNewParam()
                .withName("BINFMT_IMAGE")
                .withDefault(new ParamValue("docker.io/tonistiigi/binfmt:qemu-v9.2.2"))
                .endParam()
                .addToSteps(
                    new StepBuilder()
                        .withName("install")
                        .withImage("$(params.BINFMT_IMAGE)")
                        .withArgs("--install", "arm64")
                        .build())
                .build());

    // When
    PipelinePlan plan = PipelinePlan.of(pipeline(ref("binfmt", "echo")), List.of(binfmt));

    // Then
    assertThat(plan.tasks()).hasSize(1);
  }

  @Test
  void pipelineRun_configMapWorkspace_isNamedAsUnsupported() {
    // Given
    PipelineRun run =
        new PipelineRunBuilder()
            .withNewSpec()
            .addNewWorkspace()
            .withName("settings")
            .withConfigMap(new ConfigMapVolumeSourceBuilder().withName("cfg").build())
            .endWorkspace()
            .addNewWorkspace()
            .withName("source")
            .withEmptyDir(new EmptyDirVolumeSource())
            .endWorkspace()
            .endSpec()
            .build();

    // When
    List<String> problems = FeatureCheck.pipelineRun(run);

    // Then
    assertThat(problems)
        .containsExactly(
            "PipelineRun workspace settings: bindings other than volumeClaimTemplate, "
                + "persistentVolumeClaim, emptyDir or secret: not supported by run-local");
  }

  private static Arguments pipelineTask(
      String feature, UnaryOperator<PipelineTaskBuilder> change, String problem) {
    PipelineTask build = change.apply(new PipelineTaskBuilder(ref("build", "echo"))).build();
    return new PipelinePlanArguments(feature, pipeline(build), task("echo", "echo hi"), problem)
        .arguments();
  }

  private static Arguments taskSpec(
      String feature, UnaryOperator<TaskSpecBuilder> change, String problem) {
    Task task =
        task(
            "echo",
            change.apply(new TaskSpecBuilder().addToSteps(script("main", "echo hi"))).build());
    return new PipelinePlanArguments(feature, pipeline(ref("build", "echo")), task, problem)
        .arguments();
  }

  private record PipelinePlanArguments(
      String feature, Pipeline pipeline, Task task, String problem) {
    Arguments arguments() {
      return Arguments.of(feature, pipeline, task, problem);
    }
  }
}
