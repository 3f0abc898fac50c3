package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.cli.ClusterCli.Result;
import dev.multiarch.tekton.cluster.Cluster;
import dev.multiarch.tekton.cluster.testing.MockCluster;
import dev.multiarch.tekton.cluster.testing.MockCluster.Flavour;
import dev.multiarch.tekton.cluster.testing.Runs;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.tekton.v1.PipelineRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy, start, status, logs and graph from the command line, against fabric8's mock server over
 * real HTTPS, reached through a kubeconfig as a user's cluster would be: the lines, the one-line
 * refusals and the exit codes.
 */
class ClusterCommandsTest {

  private static final Path ROOT = GoldenFiles.projectRoot();
  private static final String SPEC = "examples/hello/multiarch.yaml";
  private static final Path LOOP = Path.of("src/test/resources/golden/cluster-loop.txt");

  @TempDir Path tmp;

  private MockCluster mock;

  @AfterEach
  void stop() {
    if (mock != null) {
      mock.close();
    }
  }

  private Result run(String... args) {
    return ClusterCli.run(withCluster(args));
  }

  /** The command's arguments with the spec file made absolute and the mock's kubeconfig added. */
  private String[] withCluster(String... args) {
    List<String> all = new ArrayList<>();
    for (String arg : args) {
      all.add(arg.equals(SPEC) ? ROOT.resolve(SPEC).toString() : arg);
    }
    if (mock != null && !args[0].equals("generate") && !args[0].equals("graph")) {
      all.add("--kubeconfig");
      all.add(mock.kubeconfig().toString());
    }
    return all.toArray(String[]::new);
  }

  @Test
  void loop_generateDeployStartFollow_printsTheReadmeTranscript() throws IOException {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    Runs.success(mock).startsAs().play();
    Path deploy = tmp.resolve("deploy");
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(both, true, StandardCharsets.UTF_8);
    Cli cli =
        new Cli(stream, stream, access -> Cluster.connect(access).withPollInterval(Duration.ZERO));
    List<String[]> commands =
        List.of(
            new String[] {"generate", "-f", SPEC, "-o", deploy.toString()},
            new String[] {"deploy", "-f", SPEC},
            new String[] {"start", "-f", SPEC, "--follow"});
    List<Integer> codes = new ArrayList<>();

    for (String[] command : commands) {
      stream.println(
          "$ ./multiarch-tekton "
              + String.join(" ", command).replace(deploy.toString(), "deploy/"));
      codes.add(cli.run(withCluster(command)));
    }

    assertThat(codes).containsOnly(Cli.OK);
    String transcript = both.toString(StandardCharsets.UTF_8).replace(deploy.toString(), "deploy");
    GoldenFiles.assertCurrent(LOOP, transcript);
    assertThat(Files.readString(ROOT.resolve("README.md")))
        .as("README shows the transcript as the test made it")
        .contains("```\n" + transcript + "```\n");
  }

  @Test
  void deploy_twice_secondSaysUnchanged() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    run("deploy", "-f", SPEC);

    Result second = run("deploy", "-f", SPEC);

