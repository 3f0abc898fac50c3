package dev.multiarch.tekton.cli;

import static dev.multiarch.tekton.cluster.testing.Runs.done;
import static dev.multiarch.tekton.cluster.testing.Runs.ended;
import static dev.multiarch.tekton.cluster.testing.Runs.pod;
import static dev.multiarch.tekton.cluster.testing.Runs.step;
import static dev.multiarch.tekton.cluster.testing.Runs.taskRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multiarch.tekton.cli.ClusterCli.Result;
import dev.multiarch.tekton.cluster.testing.MockCluster;
import dev.multiarch.tekton.cluster.testing.MockCluster.Flavour;
import dev.multiarch.tekton.cluster.testing.Runs;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.TaskRun;
import io.fabric8.tekton.v1.TaskRunListBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MalformedClusterObjectsTest {

  private static final String SPEC =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml").toString();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir java.nio.file.Path tmp;

  private MockCluster mock;

  @AfterEach
  void stop() {
    if (mock != null) {
      mock.close();
    }
  }

  private Result run(String... args) {
    return ClusterCli.run(ClusterCli.withKubeconfig(mock.kubeconfig().toString(), args));
  }

  /** binfmt and amd64 succeed, arm64's build-and-push exits 3, manifest is skipped. */
  private Runs served(BiConsumer<ObjectNode, ArrayNode> edit) {
    TaskRun binfmt = done("binfmt", null, 0, 2, 9, step("install", 0));
    TaskRun amd64 = done("build", "linux/amd64", 0, 10, 94, step("build-and-push", 0));
    TaskRun arm64 =
        taskRun(
            "build",
            "linux/arm64",
            1,
            10,
            300,
            "False",
            "Failed",
            "\"step-build-and-push\" exited with code 3",
            step("build-and-push", 3));
    PipelineRun end = ended("Failed", "Tasks Completed", 301, "manifest", "skipped");
    ObjectNode run = JSON.valueToTree(end);
    ObjectNode list =
        JSON.valueToTree(new TaskRunListBuilder().withItems(binfmt, amd64, arm64).build());
    edit.accept(run, (ArrayNode) list.get("items"));
    return new Runs(mock)
        .thenJson(run.toString(), list.toString())
        .log(pod("build", "linux/arm64", 1), "step-build-and-push", "STEP 3/4\nERROR")
        .log(pod("build", "linux/amd64", 0), "step-build-and-push", "amd64 ok")
        .log(pod("binfmt", null, 0), "step-install", "installed")
        .pod(pod("build", "linux/amd64", 0), "worker-1");
  }

  private static ObjectNode status(ArrayNode items, int i) {
    return (ObjectNode) items.get(i).get("status");
  }

  private static String row(String task, String platform, String state, String took, String node) {
    return String.format(
        Locale.ROOT, "%-10s %-14s %-10s %9s  %s", task, platform, state, took, node);
  }

  private static final String HEADING =
      "PipelineRun hello-x7k2p in namespace demo: failed after 301.0s (Tasks Completed)";
  private static final String HEADER = row("TASK", "PLATFORM", "STATE", "DURATION", "NODE");
  private static final String BINFMT = row("binfmt", "-", "succeeded", "7.0s", "-");
  private static final String AMD64 = row("build", "linux/amd64", "succeeded", "84.0s", "worker-1");
  private static final String ARM64 = row("build", "linux/arm64", "failed", "290.0s", "-");
  private static final String MANIFEST = row("manifest", "-", "skipped", "-", "-");

  private static final List<String> LOGS =
      List.of(
          "[binfmt install] installed",
          "[build linux/amd64 build-and-push] amd64 ok",
          "[build linux/arm64 build-and-push] STEP 3/4",
          "[build linux/arm64 build-and-push] ERROR");

  private static Arguments malformed(
      String what, BiConsumer<ObjectNode, ArrayNode> edit, List<String> status, List<String> logs) {
    return Arguments.of(what, edit, status, logs);
  }

  private static ObjectNode metadata(ArrayNode items, int i) {
    return (ObjectNode) items.get(i).get("metadata");
  }

  private static ObjectNode condition(ArrayNode items, int i) {
    return (ObjectNode) status(items, i).get("conditions").get(0);
  }

  /**
   * Each object a broken or hostile server may send, the table {@code status} prints of it and the
   * lines {@code logs} prints. The TaskRuns are binfmt (0), amd64 (1) and arm64 (2).
   */
  static Stream<Arguments> malformed() {
    return Stream.of(
        malformed(
            "startTime not a time",
            (run, items) -> status(items, 1).put("startTime", "yesterday"),
            // Without a time it sorts last, its duration unknown.
            List.of(
                HEADING,
                HEADER,
                BINFMT,
                ARM64,
                row("build", "linux/amd64", "succeeded", "?", "worker-1"),
                MANIFEST),
            List.of(LOGS.get(0), LOGS.get(2), LOGS.get(3), LOGS.get(1))),
        malformed(
            "completionTime not a time",
            (run, items) -> status(items, 2).put("completionTime", "soon"),
            List.of(
                HEADING,
                HEADER,
                BINFMT,
                AMD64,
                row("build", "linux/arm64", "failed", "?", "-"),
                MANIFEST),
            LOGS),
        malformed(
            "the PipelineRun's startTime not a time",
            (run, items) -> ((ObjectNode) run.get("status")).put("startTime", 12),
            List.of(
                "PipelineRun hello-x7k2p in namespace demo: failed (Tasks Completed)",
                HEADER,
                BINFMT,
                AMD64,
                ARM64,
                MANIFEST),
            LOGS),
        malformed(
            "creationTimestamp not a time, no startTime",
            (run, items) -> {
              status(items, 1).remove("startTime");
              metadata(items, 1).put("creationTimestamp", "x");
            },
            List.of(
                HEADING,
                HEADER,
                BINFMT,
                ARM64,
                row("build", "linux/amd64", "succeeded", "?", "worker-1"),
                MANIFEST),
            List.of(LOGS.get(0), LOGS.get(2), LOGS.get(3), LOGS.get(1))),
        malformed(
            "a time far off in the future",
            (run, items) -> status(items, 2).put("completionTime", "+999999999-12-31T23:59:59Z"),
            List.of(
                HEADING,
                HEADER,
                BINFMT,
                AMD64,
                row("build", "linux/arm64", "failed", "?", "-"),
                MANIFEST),
            LOGS),
        malformed(
            "lastTransitionTime not a time",
            (run, items) -> condition(items, 2).put("lastTransitionTime", "then"),
            List.of(HEADING, HEADER, BINFMT, AMD64, ARM64, MANIFEST),
            LOGS),
        malformed(
            "TaskRun without a name",
            (run, items) -> metadata(items, 1).remove("name"),
            List.of(HEADING, HEADER, BINFMT, AMD64, ARM64, MANIFEST),
            LOGS),
        malformed(
            "TaskRun without labels",
            (run, items) -> metadata(items, 0).remove("labels"),
            List.of(
                HEADING, HEADER, row("?", "-", "succeeded", "7.0s", "-"), AMD64, ARM64, MANIFEST),
            List.of("[? install] installed", LOGS.get(1), LOGS.get(2), LOGS.get(3))),
        malformed(
            "labels not a map",
            (run, items) -> metadata(items, 0).put("labels", "binfmt"),
            List.of(
                HEADING, HEADER, row("?", "-", "succeeded", "7.0s", "-"), AMD64, ARM64, MANIFEST),
            List.of("[? install] installed", LOGS.get(1), LOGS.get(2), LOGS.get(3))),
        malformed(
            "TaskRun without metadata",
            (run, items) -> ((ObjectNode) items.get(0)).remove("metadata"),
            List.of(
                HEADING, HEADER, row("?", "-", "succeeded", "7.0s", "-"), AMD64, ARM64, MANIFEST),
            List.of("[? install] installed", LOGS.get(1), LOGS.get(2), LOGS.get(3))),
        malformed(
            "duplicate names",
            (run, items) -> metadata(items, 2).put("name", metadata(items, 1).get("name").asText()),
            List.of(HEADING, HEADER, BINFMT, AMD64, ARM64, MANIFEST),
            LOGS),
        malformed(
            "PipelineRun without status",
            (run, items) -> run.remove("status"),
            List.of(
                "PipelineRun hello-x7k2p in namespace demo: pending", HEADER, BINFMT, AMD64, ARM64),
            LOGS),
        malformed(
            "conditions not a list",
            (run, items) -> status(items, 2).put("conditions", "Succeeded"),
            // Tekton's word on it is gone: it has started and not said it ended.
            List.of(
                HEADING,
                HEADER,
                BINFMT,
                AMD64,
                row("build", "linux/arm64", "running", "290.0s", "-"),
                MANIFEST),
            LOGS),
        malformed(
            "condition without type and status",
            (run, items) -> {
              condition(items, 2).remove("type");
              condition(items, 2).remove("status");
            },
            List.of(
                HEADING,
                HEADER,
                BINFMT,
                AMD64,
                row("build", "linux/arm64", "running", "290.0s", "-"),
                MANIFEST),
            LOGS),
        malformed(
            "null among the conditions",
            (run, items) -> ((ArrayNode) status(items, 2).get("conditions")).insertNull(0),
            List.of(HEADING, HEADER, BINFMT, AMD64, ARM64, MANIFEST),
            LOGS),
        malformed(
            "childReferences entry without a name",
            (run, items) ->
                ((ObjectNode) run.get("status"))
                    .putArray("childReferences")
                    .addObject()
                    .put("kind", "TaskRun"),
            List.of(HEADING, HEADER, BINFMT, AMD64, ARM64, MANIFEST),
            LOGS),
        malformed(
            "a result of the wrong type",
            (run, items) ->
                ((ObjectNode) run.get("status"))
                    .putArray("results")
                    .addObject()
                    .put("name", "IMAGE_URL")
                    .putObject("value")
                    .put("x", 1),
            List.of(HEADING, HEADER, BINFMT, AMD64, ARM64, MANIFEST),
            LOGS),
        malformed(
            "results not a list",
            (run, items) -> ((ObjectNode) run.get("status")).put("results", 7),
            List.of(HEADING, HEADER, BINFMT, AMD64, ARM64, MANIFEST),
            LOGS),
        malformed(
            "a step without a name",
            (run, items) -> ((ObjectNode) status(items, 2).get("steps").get(0)).remove("name"),
            List.of(HEADING, HEADER, BINFMT, AMD64, ARM64, MANIFEST),
            List.of(
                LOGS.get(0),
                LOGS.get(1),
                "[build linux/arm64 ?] STEP 3/4",
                "[build linux/arm64 ?] ERROR")),
        malformed(
            "steps not a list",
            (run, items) -> status(items, 2).put("steps", "many"),
            List.of(HEADING, HEADER, BINFMT, AMD64, ARM64, MANIFEST),
            List.of(LOGS.get(0), LOGS.get(1))),
        malformed(
            "an empty pod name",
            (run, items) -> status(items, 1).put("podName", ""),
            List.of(
                HEADING,
                HEADER,
                BINFMT,
                row("build", "linux/amd64", "succeeded", "84.0s", "-"),
                ARM64,
                MANIFEST),
            List.of(LOGS.get(0), LOGS.get(2), LOGS.get(3))),
        malformed(
            "a pod name that is a path",
            (run, items) -> status(items, 1).put("podName", "../../secrets/x?y=1"),
            List.of(
                HEADING,
                HEADER,
                BINFMT,
                row("build", "linux/amd64", "succeeded", "84.0s", "-"),
                ARM64,
                MANIFEST),
            List.of(LOGS.get(0), LOGS.get(2), LOGS.get(3))),
        malformed(
            "an item that is not an object",
            (run, items) -> items.insert(0, "junk"),
            List.of(HEADING, HEADER, BINFMT, AMD64, ARM64, MANIFEST),
            LOGS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void statusAndLogs_showWhatCanBeShown_andMarkWhatCannot(
      String what, BiConsumer<ObjectNode, ArrayNode> edit, List<String> status, List<String> logs) {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    served(edit).playFinal();

    Result shown = run("status", Runs.RUN, "-f", SPEC);
    Result logged = run("logs", Runs.RUN, "-f", SPEC);

    assertThat(shown.err()).isEmpty();
    assertThat(shown.code()).isZero();
    assertThat(shown.out().lines()).containsExactlyElementsOf(status);
    assertThat(logged.err()).isEmpty();
    assertThat(logged.code()).isZero();
    assertThat(logged.out().lines()).containsExactlyElementsOf(logs);
  }

  private static String begun(String name) {
    return String.format(Locale.ROOT, "  %-8s %s", "start", name);
  }

  private static String finished(String verb, String name, String took, String message) {
    return message.isEmpty()
        ? String.format(Locale.ROOT, "  %-8s %-28s %7s", verb, name, took)
        : String.format(Locale.ROOT, "  %-8s %-28s %7s  %s", verb, name, took, message);
  }

  private static final String FOLLOWING =
      "following PipelineRun hello-x7k2p in namespace demo (Ctrl-C stops following; the run goes"
          + " on)";
  private static final String ARM64_FAILED =
      finished("FAILED", "build linux/arm64", "290.0s", "step build-and-push exited 3");
  private static final List<String> TAIL = List.of("      | STEP 3/4", "      | ERROR");
  private static final String SKIPPED = finished("skipped", "manifest", "", "skipped");
  private static final String RUN_FAILED =
      "multiarch-tekton: PipelineRun hello-x7k2p failed: build (linux/arm64): step build-and-push"
          + " exited 3; no multi-arch image was published";

  /** What {@code start --follow} prints when the TaskRuns are well formed. */
  private static final List<String> FOLLOWED =
      List.of(
          FOLLOWING,
          begun("binfmt"),
          finished("done", "binfmt", "7.0s", ""),
          begun("build linux/amd64"),
          begun("build linux/arm64"),
          finished("done", "build linux/amd64", "84.0s", ""),
          ARM64_FAILED,
          TAIL.get(0),
          TAIL.get(1),
          SKIPPED,
          RUN_FAILED);

  /** Each malformed object and what {@code start --follow} prints of it, on stderr. */
  static Stream<Arguments> followed() {
    return Stream.of(
        followed(
            "startTime not a time",
            (run, items) -> status(items, 1).put("startTime", "yesterday"),
            // Without a start time it comes last, its end never before its start.
            List.of(
                FOLLOWING,
                begun("binfmt"),
                finished("done", "binfmt", "7.0s", ""),
                begun("build linux/arm64"),
                ARM64_FAILED,
                TAIL.get(0),
                TAIL.get(1),
                begun("build linux/amd64"),
                finished("done", "build linux/amd64", "?", ""),
                SKIPPED,
                RUN_FAILED)),
        followed(
            "completionTime not a time",
            (run, items) -> status(items, 2).put("completionTime", "soon"),
            List.of(
                FOLLOWING,
                begun("binfmt"),
                finished("done", "binfmt", "7.0s", ""),
                begun("build linux/amd64"),
                begun("build linux/arm64"),
                finished("done", "build linux/amd64", "84.0s", ""),
                finished("FAILED", "build linux/arm64", "?", "step build-and-push exited 3"),
                TAIL.get(0),
                TAIL.get(1),
                SKIPPED,
                RUN_FAILED)),
        followed(
            "TaskRun without a name", (run, items) -> metadata(items, 1).remove("name"), FOLLOWED),
        followed(
            "TaskRun without metadata",
            (run, items) -> ((ObjectNode) items.get(0)).remove("metadata"),
            FOLLOWED.stream()
                .map(line -> line.equals(begun("binfmt")) ? begun("?") : line)
                .map(
                    line ->
                        line.equals(finished("done", "binfmt", "7.0s", ""))
                            ? finished("done", "?", "7.0s", "")
                            : line)
                .toList()),
        followed(
            "duplicate names",
            (run, items) -> metadata(items, 2).put("name", metadata(items, 1).get("name").asText()),
            FOLLOWED),
        followed(
            "a step without a name",
            (run, items) -> ((ObjectNode) status(items, 2).get("steps").get(0)).remove("name"),
            FOLLOWED.stream()
                .map(line -> line.replace("step build-and-push exited", "step ? exited"))
                .toList()),
        followed(
            "a step container that is not a container name",
            (run, items) ->
                ((ObjectNode) status(items, 2).get("steps").get(0))
                    .put("container", "step-x?follow=true"),
            FOLLOWED.stream().filter(line -> !TAIL.contains(line)).toList()),
        followed(
            "conditions not a list",
            (run, items) -> status(items, 2).put("conditions", "Succeeded"),
            // Tekton's word on arm64 is gone: it started and never said it ended.
            List.of(
                FOLLOWING,
                begun("binfmt"),
                finished("done", "binfmt", "7.0s", ""),
                begun("build linux/amd64"),
                begun("build linux/arm64"),
                finished("done", "build linux/amd64", "84.0s", ""),
                SKIPPED,
                "multiarch-tekton: PipelineRun hello-x7k2p failed: Tasks Completed; no multi-arch"
                    + " image was published")));
  }

  private static Arguments followed(
      String what, BiConsumer<ObjectNode, ArrayNode> edit, List<String> lines) {
    return Arguments.of(what, edit, lines);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("followed")
  void startFollow_showsWhatCanBeShown_andMarksWhatCannot(
      String what, BiConsumer<ObjectNode, ArrayNode> edit, List<String> lines) {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    run("deploy", "-f", SPEC);
    served(edit).startsAs().play();

    Result result = run("start", "-f", SPEC, "--follow");

    assertThat(result.code()).as(result.err()).isEqualTo(Cli.FAILED);
    assertThat(result.out()).isEqualTo(Runs.RUN + "\n");
    assertThat(result.err().lines()).containsExactlyElementsOf(lines);
  }

  @Test
  void status_ofTwentyThousandTaskRuns_showsTheFirstFiftyAndSaysHowManyMore() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    StatusBenchmark.serve(mock, 20_000);

    String[] result = StatusBenchmark.status(mock);

    assertThat(result[2]).isEmpty();
    assertThat(result[0]).isEqualTo("0");
    List<String> expected = new ArrayList<>(List.of(HEADING, HEADER));
    for (int i = 0; i < StatusCommand.SHOWN; i++) {
      expected.add(row("build", "linux/amd64", "succeeded", "84.0s", "-"));
    }
    // 20,000 TaskRuns and the skipped manifest, less the 50 shown.
    expected.add("(19951 more not shown)");
    assertThat(result[1].lines()).containsExactlyElementsOf(expected);
  }
}
