package dev.multiarch.tekton.local;

import static dev.multiarch.tekton.local.Fixtures.arrayParam;
import static dev.multiarch.tekton.local.Fixtures.param;
import static dev.multiarch.tekton.local.Fixtures.pipeline;
import static dev.multiarch.tekton.local.Fixtures.ref;
import static dev.multiarch.tekton.local.Fixtures.script;
import static dev.multiarch.tekton.local.Fixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.local.TaskRunOutcome.Status;
import dev.multiarch.tekton.model.Scope;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineBuilder;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.PipelineTaskBuilder;
import io.fabric8.tekton.v1.StepBuilder;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskSpecBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineExecutorTest {

  @TempDir Path dir;

  private final List<String> started = new ArrayList<>();
  private final List<String> finished = new ArrayList<>();
  private final List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final RunListener listener =
      new RunListener() {
        @Override
        public void note(String message) {
          notes.add(message);
        }

        @Override
        public void started(String displayName) {
          started.add(displayName);
        }

        @Override
        public void finished(TaskRunOutcome outcome) {
          finished.add(outcome.displayName() + " " + outcome.status());
        }
      };

  /**
   * Appends its NAME to the shared workspace's {@code order} file and returns {@code <NAME>-done}.
   */
  private static final Task APPEND =
      task(
          "append",
          new TaskSpecBuilder()
              .addNewParam()
              .withName("NAME")
              .endParam()
              .addNewWorkspace()
              .withName("shared")
              .endWorkspace()
              .addNewResult()
              .withName("OUT")
              .endResult()
              .addToSteps(
                  script(
                      "main",
                      """
          echo "$(params.NAME)" >> "$(workspaces.shared.path)/order"
          printf '%s' "$(params.NAME)-done" > "$(results.OUT.path)"
          """))
              .build());

  /**
   * Returns its PLATFORM as REF; linux/amd64 takes a while, so that its later sibling finishes
   * first.
   */
  private static final Task BUILD =
      task(
          "build",
          new TaskSpecBuilder()
              .addNewParam()
              .withName("PLATFORM")
              .endParam()
              .addNewResult()
              .withName("REF")
              .endResult()
              .addToSteps(
                  script(
                      "build",
                      """
          if [ "$(params.PLATFORM)" = linux/amd64 ]; then sleep 0.5; fi
          if [ "$(params.PLATFORM)" = linux/s390x ]; then
            echo "building for $(params.PLATFORM)"
            echo "ERROR: no emulator for $(params.PLATFORM)" >&2
            echo "cleaning up"
            exit 3
          fi
          printf '%s@%s' "$(params.PLATFORM)" "$(context.taskRun.name)" > "$(results.REF.path)"
          """))
              .build());

  /** Joins its array param REFS with commas into ALL. */
  private static final Task COLLECT =
      task(
          "collect",
          new TaskSpecBuilder()
              .addNewParam()
              .withName("REFS")
              .withType("array")
              .endParam()
              .addNewResult()
              .withName("ALL")
              .endResult()
              .addToSteps(
                  new StepBuilder(
                          script(
                              "collect",
                              """
          #!/bin/bash
          IFS=,
          printf '%s' "$*" > "$(results.ALL.path)"
          """))
                      .withArgs("$(params.REFS[*])")
                      .build())
              .build());

  @Test
  void run_tasksWithRunAfterAndResultReferences_runInDependencyOrder() throws IOException {
    // Given: declared backwards; c uses b's result without runAfter, b runs after a
    Pipeline pipeline =
        pipeline(
            append("c", "c after $(tasks.b.results.OUT)"), append("b", "b", "a"), append("a", "a"));

    // When
    List<TaskRunOutcome> outcomes = run(pipeline, List.of(APPEND), new Scope());

    // Then
    assertThat(outcomes).extracting(TaskRunOutcome::displayName).containsExactly("a", "b", "c");
    assertThat(outcomes).allMatch(TaskRunOutcome::succeeded);
    assertThat(Files.readString(dir.resolve("ws/order"))).isEqualTo("a\nb\nc after b-done\n");
    assertThat(outcomes.get(2).results()).containsExactly(Map.entry("OUT", "c after b-done-done"));
  }

  @Test
  void run_matrixTask_fansOutOnePerPlatform() {
    // Given
    Scope scope =
        new Scope()
            .putArray("params.PLATFORMS", List.of("linux/amd64", "linux/arm64", "linux/arm/v7"));

    // When
    List<TaskRunOutcome> outcomes = run(pipeline(matrixBuild()), List.of(BUILD), scope);

    // Then
    assertThat(started)
        .containsExactlyInAnyOrder("build linux/amd64", "build linux/arm64", "build linux/arm/v7");
    assertThat(outcomes)
        .extracting(TaskRunOutcome::label)
        .containsExactlyInAnyOrder("linux/amd64", "linux/arm64", "linux/arm/v7");
    assertThat(outcomes)
        .allSatisfy(
            run -> {
              assertThat(run.status()).isEqualTo(Status.SUCCEEDED);
              assertThat(run.pipelineTask()).isEqualTo("build");
            });
    assertThat(outcome(outcomes, "build linux/arm/v7").results())
        .containsExactly(Map.entry("REF", "linux/arm/v7@hello-run-build-2"));
    assertThat(outcome(outcomes, "build linux/arm/v7").logDir())
        .isEqualTo(dir.resolve("logs/build-linux-arm-v7"));
    assertThat(dir.resolve("logs/build-linux-arm-v7/01-build.log")).exists();
  }

  @Test
  void run_manyMatrixSiblingsAtOnce_allRunTheirScripts() {
    // Given: siblings write and start their scripts concurrently, the race that gave "Text file
    // busy"
    List<String> platforms = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      platforms.add("linux/arm64-" + i);
    }
    Scope scope = new Scope().putArray("params.PLATFORMS", platforms);

    // When
    List<TaskRunOutcome> outcomes = run(pipeline(matrixBuild()), List.of(BUILD), scope);

    // Then
    assertThat(outcomes).hasSize(32).allSatisfy(run -> assertThat(run.message()).isEmpty());
  }

  @Test
  void run_starOfAMatrixedResult_isAnArrayInMatrixOrderEvenWhenTheLaterSiblingFinishesFirst() {
    // Given: linux/amd64 sleeps, so linux/arm64 ends first
    Scope scope = new Scope().putArray("params.PLATFORMS", List.of("linux/amd64", "linux/arm64"));
    PipelineTask collect = ref("collect", "collect");
    collect.setParams(List.of(param("REFS", "$(tasks.build.results.REF[*])")));
    Pipeline pipeline =
        new PipelineBuilder(pipeline(matrixBuild(), collect))
            .editSpec()
            .addNewResult()
            .withName("ALL")
            .withValue(new ParamValue("$(tasks.collect.results.ALL)"))
            .endResult()
            .endSpec()
            .build();

    // When
    PipelineExecutor executor =
        executor(pipeline, List.of(BUILD, COLLECT), scope, Instant.now().plusSeconds(60));
    List<TaskRunOutcome> outcomes = executor.run();

    // Then
    assertThat(outcomes)
        .extracting(TaskRunOutcome::displayName)
        .containsExactly("build linux/arm64", "build linux/amd64", "collect");
    assertThat(outcome(outcomes, "collect").results())
        .containsExactly(
            Map.entry("ALL", "linux/amd64@hello-run-build-0,linux/arm64@hello-run-build-1"));
    assertThat(executor.pipelineResults())
        .containsExactly(
            Map.entry("ALL", "linux/amd64@hello-run-build-0,linux/arm64@hello-run-build-1"));
  }

  @Test
  void run_failingMatrixSibling_skipsDependentsStopsNewTasksAndStillRunsFinally() {
    // Given: linux/s390x fails at once while linux/amd64 is still building and slow is still
    // sleeping
    Scope scope = new Scope().putArray("params.PLATFORMS", List.of("linux/amd64", "linux/s390x"));
    PipelineTask manifest = ref("manifest", "collect");
    manifest.setParams(List.of(param("REFS", "$(tasks.build.results.REF[*])")));
    Task sleep = task("sleep", "sleep 1");
    Pipeline pipeline =
        new PipelineBuilder(
                pipeline(
                    List.of(
                        matrixBuild(),
                        manifest,
                        ref("slow", "sleep"),
                        ref("later", "sleep", "slow")),
                    List.of(ref("cleanup", "done"))))
            .editSpec()
            .addNewResult()
            .withName("ALL")
            .withValue(new ParamValue("$(tasks.manifest.results.ALL)"))
            .endResult()
            .endSpec()
            .build();

    // When
    PipelineExecutor executor =
        executor(
            pipeline,
            List.of(BUILD, COLLECT, sleep, task("done", "true")),
            scope,
            Instant.now().plusSeconds(60));
    List<TaskRunOutcome> outcomes = executor.run();

    // Then
    TaskRunOutcome failed = outcome(outcomes, "build linux/s390x");
    assertThat(failed.status()).isEqualTo(Status.FAILED);
    assertThat(failed.failedStep()).contains("build");
    Path log = dir.resolve("logs/build-linux-s390x/01-build.log");
    assertThat(failed.message())
        .isEqualTo("step build exited 3: ERROR: no emulator for linux/s390x (log: " + log + ")");
    assertThat(log).content().contains("building for linux/s390x", "cleaning up");
    assertThat(outcome(outcomes, "build linux/amd64").status()).isEqualTo(Status.SUCCEEDED);
    assertThat(outcome(outcomes, "slow").status()).isEqualTo(Status.SUCCEEDED);
    assertThat(outcome(outcomes, "manifest").status()).isEqualTo(Status.SKIPPED);
    assertThat(outcome(outcomes, "manifest").message())
        .isEqualTo("the run stopped when build linux/s390x failed");
    assertThat(outcome(outcomes, "later").status()).isEqualTo(Status.SKIPPED);
    assertThat(outcome(outcomes, "later").message())
        .isEqualTo("the run stopped when build linux/s390x failed");
    assertThat(outcomes.get(outcomes.size() - 1).displayName()).isEqualTo("cleanup");
    assertThat(outcome(outcomes, "cleanup").status()).isEqualTo(Status.SUCCEEDED);
    assertThat(executor.pipelineResults()).isEmpty();
    assertThat(started).doesNotContain("manifest", "later");
  }

  @Test
  void run_failedTask_skipsItsDependentsTransitivelyAndEndsItsTaskRunAtTheFailedStep() {
    // Given
    Task failing =
        task(
            "failing",
            new TaskSpecBuilder()
                .addToSteps(script("check", "echo 'Error: nothing to build' >&2; exit 1"))
                .addToSteps(script("after", "touch \"" + dir.resolve("after-ran") + "\""))
                .build());
    Pipeline pipeline =
        pipeline(ref("a", "failing"), ref("b", "failing", "a"), ref("c", "failing", "b"));

    // When
    List<TaskRunOutcome> outcomes = run(pipeline, List.of(failing), new Scope());

    // Then
    assertThat(finished).containsExactly("a FAILED", "b SKIPPED", "c SKIPPED");
    assertThat(outcome(outcomes, "a").failedStep()).contains("check");
    assertThat(outcome(outcomes, "a").message())
        .isEqualTo(
            "step check exited 1: Error: nothing to build (log: "
                + dir.resolve("logs/a/01-check.log")
                + ")");
    assertThat(outcome(outcomes, "b").message()).isEqualTo("it runs after a, which failed");
    assertThat(outcome(outcomes, "c").message()).isEqualTo("it runs after b, which was skipped");
    assertThat(dir.resolve("after-ran")).doesNotExist();
  }

  @Test
  void run_finallyTaskReadingTheStatusOfAFailedTask_runsAndSeesFailed() {
    // Given: $(tasks.X.status) is how a finally task asks whether X failed
    Task report =
        task(
            "report",
            new TaskSpecBuilder()
                .addNewParam()
                .withName("BUILD")
                .endParam()
                .addNewParam()
                .withName("LATER")
                .endParam()
                .addNewParam()
                .withName("ALL")
                .endParam()
                .addNewResult()
                .withName("SEEN")
                .endResult()
                .addToSteps(
                    script(
                        "main",
                        "printf '%s %s %s' '$(params.BUILD)' '$(params.LATER)' '$(params.ALL)' > $(results.SEEN.path)"))
                .build());
    PipelineTask reportTask = ref("report", "report");
    reportTask.setParams(
        List.of(
            param("BUILD", "$(tasks.build.status)"),
            param("LATER", "$(tasks.later.status)"),
            param("ALL", "$(tasks.status)")));
    Pipeline pipeline =
        pipeline(List.of(ref("build", "fail"), ref("later", "fail", "build")), List.of(reportTask));

    // When
    List<TaskRunOutcome> outcomes =
        run(pipeline, List.of(task("fail", "exit 1"), report), new Scope());

    // Then
    assertThat(outcome(outcomes, "report").status()).isEqualTo(Status.SUCCEEDED);
    assertThat(outcome(outcomes, "report").results())
        .containsExactly(Map.entry("SEEN", "Failed None Failed"));
  }

  @Test
  void run_finallyTaskUsingResultsOfAFailedTask_isSkipped() {
    // Given
    PipelineTask publish = ref("publish", "append");
    publish.setParams(List.of(param("NAME", "$(tasks.build.results.OUT)")));
    Pipeline pipeline = pipeline(List.of(append("build", "$(params.MISSING)")), List.of(publish));

    // When
    List<TaskRunOutcome> outcomes = run(pipeline, List.of(APPEND), new Scope());

    // Then
    assertThat(outcome(outcomes, "build").status()).isEqualTo(Status.FAILED);
    assertThat(outcome(outcomes, "build").message())
        .isEqualTo(
            "pipeline task build param NAME: $(params.MISSING) "
                + "cannot be resolved: nothing of that name is declared");
    assertThat(outcome(outcomes, "publish").status()).isEqualTo(Status.SKIPPED);
    assertThat(outcome(outcomes, "publish").message())
        .isEqualTo("its params use results of build, which did not succeed");
  }

  @Test
  void run_stepEnv_comesFromStepTemplateAndStepWithTheStepWinning() {
    // Given
    Task greet =
        task(
            "greet",
            new TaskSpecBuilder()
                .addNewParam()
                .withName("WHO")
                .withDefault(new ParamValue("step"))
                .endParam()
                .addNewResult()
                .withName("OUT")
                .endResult()
                .withNewStepTemplate()
                .addNewEnv()
                .withName("GREETING")
                .withValue("from-template")
                .endEnv()
                .addNewEnv()
                .withName("WHO")
                .withValue("template")
                .endEnv()
                .endStepTemplate()
                .addToSteps(
                    new StepBuilder(
                            script(
                                "main",
                                "printf '%s %s %s' \"$GREETING\" \"$WHO\" \"$HOME\" > "
                                    + "$(results.OUT.path)"))
                        .addNewEnv()
                        .withName("WHO")
                        .withValue("$(params.WHO)")
                        .endEnv()
                        .build())
                .build());

    // When
    List<TaskRunOutcome> outcomes =
        run(pipeline(ref("greet", "greet")), List.of(greet), new Scope());

    // Then
    assertThat(outcome(outcomes, "greet").results())
        .containsExactly(
            Map.entry("OUT", "from-template step " + dir.resolve("taskruns/greet/home")));
  }

  @Test
  void run_downwardApiEnv_isAnsweredForTheTaskRun() {
    // Given
    Task pod =
        task(
            "pod",
            new TaskSpecBuilder()
                .addNewResult()
                .withName("OUT")
                .endResult()
                .addToSteps(
                    new StepBuilder(
                            script("main", "printf '%s %s' \"$POD\" \"$NS\" > $(results.OUT.path)"))
                        .addNewEnv()
                        .withName("POD")
                        .withNewValueFrom()
                        .withNewFieldRef()
                        .withFieldPath("metadata.name")
                        .endFieldRef()
                        .endValueFrom()
                        .endEnv()
                        .addNewEnv()
                        .withName("NS")
                        .withNewValueFrom()
                        .withNewFieldRef()
                        .withFieldPath("metadata.namespace")
                        .endFieldRef()
                        .endValueFrom()
                        .endEnv()
                        .build())
                .build());
    Scope scope = new Scope().put("context.taskRun.namespace", "builds");

    // When
    List<TaskRunOutcome> outcomes = run(pipeline(ref("where", "pod")), List.of(pod), scope);

    // Then
    assertThat(outcome(outcomes, "where").results())
        .containsExactly(Map.entry("OUT", "hello-run-where-pod builds"));
  }

  @Test
  void run_paramNotPassed_takesTheTasksDefault() {
    // Given
    Task greet =
        task(
            "greet",
            new TaskSpecBuilder()
                .addNewParam()
                .withName("GREETING")
                .withDefault(new ParamValue("hello"))
                .endParam()
                .addNewParam()
                .withName("NAME")
                .withDefault(new ParamValue("nobody"))
                .endParam()
                .addNewResult()
                .withName("OUT")
                .endResult()
                .addToSteps(
                    script(
                        "main",
                        "printf '%s %s' '$(params.GREETING)' '$(params.NAME)' > $(results.OUT.path)"))
                .build());
    PipelineTask task = ref("greet", "greet");
    task.setParams(List.of(param("NAME", "$(params.WHO)")));

    // When
    List<TaskRunOutcome> outcomes =
        run(pipeline(task), List.of(greet), new Scope().put("params.WHO", "world"));

    // Then
    assertThat(outcome(outcomes, "greet").results())
        .containsExactly(Map.entry("OUT", "hello world"));
  }

  @Test
  void run_paramWithoutValueOrDefault_failsTheTaskRunNamingIt() {
    // Given
    Task greet =
        task(
            "greet",
            new TaskSpecBuilder()
                .addNewParam()
                .withName("NAME")
                .endParam()
                .addToSteps(script("main", "echo $(params.NAME)"))
                .build());

    // When
    List<TaskRunOutcome> outcomes =
        run(pipeline(ref("greet", "greet")), List.of(greet), new Scope());

    // Then
    assertThat(outcome(outcomes, "greet").status()).isEqualTo(Status.FAILED);
    assertThat(outcome(outcomes, "greet").failedStep()).isEmpty();
    assertThat(outcome(outcomes, "greet").message())
        .isEqualTo("required param 'NAME' of Task greet is not passed");
  }

  @Test
  void run_arrayParamAsArgs_expandsToSeparateArgumentsKeepingSpaces() {
    // Given
    Task echo =
        task(
            "echo",
            new TaskSpecBuilder()
                .addNewParam()
                .withName("ARGS")
                .withType("array")
                .endParam()
                .addNewResult()
                .withName("OUT")
                .endResult()
                .addToSteps(
                    new StepBuilder(
                            script(
                                "main",
                                "#!/bin/bash\nprintf '[%s]' \"$@\" > $(results.OUT.path)\n"))
                        .withArgs("first", "$(params.ARGS[*])", "last")
                        .build())
                .build());
    PipelineTask task = ref("echo", "echo");
    task.setParams(List.of(arrayParam("ARGS", "one two", "$(params.THREE)")));

    // When
    List<TaskRunOutcome> outcomes =
        run(pipeline(task), List.of(echo), new Scope().put("params.THREE", "3 3"));

    // Then
    assertThat(outcome(outcomes, "echo").results())
        .containsExactly(Map.entry("OUT", "[first][one two][3 3][last]"));
  }

  @Test
  void run_workspaces_givePathAndBoundAndAnUnboundOptionalOneIsEmpty() throws IOException {
    // Given
    Task ws =
        task(
            "ws",
            new TaskSpecBuilder()
                .addNewWorkspace()
                .withName("data")
                .endWorkspace()
                .addNewWorkspace()
                .withName("cache")
                .withOptional(true)
                .endWorkspace()
                .addNewResult()
                .withName("OUT")
                .endResult()
                .addToSteps(
                    script(
                        "main",
                        """
            printf '%s %s %s [%s]' "$(workspaces.data.bound)" "$(workspaces.data.path)" \\
              "$(workspaces.cache.bound)" "$(workspaces.cache.path)" > $(results.OUT.path)
            touch "$(workspaces.data.path)/written"
            """))
                .build());
    PipelineTask task =
        new PipelineTaskBuilder(ref("ws", "ws"))
            .addNewWorkspace()
            .withName("data")
            .withWorkspace("ws")
            .withSubPath("sub")
            .endWorkspace()
            .build();

    // When
    List<TaskRunOutcome> outcomes = run(pipeline(task), List.of(ws), new Scope());

    // Then
    assertThat(outcome(outcomes, "ws").results())
        .containsExactly(Map.entry("OUT", "true " + dir.resolve("ws/sub") + " false []"));
    assertThat(dir.resolve("ws/sub/written")).exists();
  }

  @Test
  void run_requiredWorkspaceUnbound_failsTheTaskRunNamingIt() {
    // Given
    PipelineTask unbound =
        new PipelineTaskBuilder(ref("a", "append")).withParams(param("NAME", "a")).build();

    // When
    List<TaskRunOutcome> outcomes = run(pipeline(unbound), List.of(APPEND), new Scope());

    // Then
    assertThat(outcome(outcomes, "a").status()).isEqualTo(Status.FAILED);
    assertThat(outcome(outcomes, "a").message())
        .isEqualTo("workspace shared is required but not bound");
  }

  @Test
  void run_scriptWithoutShebang_runsUnderShWithSetE() throws IOException {
    // Given
    Task task = task("plain", "false\ntouch \"" + dir.resolve("reached") + "\"\n");

    // When
    List<TaskRunOutcome> outcomes =
        run(pipeline(ref("plain", "plain")), List.of(task), new Scope());

    // Then
    assertThat(outcome(outcomes, "plain").status()).isEqualTo(Status.FAILED);
    assertThat(outcome(outcomes, "plain").message())
        .isEqualTo("step main exited 1 (log: " + dir.resolve("logs/plain/01-main.log") + ")");
    assertThat(dir.resolve("reached")).doesNotExist();
    assertThat(Files.readString(dir.resolve("taskruns/plain/scripts/01-main")))
        .isEqualTo("#!/bin/sh\nset -e\nfalse\ntouch \"" + dir.resolve("reached") + "\"\n");
  }

  @Test
  void run_scriptWithShebang_runsAsWrittenWithoutSetE() {
    // Given
    Task task = task("bash", "#!/bin/bash\nfalse\ntouch \"" + dir.resolve("reached") + "\"\n");

    // When
    List<TaskRunOutcome> outcomes = run(pipeline(ref("bash", "bash")), List.of(task), new Scope());

    // Then
    assertThat(outcome(outcomes, "bash").status()).isEqualTo(Status.SUCCEEDED);
    assertThat(dir.resolve("reached")).exists();
  }

  @Test
  void run_deadlineInThePast_timesTheStepOut() {
    // Given
    Task task = task("slow", "sleep 30");

    // When
    List<TaskRunOutcome> outcomes =
        executor(
                pipeline(ref("slow", "slow")),
                List.of(task),
                new Scope(),
                Instant.now().minusSeconds(1))
            .run();

    // Then
    TaskRunOutcome slow = outcome(outcomes, "slow");
    assertThat(slow.status()).isEqualTo(Status.FAILED);
    assertThat(slow.message())
        .isEqualTo(
            "step main timed out (the PipelineRun's timeout) (log: "
                + dir.resolve("logs/slow/01-main.log")
                + ")");
    assertThat(slow.duration()).isLessThan(java.time.Duration.ofSeconds(10));
  }

  @Test
  void
      run_taskRunLongerThanItsPipelineTasksTimeout_timesOutAfterThatAndIsNotRetriedBeyondItsRetries() {
    // Given a step of 30 s in a pipeline task with a 1 s timeout and one retry
    Task task =
        task(
            "slow",
            "echo \"try $(context.task.retry-count)\" >> \""
                + dir.resolve("tries")
                + "\"; sleep 30");
    PipelineTask slow =
        new PipelineTaskBuilder(ref("slow", "slow"))
            .withRetries(1)
            .withTimeout(
                new io.fabric8.kubernetes.api.model.Duration(java.time.Duration.ofSeconds(1)))
            .build();

    // When
    Instant start = Instant.now();
    List<TaskRunOutcome> outcomes = run(pipeline(slow), List.of(task), new Scope());

    // Then both attempts ran, each stopped after its own second, and the run says so
    TaskRunOutcome outcome = outcome(outcomes, "slow");
    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.retries()).isEqualTo(1);
    assertThat(outcome.message())
        .isEqualTo(
            "timed out after 1s (its timeout); step main was stopped (log: "
                + dir.resolve("logs/slow/retry-1/01-main.log")
                + ")");
    assertThat(dir.resolve("tries")).hasContent("try 0\ntry 1");
    assertThat(java.time.Duration.between(start, Instant.now()))
        .isLessThan(java.time.Duration.ofSeconds(20));
    assertThat(notes)
        .containsExactly(
            "retry 1 of 1: slow timed out after 1s (its timeout); step main was stopped"
                + " (log: "
                + dir.resolve("logs/slow/01-main.log")
                + ")");
  }

  @Test
  void run_stepThatFailsOnceThenSucceeds_passesOnItsRetryWithTheRetryCountSet() {
    // Given a step that fails on its first attempt only
    Task task =
        task(
            "flaky",
            "[ \"$(context.task.retry-count)\" = 1 ] || exit 7; printf ok > \"$(results.OUT.path)\"",
            "OUT");
    PipelineTask flaky = new PipelineTaskBuilder(ref("flaky", "flaky")).withRetries(2).build();

    // When
    List<TaskRunOutcome> outcomes = run(pipeline(flaky), List.of(task), new Scope());

    // Then
    TaskRunOutcome outcome = outcome(outcomes, "flaky");
    assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
    assertThat(outcome.retries()).isEqualTo(1);
    assertThat(outcome.results()).containsEntry("OUT", "ok");
    assertThat(outcome.logDir()).isEqualTo(dir.resolve("logs/flaky/retry-1"));
  }

  @Test
  void run_withoutItsOwnTimeout_aTaskRunGetsTheDefaultTaskRunTimeout() {
    // Given no timeout on the pipeline task and a default of 1 s (as default-timeout-minutes)
    Task task = task("slow", "sleep 30");
    PipelineExecutor executor =
        new PipelineExecutor(
            PipelinePlan.of(pipeline(ref("slow", "slow")), List.of(task)),
            new Scope(),
            Map.of("ws", dir.resolve("ws")),
            dir.resolve("taskruns"),
            dir.resolve("logs"),
            "hello-run",
            4,
            listener,
            new ProcessSupervisor(Instant.now().plusSeconds(60)),
            new PipelineExecutor.RunTimeouts(
                Instant.now(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.time.Duration.ofSeconds(1)));

    // When
    TaskRunOutcome outcome = outcome(executor.run(), "slow");

    // Then
    assertThat(outcome.message())
        .startsWith("timed out after 1s (its timeout); step main was stopped");
  }

  @Test
  void run_pastThePipelineRunsTasksTimeout_stopsTheTaskRunWithoutRetrying() {
    // Given timeouts.tasks of 1 s, and a retried task of its own hour
    Task task = task("slow", "echo try >> \"" + dir.resolve("tries") + "\"; sleep 30");
    PipelineTask slow = new PipelineTaskBuilder(ref("slow", "slow")).withRetries(3).build();
    PipelineExecutor executor =
        new PipelineExecutor(
            PipelinePlan.of(pipeline(slow), List.of(task)),
            new Scope(),
            Map.of("ws", dir.resolve("ws")),
            dir.resolve("taskruns"),
            dir.resolve("logs"),
            "hello-run",
            4,
            listener,
            new ProcessSupervisor(Instant.now().plusSeconds(60)),
            new PipelineExecutor.RunTimeouts(
                Instant.now(),
                java.util.Optional.of(java.time.Duration.ofSeconds(1)),
                java.util.Optional.empty(),
                java.time.Duration.ofHours(1)));

    // When
    TaskRunOutcome outcome = outcome(executor.run(), "slow");

    // Then
    assertThat(outcome.message())
        .startsWith(
            "timed out: the PipelineRun's timeouts.tasks of 1s passed; step main" + " was stopped");
    assertThat(outcome.retries()).isZero();
    assertThat(dir.resolve("tries")).hasContent("try");
  }

  @Test
  void run_cancelledSupervisor_startsNoStep() {
    // Given
    ProcessSupervisor supervisor = new ProcessSupervisor(Instant.now().plusSeconds(60));
    supervisor.cancel();
    Task task = task("touch", "touch \"" + dir.resolve("ran") + "\"");

    // When
    List<TaskRunOutcome> outcomes =
        executor(pipeline(ref("touch", "touch")), List.of(task), new Scope(), supervisor).run();

    // Then
    assertThat(outcome(outcomes, "touch").message())
        .isEqualTo("step main was cancelled (log: " + dir.resolve("logs/touch/01-main.log") + ")");
    assertThat(dir.resolve("ran")).doesNotExist();
  }

  private List<TaskRunOutcome> run(Pipeline pipeline, List<Task> tasks, Scope scope) {
    return executor(pipeline, tasks, scope, Instant.now().plusSeconds(60)).run();
  }

  private PipelineExecutor executor(
      Pipeline pipeline, List<Task> tasks, Scope scope, Instant deadline) {
    return executor(pipeline, tasks, scope, new ProcessSupervisor(deadline));
  }

  private PipelineExecutor executor(
      Pipeline pipeline, List<Task> tasks, Scope scope, ProcessSupervisor supervisor) {
    return new PipelineExecutor(
        PipelinePlan.of(pipeline, tasks),
        scope,
        Map.of("ws", dir.resolve("ws")),
        dir.resolve("taskruns"),
        dir.resolve("logs"),
        "hello-run",
        4,
        listener,
        supervisor,
        PipelineExecutor.RunTimeouts.none(Instant.now()));
  }

  private static PipelineTask append(String name, String value, String... runAfter) {
    return new PipelineTaskBuilder(ref(name, "append", runAfter))
        .withParams(param("NAME", value))
        .addNewWorkspace()
        .withName("shared")
        .withWorkspace("ws")
        .endWorkspace()
        .build();
  }

  private static PipelineTask matrixBuild() {
    return new PipelineTaskBuilder(ref("build", "build"))
        .withNewMatrix()
        .addNewParam()
        .withName("PLATFORM")
        .withValue(new ParamValue(List.of("$(params.PLATFORMS[*])")))
        .endParam()
        .endMatrix()
        .build();
  }

  private static TaskRunOutcome outcome(List<TaskRunOutcome> outcomes, String displayName) {
    Optional<TaskRunOutcome> found =
        outcomes.stream().filter(o -> o.displayName().equals(displayName)).findFirst();
    assertThat(found).as("outcome of %s among %s", displayName, outcomes).isPresent();
    return found.get();
  }
}