    assertThat(second.code()).isZero();
    GeneratedPipeline generated = MultiArchTekton.fromSpecFile(ROOT.resolve(SPEC)).generate();
    int resources = generated.allResources().size();
    assertThat(second.out().lines())
        .hasSize(resources)
        .allSatisfy(line -> assertThat(line).endsWith(" unchanged"));
    assertThat(second.err())
        .isEqualTo(
            "applied "
                + resources
                + " resources in namespace demo\nnote: "
                + generated.startCaveat().orElseThrow()
                + "\n");
  }

  @Test
  void deploy_serverDryRun_storesNothing() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);

    Result result = run("deploy", "-f", SPEC, "--dry-run=server");

    assertThat(result.code()).isZero();
    GeneratedPipeline generated = MultiArchTekton.fromSpecFile(ROOT.resolve(SPEC)).generate();
    int resources = generated.allResources().size();
    assertThat(result.out().lines())
        .hasSize(resources)
        .first()
        .isEqualTo("imagestream.image.openshift.io/hello created (server dry run)");
    assertThat(result.err())
        .isEqualTo(
            "checked "
                + resources
                + " resources in namespace demo (server dry run: nothing"
                + " stored)\nnote: "
                + generated.startCaveat().orElseThrow()
                + "\n");
    assertThat(
            mock.client()
                .resources(io.fabric8.tekton.v1.Pipeline.class)
                .inNamespace("demo")
                .list()
                .getItems())
        .isEmpty();
  }

  @Test
  void deploy_clientDryRun_isBadInput() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);

    Result result = run("deploy", "-f", SPEC, "--dry-run=client");

    assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: --dry-run: 'client' is not allowed; expected server (the "
                + "cluster computes each apply and stores nothing; there is no client dry run)\n");
    assertThat(mock.applies()).isEmpty();
  }

  @Test
  void deploy_withoutTekton_exit3() {
    mock = MockCluster.start(Flavour.NO_TEKTON, tmp);

    Result result = run("deploy", "-f", SPEC);

    assertThat(result.code()).isEqualTo(Cli.CANNOT_RUN);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: Tekton Pipelines is not installed on the cluster at "
                + mock.server().url("/")
                + " (it serves no tekton.dev/v1 pipelines, tasks, pipelineruns, taskruns); install "
                + "OpenShift Pipelines 1.13 or later, or Tekton Pipelines v0.53 or later\n");
  }

  @Test
  void deploy_plainKubernetes_exit2NothingApplied() {
    mock = MockCluster.start(Flavour.KUBERNETES, tmp);

    Result result = run("deploy", "-f", SPEC);

    assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(result.err())
        .startsWith(
            "multiarch-tekton: the cluster at "
                + mock.server().url("/")
                + " is not OpenShift, and ImageStream/hello, ImageStream/buildah-qemu (no"
                + " image.openshift.io/v1 API)")
        .hasLineCount(1);
    assertThat(mock.applies()).isEmpty();
  }

  @Test
  void deploy_forbidden_exit3NamingVerbResourceNamespace() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    mock.server()
        .expect()
        .get()
        .withPath("/api/v1/namespaces/demo/serviceaccounts/hello-builder")
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withMessage(
                    "serviceaccounts \"hello-builder\" is "
                        + "forbidden: User \"dev\" cannot get resource \"serviceaccounts\" in API group \"\" in the namespace "
                        + "\"demo\"")
                .build())
        .always();

    Result result = run("deploy", "-f", SPEC);

    assertThat(result.code()).isEqualTo(Cli.CANNOT_RUN);
    assertThat(result.out())
        .isEqualTo(
            "imagestream.image.openshift.io/hello created\n"
                + "imagestream.image.openshift.io/buildah-qemu created\n");
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: RBAC forbids 'get' on serviceaccounts in namespace demo; "
                + "the cluster said: serviceaccounts \"hello-builder\" is forbidden: User \"dev\" cannot get resource "
                + "\"serviceaccounts\" in API group \"\" in the namespace \"demo\"\n");
  }

  @Test
  void deploy_credentialsRefused_exit3() {
    mock = MockCluster.start(Flavour.UNAUTHORIZED, tmp);

    Result result = run("deploy", "-f", SPEC);

    assertThat(result.code()).isEqualTo(Cli.CANNOT_RUN);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: the cluster at "
                + mock.server().url("/")
                + " refused the "
                + "credentials (401 Unauthorized); log in again (oc login, or a fresh kubeconfig)\n");
  }

  @Test
  void deploy_unreachable_exit3() throws IOException {
    Path kubeconfig = tmp.resolve("closed");
    Files.writeString(
        kubeconfig,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: "
            + "https://127.0.0.1:1\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\ncurrent-context: c\n"
            + "users:\n- name: u\n  user:\n    token: t\n");

    Result result = run("deploy", "-f", SPEC, "--kubeconfig", kubeconfig.toString());

    assertThat(result.code()).isEqualTo(Cli.CANNOT_RUN);
    assertThat(result.err())
        .startsWith("multiarch-tekton: cannot reach the cluster at https://127.0.0.1:1/: ")
        .contains("connection refused")
        .hasLineCount(1);
  }

  @Test
  void unknownContext_exit2ListingTheKnownOnes() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);

    Result result = run("status", "-f", SPEC, "--kube-context", "prod");

    assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: context 'prod' is not in kubeconfig "
                + mock.kubeconfig()
                + "; it has: mock, other\n");
  }

  @Test
  void doctor_readyCluster_exit0OneLinePerCheck() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);

    Result result = run("doctor", "-f", SPEC);

    assertThat(result.code()).isZero();
    assertThat(result.out().lines())
        .hasSize(12)
        .allSatisfy(line -> assertThat(line).startsWith("ok "));
    assertThat(result.err()).isEmpty();
  }

  @Test
  void doctor_secretMissing_exit3NamingItAndItsFix() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    mock.client().secrets().inNamespace("demo").withName("quay-push").delete();

    Result result = run("doctor", "-f", SPEC);

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.out().lines().filter(line -> !line.startsWith("ok")))
        .containsExactly(
            "problem  secret: Secret quay-push (workspace dockerconfig) does not exist in namespace"
                + " demo, and the run would hang in FailedMount until it times out; fix: oc -n demo"
                + " create secret docker-registry quay-push --docker-server=REGISTRY"
                + " --docker-username=USER --docker-password=TOKEN");
  }

  @Test
  void start_secretMissing_exit3CreatesNothing() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    run("deploy", "-f", SPEC);
    mock.client().secrets().inNamespace("demo").withName("quay-push").delete();

    Result result = run("start", "-f", SPEC);

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("multiarch-tekton: secret: Secret quay-push (workspace dockerconfig) does not")
        .endsWith("; nothing was created\n");
    assertThat(mock.client().resources(PipelineRun.class).inNamespace("demo").list().getItems())
        .isEmpty();
  }

  @Test
  void deploy_sccUseDenied_exit3AppliesNothing() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    mock.deny("bind", "clusterroles", "");
    mock.deny("use", "securitycontextconstraints", "privileged");

    Result result = run("deploy", "-f", SPEC);

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: access: you may neither bind ClusterRole"
                + " system:openshift:scc:privileged nor use SCC privileged, so RoleBinding"
                + " hello-privileged-privileged-scc would be refused; fix: a cluster admin applies"
                + " rbac.yaml of generate -o once (oc apply -f), or grants"
                + " you 'use' on SCC privileged; nothing was created\n");
    assertThat(mock.applies()).isEmpty();
  }

  @Test
  void start_createsTheRunAndPrintsItsName() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    run("deploy", "-f", SPEC);

    Result result = run("start", "-f", SPEC, "-p", "TAG=rc1");

    assertThat(result.code()).isZero();
    PipelineRun created =
        mock.client()
            .resources(PipelineRun.class)
            .inNamespace("demo")
            .withName(result.out().strip())
            .get();
    assertThat(created.getSpec().getParams())
        .singleElement()
        .satisfies(p -> assertThat(p.getValue().getStringVal()).isEqualTo("rc1"));
    assertThat(result.err()).isEmpty();
  }

  @Test
  void start_unknownParam_exit2() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);

    Result result = run("start", "-f", SPEC, "-p", "PLATFORM=linux/amd64");

    assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(result.err())
        .startsWith(
            "multiarch-tekton: -p: 'PLATFORM' is not allowed; expected a param of "
                + "Pipeline hello: PLATFORMS, GIT_URL, ");
  }

  @Test
  void startFollow_failedArm64Step_showsStepExitCodeAndLogTail_exit1() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    run("deploy", "-f", SPEC);
    Runs.arm64Fails(mock).startsAs().play();

    Result result = run("start", "-f", SPEC, "--follow");

    assertThat(result.code()).isEqualTo(Cli.FAILED);
    assertThat(result.out()).isEqualTo(Runs.RUN + "\n");
    assertThat(result.err())
        .isEqualTo(
            """
        following PipelineRun hello-x7k2p in namespace demo (Ctrl-C stops following; the run goes on)
          start    binfmt
          done     binfmt                          7.0s
          start    build linux/amd64
          start    build linux/arm64
          done     build linux/amd64              84.0s
          FAILED   build linux/arm64             290.0s  step build-and-push exited 3
              | STEP 3/4: RUN make
              | cc: internal compiler error: Illegal instruction
              | make: *** [Makefile:4: hello] Error 4
              | Error: building at STEP "RUN make": while running runtime: exit status 2
              | ERROR: build-and-push: buildah build for linux/arm64 failed (exit 3)
          skipped  manifest                              Parent Tasks were skipped
        multiarch-tekton: PipelineRun hello-x7k2p failed: build (linux/arm64): step build-and-push exited 3; no \
        multi-arch image was published
        """);
  }

  @Test
  void startFollow_timeout_exit1() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    run("deploy", "-f", SPEC);
    Runs.timeout(mock).startsAs().play();

    Result result = run("start", "-f", SPEC, "--follow");

    assertThat(result.code()).isEqualTo(Cli.FAILED);
    assertThat(result.err())
        .contains(
            "  CANCELLED build linux/arm64            7190.0s  TaskRun \"hello-x7k2p-build-1\" "
                + "was cancelled. TaskRun cancelled as the PipelineRun it belongs to has timed out.\n")
        .endsWith(
            "multiarch-tekton: PipelineRun hello-x7k2p timed out: PipelineRun \"hello-x7k2p\" failed to finish "
                + "within \"2h0m0s\"; no multi-arch image was published\n");
  }

  @Test
  void startFollow_cancelled_exit1() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    run("deploy", "-f", SPEC);
    Runs.cancelled(mock).startsAs().play();

    Result result = run("start", "-f", SPEC, "--follow");

    assertThat(result.code()).isEqualTo(Cli.FAILED);
    assertThat(result.err())
        .endsWith(
            "multiarch-tekton: PipelineRun hello-x7k2p was cancelled: PipelineRun "
                + "\"hello-x7k2p\" was cancelled; no multi-arch image was published\n");
  }

  @Test
  void start_cancelOnInterruptWithoutFollow_exit2() {
    Result result = run("start", "-f", SPEC, "--cancel-on-interrupt");

    assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(result.err())
        .isEqualTo("multiarch-tekton: start: --cancel-on-interrupt needs --follow\n");
  }

  @Test
  void interrupt_withCancelOnInterrupt_cancelsTheRun_otherwiseLeavesIt() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    mock.client().resource(Runs.pipelineRun("Unknown", "Running", "", null)).create();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StartCommand command =
        new StartCommand(
            System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            (code, message, cause) -> code,
            Cluster::connect);
    try (Cluster cluster = Cluster.connect(mock.access())) {
      var run = cluster.run(MultiArchTekton.fromSpecFile(ROOT.resolve(SPEC)).generate(), Runs.RUN);

      command.interruptHandler(run, false).run();
      String before =
          mock.client()
              .resources(PipelineRun.class)
              .inNamespace("demo")
              .withName(Runs.RUN)
              .get()
              .getSpec()
              .getStatus();
      command.interruptHandler(run, true).run();

      assertThat(before).isNull();
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
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            """
        stopped following; PipelineRun hello-x7k2p goes on (see it with: multiarch-tekton status hello-x7k2p -f <spec>)
        cancelled PipelineRun hello-x7k2p
        """);
  }

  @Test
  void status_latestRun_printsTheTable() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    Runs.arm64Fails(mock)
        .pod(Runs.pod("build", "linux/amd64", 0), "worker-1")
        .pod(Runs.pod("build", "linux/arm64", 1), "worker-2")
        .playFinal();
    mock.client().resource(Runs.pipelineRun("Unknown", "Started", "", null)).create();

    Result result = run("status", "-f", SPEC);

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
        PipelineRun hello-x7k2p in namespace demo: failed after 301.0s (Tasks Completed: 3 (Failed: 1, Cancelled 0), \
        Skipped: 1)
        TASK       PLATFORM       STATE       DURATION  NODE
        binfmt     -              succeeded       7.0s  -
        build      linux/amd64    succeeded      84.0s  worker-1
        build      linux/arm64    failed        290.0s  worker-2
        manifest   -              skipped            -  -
        """);
  }

  @Test
  void status_unknownRun_exit2() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);

    Result result = run("status", "hello-nope", "-f", SPEC);

    assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(result.err())
        .isEqualTo("multiarch-tekton: no PipelineRun hello-nope in namespace demo\n");
  }

  @Test
  void logs_platform_prefixesEachLine() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    Runs.arm64Fails(mock).playFinal();
    new Runs(mock)
        .log(Runs.pod("build", "linux/arm64", 1), "step-check-platform", "linux/arm64 runs here")
        .log(Runs.pod("build", "linux/arm64", 1), "step-fetch-source", "cloned abc123");
    mock.client().resource(Runs.pipelineRun("Unknown", "Started", "", null)).create();

    Result result = run("logs", Runs.RUN, "-f", SPEC, "--platform", "linux/arm64");

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .startsWith(
            """
        [build linux/arm64 check-platform] linux/arm64 runs here
        [build linux/arm64 fetch-source] cloned abc123
        [build linux/arm64 build-and-push] STEP 3/4: RUN make
        """)
        .endsWith(
            "[build linux/arm64 build-and-push] ERROR: build-and-push: buildah build for linux/arm64 "
                + "failed (exit 3)\n");
  }

  @Test
  void logs_follow_streamsUntilTheRunEnds() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    Runs.arm64Fails(mock).playFinal();
    new Runs(mock)
        .log(Runs.pod("build", "linux/arm64", 1), "step-check-platform", "linux/arm64 runs here")
        .log(Runs.pod("build", "linux/arm64", 1), "step-fetch-source", "cloned abc123");
    mock.client().resource(Runs.pipelineRun("Unknown", "Started", "", null)).create();

    Result result = run("logs", Runs.RUN, "-f", SPEC, "--platform", "linux/arm64", "--follow");

    assertThat(result.code()).isZero();
    assertThat(result.out().lines())
        .contains(
            "[build linux/arm64 check-platform] linux/arm64 runs here",
            "[build linux/arm64 fetch-source] cloned abc123",
            "[build linux/arm64 build-and-push] make: *** [Makefile:4: hello] Error 4");
  }

  @Test
  void logs_platformNotBuilt_exit2() {
    Result result = run("logs", "-f", SPEC, "--platform", "linux/s390x");

    assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: --platform: 'linux/s390x' is not allowed; expected one of "
                + "the build's platforms: linux/amd64, linux/arm64\n");
  }

  @Test
  void graph_printsTheMermaidFlowchartReadmeShows() throws IOException {
    Result result = run("graph", "-f", SPEC);

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .isEqualTo(MultiArchTekton.fromSpecFile(ROOT.resolve(SPEC)).generate().toMermaid());
    assertThat(Files.readString(ROOT.resolve("README.md")))
        .contains("```mermaid\n" + result.out() + "```\n");
  }
}
