package dev.multiarch.tekton.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.cluster.testing.MockCluster;
import dev.multiarch.tekton.cluster.testing.MockCluster.Flavour;
import dev.multiarch.tekton.cluster.testing.Runs;
import io.fabric8.tekton.v1.PipelineRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * start, follow, status, logs and cancel against fabric8's mock server, with runs scripted as
 * Tekton reports them.
 */
class FollowTest {

  @TempDir Path tmp;

  private MockCluster mock;
  private Cluster cluster;
  private final GeneratedPipeline generated = DeployTest.hello();

  @BeforeEach
  void start() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    mock.client().resource(generated.pipeline()).create();
    cluster = Cluster.connect(mock.access()).withPollInterval(Duration.ZERO);
  }

  @AfterEach
  void stop() {
    cluster.close();
    mock.close();
  }

  /** Every event as a line, with durations in whole seconds. */
  static final class Recorder implements FollowListener {
    final List<String> events = new ArrayList<>();

    @Override
    public void started(TaskRunReport run) {
      events.add("start " + run.displayName());
    }

    @Override
    public void finished(TaskRunReport run) {
      events.add(
          run.state()
              + " "
              + run.displayName()
              + run.duration().map(d -> " " + d.toSeconds() + "s").orElse("")
              + (run.message().isEmpty() || run.state() == TaskRunReport.State.SUCCEEDED
                  ? ""
                  : ": " + run.message())
              + run.failedStep()
                  .map(step -> " | " + String.join(" | ", step.lastLogLines()))
                  .orElse(""));
    }
  }

  @Test
  void start_createsTheGeneratedPipelineRunWithParams() {
    ClusterRun run =
        cluster.start(generated, Map.of("PLATFORMS", "linux/amd64,linux/s390x", "TAG", "rc1"));

    PipelineRun created =
        mock.client().resources(PipelineRun.class).inNamespace("demo").withName(run.name()).get();
    assertThat(run.name()).startsWith("hello-");
    assertThat(created.getSpec().getPipelineRef().getName()).isEqualTo("hello");
    assertThat(created.getSpec().getTaskRunSpecs())
        .isEqualTo(generated.pipelineRun().getSpec().getTaskRunSpecs());
    assertThat(created.getSpec().getWorkspaces())
        .isEqualTo(generated.pipelineRun().getSpec().getWorkspaces());
    assertThat(created.getSpec().getParams()).hasSize(2);
    assertThat(created.getSpec().getParams().get(0).getName()).isEqualTo("PLATFORMS");
    assertThat(created.getSpec().getParams().get(0).getValue().getArrayVal())
        .containsExactly("linux/amd64", "linux/s390x");
    assertThat(created.getSpec().getParams().get(1).getValue().getStringVal()).isEqualTo("rc1");
  }

  @Test
  void start_unknownParam_isRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> cluster.start(generated, Map.of("PLATFORM", "linux/amd64")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "param: 'PLATFORM' is not allowed; expected a param of Pipeline hello: PLATFORMS, GIT_URL, "
                + "GIT_REVISION, CONTEXT, CONTAINERFILE, BUILD_ARGS, IMAGE, TAG, DESTINATION, DESTINATION_TAGS, FORMAT, "
                + "TLS_VERIFY, BUILDER_IMAGE, HTTP_PROXY, HTTPS_PROXY, NO_PROXY, EMULATORS, BINFMT_IMAGE");
    assertThat(mock.client().resources(PipelineRun.class).inNamespace("demo").list().getItems())
        .isEmpty();
  }

  @Test
  void start_pipelineNotDeployed_saysDeployFirst() {
    mock.client().resource(generated.pipeline()).delete();

    assertThatThrownBy(() -> cluster.start(generated, Map.of()))
        .isInstanceOfSatisfying(
            ClusterException.class,
            e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.NOT_FOUND))
        .hasMessage("Pipeline hello is not deployed in namespace demo; deploy it first");
  }

  @Test
  void follow_success_reportsEachTaskRunOnceAndThePublishedImage() {
    Runs.success(mock).startsAs().play();
    Recorder recorder = new Recorder();

    RunStatus status = cluster.start(generated, Map.of()).follow(recorder);

    assertThat(recorder.events)
        .containsExactly(
            "start binfmt",
            "SUCCEEDED binfmt 7s",
            "start build linux/amd64",
            "start build linux/arm64",
            "SUCCEEDED build linux/amd64 84s",
            "SUCCEEDED build linux/arm64 402s",
            "start manifest",
            "SUCCEEDED manifest 18s");
    assertThat(status.state()).isEqualTo(RunStatus.State.SUCCEEDED);
    assertThat(status.duration()).contains(Duration.ofSeconds(431));
    assertThat(status.image()).contains(Runs.IMAGE_URL + "@" + Runs.DIGEST);
  }

  @Test
  void follow_failedArm64Step_namesTheStepItsExitCodeAndItsLastLogLines() {
    Runs.arm64Fails(mock).startsAs().play();
    Recorder recorder = new Recorder();

    RunStatus status = cluster.start(generated, Map.of()).follow(recorder);

    assertThat(recorder.events)
        .containsExactly(
            "start binfmt",
            "SUCCEEDED binfmt 7s",
            "start build linux/amd64",
            "start build linux/arm64",
            "SUCCEEDED build linux/amd64 84s",
            "FAILED build linux/arm64 290s: step build-and-push exited 3 | STEP 3/4: RUN make | cc: internal compiler "
                + "error: Illegal instruction | make: *** [Makefile:4: hello] Error 4 | Error: building at STEP \"RUN "
                + "make\": while running runtime: exit status 2 | ERROR: build-and-push: buildah build for linux/arm64 "
                + "failed (exit 3)",
            "SKIPPED manifest: Parent Tasks were skipped");
    assertThat(status.state()).isEqualTo(RunStatus.State.FAILED);
    assertThat(status.image()).isEmpty();
    assertThat(status.firstFailure())
        .hasValueSatisfying(
            failed -> {
              assertThat(failed.platform()).isEqualTo("linux/arm64");
              assertThat(failed.failedStep().orElseThrow().exitCode()).isEqualTo(3);
            });
  }

  @Test
  void follow_timeout_endsTimedOut() {
    Runs.timeout(mock).startsAs().play();
    Recorder recorder = new Recorder();

    RunStatus status = cluster.start(generated, Map.of()).follow(recorder);

    assertThat(status.state()).isEqualTo(RunStatus.State.TIMED_OUT);
    assertThat(status.message())
        .isEqualTo("PipelineRun \"hello-x7k2p\" failed to finish within \"2h0m0s\"");
    assertThat(recorder.events)
        .contains(
            "CANCELLED build linux/arm64 7190s: TaskRun \"hello-x7k2p-build-1\" was "
                + "cancelled. TaskRun cancelled as the PipelineRun it belongs to has timed out.",
            "SKIPPED manifest: PipelineRun timeout has been reached");
  }

  @Test
  void follow_cancelledByOthers_endsCancelled() {
    Runs.cancelled(mock).startsAs().play();
    Recorder recorder = new Recorder();

    RunStatus status = cluster.start(generated, Map.of()).follow(recorder);

    assertThat(status.state()).isEqualTo(RunStatus.State.CANCELLED);
    assertThat(recorder.events).filteredOn(e -> e.startsWith("CANCELLED")).hasSize(2);
  }

  @Test
  void status_latestRun_tableWithPlatformsAndNodes() {
    Runs.arm64Fails(mock)
        .pod(Runs.pod("build", "linux/arm64", 1), "worker-2")
        .pod(Runs.pod("build", "linux/amd64", 0), "worker-1")
        .playFinal();
    mock.client().resource(Runs.pipelineRun("Unknown", "Started", "", null)).create();

    RunStatus status = cluster.latestRun(generated).status();

    assertThat(status.name()).isEqualTo(Runs.RUN);
    assertThat(status.taskRuns())
        .extracting(r -> r.displayName() + " " + r.state() + " " + r.node().orElse("-"))
        .containsExactly(
            "binfmt SUCCEEDED -",
            "build linux/amd64 SUCCEEDED worker-1",
            "build linux/arm64 FAILED worker-2",
            "manifest SKIPPED -");
  }

  @Test
  void status_unknownRun_isNotFound() {
    assertThatThrownBy(() -> cluster.run(generated, "hello-nope"))
        .isInstanceOfSatisfying(
            ClusterException.class,
            e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.NOT_FOUND))
        .hasMessage("no PipelineRun hello-nope in namespace demo");
  }

  @Test
  void latestRun_none_saysStartOne() {
    assertThatThrownBy(() -> cluster.latestRun(generated))
        .hasMessage("Pipeline hello has no PipelineRun in namespace demo; start one first");
  }

  @Test
  void logs_platform_onlyThatPlatformsSteps() {
    Runs.arm64Fails(mock).playFinal();
    new Runs(mock)
        .log(Runs.pod("build", "linux/arm64", 1), "step-check-platform", "linux/arm64 runs here")
        .log(Runs.pod("build", "linux/arm64", 1), "step-fetch-source", "cloned abc123");
    mock.client().resource(Runs.pipelineRun("Unknown", "Started", "", null)).create();
    List<String> lines = new ArrayList<>();

    cluster
        .run(generated, Runs.RUN)
        .logs(java.util.Optional.of("linux/arm64"), false, l -> lines.add(l.toString()));

    assertThat(lines)
        .startsWith(
            "[build linux/arm64 check-platform] linux/arm64 runs here",
            "[build linux/arm64 fetch-source] cloned abc123",
            "[build linux/arm64 build-and-push] STEP 3/4: RUN make")
        .hasSize(7);
  }

  @Test
  void cancel_setsTheRunsSpecStatus() {
    mock.client().resource(Runs.pipelineRun("Unknown", "Started", "", null)).create();

    cluster.run(generated, Runs.RUN).cancel();

    assertThat(
            mock.client()
                .resources(PipelineRun.class)
                .inNamespace("demo")
                .withName(Runs.RUN)
                .get()
                .getSpec()
                .getStatus())
        .isEqualTo("Cancelled");
  }
}
