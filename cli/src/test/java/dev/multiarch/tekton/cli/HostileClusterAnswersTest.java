package dev.multiarch.tekton.cli;

import static dev.multiarch.tekton.cluster.testing.Runs.done;
import static dev.multiarch.tekton.cluster.testing.Runs.ended;
import static dev.multiarch.tekton.cluster.testing.Runs.pipelineRun;
import static dev.multiarch.tekton.cluster.testing.Runs.pod;
import static dev.multiarch.tekton.cluster.testing.Runs.running;
import static dev.multiarch.tekton.cluster.testing.Runs.step;
import static dev.multiarch.tekton.cluster.testing.Runs.taskRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.cli.ClusterCli.Result;
import dev.multiarch.tekton.cluster.testing.MockCluster;
import dev.multiarch.tekton.cluster.testing.MockCluster.Flavour;
import dev.multiarch.tekton.cluster.testing.Runs;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.text.Printable;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.TaskRun;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a hostile cluster or build puts in names, condition messages, node names and logs reaches
 * the terminal escaped from {@code status}, {@code logs}, {@code start} and {@code start --follow}:
 * no terminal title, clipboard write, screen clear, 8-bit CSI, bell, forged prefix or bidi
 * override, only their visible escapes.
 */
class HostileClusterAnswersTest {

  private static final String SPEC =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml").toString();

  @TempDir java.nio.file.Path tmp;

  private MockCluster mock;

  @AfterEach
  void stop() {
    if (mock != null) {
      mock.close();
    }
  }

  /** Each hostile string, named for what it would do to a terminal printing it raw. */
  static Stream<Arguments> hostile() {
    return Stream.of(
        Arguments.of("OSC 0 window title", "\u001b]0;you have been pwned\u0007"),
        Arguments.of("OSC 52 clipboard write", "\u001b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u0007"),
        Arguments.of("screen clear", "\u001b[2J\u001b[H"),
        Arguments.of("8-bit CSI", "\u009b2J\u009b31m"),
        Arguments.of("bell", "\u0007\u0007"),
        Arguments.of(
            "carriage return forging a prefix", "\r[build linux/amd64 build-and-push] all good"),
        Arguments.of("bidi override", "\u202eexe.txt\u2066x\u2069"));
  }

  private Result run(String... args) {
    return ClusterCli.run(ClusterCli.withKubeconfig(mock.kubeconfig().toString(), args));
  }

  /** Nothing but printable characters and line breaks reached the terminal. */
  private static void assertPrintable(Result result) {
    assertThat(result.out() + result.err())
        .as("raw control or format characters printed")
        .matches(text -> text.codePoints().noneMatch(c -> c != '\n' && Printable.unprintable(c)));
  }

  private static String shown(String hostile) {
    return Printable.line(hostile);
  }

