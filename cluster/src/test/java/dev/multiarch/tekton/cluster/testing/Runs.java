package dev.multiarch.tekton.cluster.testing;

import io.fabric8.knative.pkg.apis.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateRunningBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.tekton.v1.ParamBuilder;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunBuilder;
import io.fabric8.tekton.v1.PipelineRunResultBuilder;
import io.fabric8.tekton.v1.SkippedTaskBuilder;
import io.fabric8.tekton.v1.StepState;
import io.fabric8.tekton.v1.StepStateBuilder;
import io.fabric8.tekton.v1.TaskRun;
import io.fabric8.tekton.v1.TaskRunBuilder;
import io.fabric8.tekton.v1.TaskRunList;
import io.fabric8.tekton.v1.TaskRunListBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scripted PipelineRuns of the hello example as Tekton's controller would report them, served by
 * the mock's expectations: each poll of a follower (one read of the PipelineRun, one list of its
 * TaskRuns) gets the next state, the last one for good. Every time is an offset in seconds from
 * {@link #T0}, so durations come out exact.
 */
public final class Runs {

  /** The name the scripted start gives the run. */
  public static final String RUN = "hello-x7k2p";

  public static final String NAMESPACE = "demo";
  public static final String DIGEST =
      "sha256:5f0c1a9e3b7d2c4e6f8a0b1c3d5e7f9a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d2e";
  public static final String IMAGE_URL = "quay.io/example/hello:1.0";
  static final Instant T0 = Instant.parse("2025-06-02T09:00:00Z");

  private final MockCluster mock;
  private final List<Object[]> states = new ArrayList<>();

  public Runs(MockCluster mock) {
    this.mock = mock;
  }

  /** Answers the creation of a PipelineRun with the run named {@link #RUN}, once. */
  public Runs startsAs() {
    mock.server()
        .expect()
        .post()
        .withPath(base() + "/pipelineruns")
        .andReturn(201, pipelineRun("Unknown", "Started", "", null))
        .once();
    return this;
  }

  /** The next state a follower sees. */
  public Runs then(PipelineRun run, TaskRun... taskRuns) {
    states.add(new Object[] {run, list(taskRuns)});
    return this;
  }

  /**
   * The next state a follower sees, as the JSON text a server sends: for objects a broken or
   * hostile server returns, which the model classes cannot express.
   */
  public Runs thenJson(String run, String taskRuns) {
    states.add(new Object[] {run, taskRuns});
    return this;
  }

  /** Registers the states in order; the last one answers every later poll. */
  public void play() {
    for (int i = 0; i < states.size(); i++) {
      boolean last = i == states.size() - 1;
      var run =
          mock.server()
              .expect()
              .get()
              .withPath(base() + "/pipelineruns/" + RUN)
              .andReturn(200, states.get(i)[0]);
      var taskRuns =
          mock.server()
              .expect()
              .get()
              .withPath(
                  base()
                      + "/taskruns?labelSelector=tekton.dev%2FpipelineRun%3D"
                      + RUN
                      + "&limit=500")
              .andReturn(200, states.get(i)[1]);
      if (last) {
        run.always();
        taskRuns.always();
      } else {
        run.once();
        taskRuns.once();
      }
    }
  }

  /** Registers only the last state, for good: a run that has ended before anyone looks. */
  public void playFinal() {
    states.subList(0, states.size() - 1).clear();
    play();
  }

  /** A step container's log: what tailing it, reading it whole and following it return. */
  public Runs log(String pod, String container, String text) {
    String path =
        "/api/v1/namespaces/"
            + NAMESPACE
            + "/pods/"
            + pod
            + "/log?pretty=false&container="
            + container;
    mock.server().expect().get().withPath(path + "&tailLines=10").andReturn(200, text).always();
    mock.server().expect().get().withPath(path).andReturn(200, text).always();
    mock.server().expect().get().withPath(path + "&follow=true").andReturn(200, text).always();
    return this;
  }

  /** A pod on {@code node}, created in the mock's store for the status table's node column. */
  public Runs pod(String name, String node) {
    mock.client()
        .pods()
        .inNamespace(NAMESPACE)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .addNewContainer()
                .withName("step")
                .withImage("busybox")
                .endContainer()
                .endSpec()
                .build())
        .create();
    return this;
  }

  /**
   * The run, with its Succeeded condition ({@code status} True, False or Unknown) and times in
   * seconds.
   */
  public static PipelineRun pipelineRun(String status, String reason, String message, Integer end) {
    PipelineRunBuilder run =
        new PipelineRunBuilder()
            .withNewMetadata()
            .withName(RUN)
            .withNamespace(NAMESPACE)
            .withCreationTimestamp(at(0))
            .endMetadata()
            .withNewSpec()
            .withNewPipelineRef()
            .withName("hello")
            .endPipelineRef()
            .endSpec()
            .withNewStatus()
            .withStartTime(at(0))
            .withCompletionTime(end == null ? null : at(end))
            .withConditions(
                new ConditionBuilder()
                    .withType("Succeeded")
                    .withStatus(status)
                    .withReason(reason)
                    .withMessage(message)
                    .build())
            .endStatus();
    return run.build();
  }

  /** A finished, successful run that published the image. */
  public static PipelineRun succeeded(int end) {
    PipelineRun run =
        pipelineRun(
            "True", "Succeeded", "Tasks Completed: 4 (Failed: 0, Cancelled 0), Skipped: 0", end);
    run.getStatus()
        .setResults(
            List.of(
                new PipelineRunResultBuilder()
                    .withName("IMAGE_DIGEST")
                    .withValue(new ParamValue(DIGEST))
                    .build(),
                new PipelineRunResultBuilder()
                    .withName("IMAGE_URL")
                    .withValue(new ParamValue(IMAGE_URL))
                    .build()));
    return run;
  }

  public static PipelineRun running() {
    return pipelineRun(
        "Unknown", "Running", "Tasks Completed: 0 (Failed: 0, Cancelled 0), Skipped: 0", null);
  }

  /** A run that ended without success, having skipped {@code skipped} (name, reason pairs). */
  public static PipelineRun ended(String reason, String message, int end, String... skipped) {
    PipelineRun run = pipelineRun("False", reason, message, end);
    for (int i = 0; i < skipped.length; i += 2) {
      run.getStatus()
          .getSkippedTasks()
          .add(new SkippedTaskBuilder().withName(skipped[i]).withReason(skipped[i + 1]).build());
    }
    return run;
  }

  /**
   * A TaskRun of pipeline task {@code task}, its platform param (null for none), started at {@code
   * start} and ended at {@code end} (null while running) with condition {@code status}/{@code
   * reason}/{@code message}.
   */
  public static TaskRun taskRun(
      String task,
      String platform,
      int index,
      int start,
      Integer end,
      String status,
      String reason,
      String message,
      StepState... steps) {
    String name = RUN + "-" + task + (platform == null ? "" : "-" + index);
    TaskRunBuilder run =
        new TaskRunBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .withCreationTimestamp(at(start))
            .addToLabels("tekton.dev/pipelineRun", RUN)
            .addToLabels("tekton.dev/pipelineTask", task)
            .endMetadata()
            .withNewSpec()
            .withNewTaskRef()
            .withName("multiarch-" + task)
            .endTaskRef()
            .endSpec()
            .withNewStatus()
            .withPodName(pod(task, platform, index))
            .withStartTime(at(start))
            .withCompletionTime(end == null ? null : at(end))
            .withConditions(
                new ConditionBuilder()
                    .withType("Succeeded")
                    .withStatus(status)
                    .withReason(reason)
                    .withMessage(message)
                    .build())
            .withSteps(steps)
            .endStatus();
    if (platform != null) {
      run.editSpec()
          .withParams(
              new ParamBuilder().withName("IMAGE").withValue(new ParamValue("x")).build(),
              new ParamBuilder().withName("PLATFORM").withValue(new ParamValue(platform)).build())
          .endSpec();
    }
    return run.build();
  }

  public static TaskRun running(
      String task, String platform, int index, int start, StepState... steps) {
    return taskRun(
        task,
        platform,
        index,
        start,
        null,
        "Unknown",
        "Running",
        "Not all Steps in the Task have " + "finished executing",
        steps);
  }

  public static TaskRun done(
      String task, String platform, int index, int start, int end, StepState... steps) {
    return taskRun(
        task,
        platform,
        index,
        start,
        end,
        "True",
        "Succeeded",
        "All Steps have completed executing",
        steps);
  }

  /** The name of the TaskRun's pod. */
  public static String pod(String task, String platform, int index) {
    return RUN + "-" + task + (platform == null ? "" : "-" + index) + "-pod";
  }

  /** A step that ended with {@code exitCode}, or is running when it is null. */
  public static StepState step(String name, Integer exitCode) {
    StepStateBuilder step = new StepStateBuilder().withName(name).withContainer("step-" + name);
    return exitCode == null
        ? step.withRunning(new ContainerStateRunningBuilder().withStartedAt(at(0)).build()).build()
        : step.withTerminated(
                new ContainerStateTerminatedBuilder()
                    .withExitCode(exitCode)
                    .withReason(exitCode == 0 ? "Completed" : "Error")
                    .build())
            .build();
  }

  static String at(int seconds) {
    return T0.plusSeconds(seconds).toString();
  }

  private static TaskRunList list(TaskRun... runs) {
    return new TaskRunListBuilder().withItems(runs).build();
  }

  private static String base() {
    return "/apis/tekton.dev/v1/namespaces/" + NAMESPACE;
  }

  // ---- the four scripted runs of the hello example ----

  /** binfmt, both builds and manifest succeed; the image is published. */
  public static Runs success(MockCluster mock) {
    return new Runs(mock)
        .then(running(), running("binfmt", null, 0, 2, step("install", null)))
        .then(
            running(),
            done("binfmt", null, 0, 2, 9, step("install", 0), step("verify", 0)),
            running(
                "build",
                "linux/amd64",
                0,
                10,
                step("check-platform", 0),
                step("fetch-source", null)),
            running("build", "linux/arm64", 1, 10, step("check-platform", null)))
        .then(
            running(),
            done("binfmt", null, 0, 2, 9, step("install", 0), step("verify", 0)),
            done("build", "linux/amd64", 0, 10, 94, buildSteps(0)),
            running(
                "build",
                "linux/arm64",
                1,
                10,
                step("check-platform", 0),
                step("fetch-source", 0),
                step("build-and-push", null)))
        .then(
            running(),
            done("binfmt", null, 0, 2, 9, step("install", 0), step("verify", 0)),
            done("build", "linux/amd64", 0, 10, 94, buildSteps(0)),
            done("build", "linux/arm64", 1, 10, 412, buildSteps(0)),
            running("manifest", null, 0, 413, step("create-and-push", null)))
        .then(
            succeeded(431),
            done("binfmt", null, 0, 2, 9, step("install", 0), step("verify", 0)),
            done("build", "linux/amd64", 0, 10, 94, buildSteps(0)),
            done("build", "linux/arm64", 1, 10, 412, buildSteps(0)),
            done("manifest", null, 0, 413, 431, step("create-and-push", 0)));
  }

  /**
   * The arm64 build's build-and-push step exits 3; manifest is skipped and nothing is published.
   */
  public static Runs arm64Fails(MockCluster mock) {
    return new Runs(mock)
        .then(
            running(),
            done("binfmt", null, 0, 2, 9, step("install", 0), step("verify", 0)),
            running("build", "linux/amd64", 0, 10, step("check-platform", null)),
            running("build", "linux/arm64", 1, 10, step("check-platform", null)))
        .then(
            ended(
                "Failed",
                "Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 1",
                301,
                "manifest",
                "Parent Tasks were skipped"),
            done("binfmt", null, 0, 2, 9, step("install", 0), step("verify", 0)),
            done("build", "linux/amd64", 0, 10, 94, buildSteps(0)),
            taskRun(
                "build",
                "linux/arm64",
                1,
                10,
                300,
                "False",
                "Failed",
                "\"step-build-and-push\" exited with code 3",
                buildSteps(3)))
        .log(
            pod("build", "linux/arm64", 1),
            "step-build-and-push",
            String.join(
                "\n",
                "STEP 3/4: RUN make",
                "cc: internal compiler error: Illegal instruction",
                "make: *** [Makefile:4: hello] Error 4",
                "Error: building at STEP \"RUN make\": while running runtime: exit status 2",
                "ERROR: build-and-push: buildah build for linux/arm64 failed (exit 3)"));
  }

  /** The run outlives timeouts.pipeline; Tekton cancels the arm64 build still running. */
  public static Runs timeout(MockCluster mock) {
    return new Runs(mock)
        .then(
            running(),
            done("binfmt", null, 0, 2, 9, step("install", 0), step("verify", 0)),
            done("build", "linux/amd64", 0, 10, 94, buildSteps(0)),
            running("build", "linux/arm64", 1, 10, step("build-and-push", null)))
        .then(
            ended(
                "PipelineRunTimeout",
                "PipelineRun \"" + RUN + "\" failed to finish within \"2h0m0s\"",
                7200,
                "manifest",
                "PipelineRun timeout has been reached"),
            done("binfmt", null, 0, 2, 9, step("install", 0), step("verify", 0)),
            done("build", "linux/amd64", 0, 10, 94, buildSteps(0)),
            taskRun(
                "build",
                "linux/arm64",
                1,
                10,
                7200,
                "False",
                "TaskRunCancelled",
                "TaskRun \""
                    + RUN
                    + "-build-1\" was cancelled. TaskRun cancelled as the PipelineRun it belongs to "
                    + "has timed out."));
  }

  /** Someone cancels the run while both builds are running. */
  public static Runs cancelled(MockCluster mock) {
    return new Runs(mock)
        .then(
            running(),
            done("binfmt", null, 0, 2, 9, step("install", 0), step("verify", 0)),
            running("build", "linux/amd64", 0, 10, step("build-and-push", null)),
            running("build", "linux/arm64", 1, 10, step("build-and-push", null)))
        .then(
            ended(
                "Cancelled",
                "PipelineRun \"" + RUN + "\" was cancelled",
                60,
                "manifest",
                "PipelineRun was gracefully cancelled"),
            done("binfmt", null, 0, 2, 9, step("install", 0), step("verify", 0)),
            taskRun(
                "build",
                "linux/amd64",
                0,
                10,
                60,
                "False",
                "TaskRunCancelled",
                "TaskRun \""
                    + RUN
                    + "-build-0\" was cancelled. TaskRun cancelled as the PipelineRun it belongs to "
                    + "has been cancelled."),
            taskRun(
                "build",
                "linux/arm64",
                1,
                10,
                60,
                "False",
                "TaskRunCancelled",
                "TaskRun \""
                    + RUN
                    + "-build-1\" was cancelled. TaskRun cancelled as the PipelineRun it belongs to "
                    + "has been cancelled."));
  }

  private static StepState[] buildSteps(int buildExit) {
    return new StepState[] {
      step("check-platform", 0), step("fetch-source", 0), step("build-and-push", buildExit)
    };
  }
}