  /** The arm64 build fails; {@code h} is in every field a cluster or a build chooses. */
  private Runs hostileRun(String h) {
    TaskRun binfmt = done("binfmt", null, 0, 2, 9, step("install", 0));
    binfmt.getMetadata().getLabels().put("tekton.dev/pipelineTask", "binfmt" + h);
    TaskRun failed =
        taskRun(
            "build",
            "linux/arm64",
            1,
            10,
            300,
            "False",
            "Failed",
            "\"step-build-and-push\" exited with code 3" + h,
            step("build-and-push", 3));
    TaskRun amd64 = done("build", "linux/amd64", 0, 10, 94, step("build-and-push", 0));
    amd64.getSpec().getParams().get(1).getValue().setStringVal("linux/amd64" + h);
    PipelineRun end = ended("Failed", "Tasks Completed" + h, 301, "manifest", "skipped" + h);
    return new Runs(mock)
        .then(running(), binfmt)
        .then(end, binfmt, amd64, failed)
        .log(pod("build", "linux/arm64", 1), "step-build-and-push", "STEP 3/4" + h + "\nERROR" + h)
        .pod(pod("build", "linux/amd64", 0), "worker" + h.replaceAll("[^a-z]", "") + "-1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void status_escapesTheRunsMessageAndEveryTaskRunField(String what, String h) {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    hostileRun(h).playFinal();

    Result result = run("status", Runs.RUN, "-f", SPEC);

    assertThat(result.code()).as(result.err()).isZero();
    assertPrintable(result);
    String format = "%-10s %-14s %-10s %9s  %s";
    assertThat(result.out().lines())
        .containsExactly(
            "PipelineRun hello-x7k2p in namespace demo: failed after 301.0s (Tasks Completed"
                + shown(h)
                + ")",
            String.format(Locale.ROOT, format, "TASK", "PLATFORM", "STATE", "DURATION", "NODE"),
            String.format(Locale.ROOT, format, "binfmt" + shown(h), "-", "succeeded", "7.0s", "-"),
            String.format(
                Locale.ROOT,
                format,
                "build",
                "linux/amd64" + shown(h),
                "succeeded",
                "84.0s",
                "worker" + h.replaceAll("[^a-z]", "") + "-1"),
            String.format(Locale.ROOT, format, "build", "linux/arm64", "failed", "290.0s", "-"),
            String.format(Locale.ROOT, format, "manifest", "-", "skipped", "-", "-"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void logs_escapeEachLine_soNoLineForgesAnotherPrefix(String what, String h) {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    hostileRun(h).playFinal();

    Result result = run("logs", Runs.RUN, "-f", SPEC, "--platform", "linux/arm64");

    assertThat(result.code()).as(result.err()).isZero();
    assertPrintable(result);
    assertThat(result.out().lines())
        .containsExactly(
            "[build linux/arm64 build-and-push] STEP 3/4" + shown(h),
            "[build linux/arm64 build-and-push] ERROR" + shown(h));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void start_printsTheCreatedRunsNameEscaped(String what, String h) {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    run("deploy", "-f", SPEC);
    PipelineRun created = pipelineRun("Unknown", "Started", "", null);
    created.getMetadata().setName(Runs.RUN + h);
    mock.server()
        .expect()
        .post()
        .withPath("/apis/tekton.dev/v1/namespaces/demo/pipelineruns")
        .andReturn(201, created)
        .once();

    Result result = run("start", "-f", SPEC);

    assertThat(result.code()).as(result.err()).isZero();
    assertPrintable(result);
    assertThat(result.out()).isEqualTo(Runs.RUN + shown(h) + "\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void startFollow_escapesNamesMessagesAndTheFailedStepsLog(String what, String h) {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    run("deploy", "-f", SPEC);
    hostileRun(h).startsAs().play();

    Result result = run("start", "-f", SPEC, "--follow");

    assertThat(result.code()).as(result.err()).isEqualTo(Cli.FAILED);
    assertPrintable(result);
    String ended = "  %-8s %-28s %7s";
    assertThat(result.err().lines())
        .containsExactly(
            "following PipelineRun hello-x7k2p in namespace demo (Ctrl-C stops following; the run "
                + "goes on)",
            String.format(Locale.ROOT, "  %-8s %s", "start", "binfmt" + shown(h)),
            String.format(Locale.ROOT, ended, "done", "binfmt" + shown(h), "7.0s"),
            String.format(Locale.ROOT, "  %-8s %s", "start", "build linux/amd64" + shown(h)),
            String.format(Locale.ROOT, "  %-8s %s", "start", "build linux/arm64"),
            String.format(Locale.ROOT, ended, "done", "build linux/amd64" + shown(h), "84.0s"),
            String.format(
                Locale.ROOT,
                ended + "  %s",
                "FAILED",
                "build linux/arm64",
                "290.0s",
                "step build-and-push exited 3"),
            "      | STEP 3/4" + shown(h),
            "      | ERROR" + shown(h),
            String.format(
                Locale.ROOT,
                "  %-8s %-28s %7s  %s",
                "skipped",
                "manifest",
                "",
                "skipped" + shown(h)),
            "multiarch-tekton: PipelineRun hello-x7k2p failed: build (linux/arm64): step "
                + "build-and-push exited 3; no multi-arch image was published");
  }
}
