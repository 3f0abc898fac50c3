package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-tool group: run-local through the command line, how it fails, and its throwaway registry.
 */
@Tag("real-tools")
class RunLocalCommandEndToEndTest {

  private static final String HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml").toString();

  /** A RUN that only an x86_64 machine passes: the arm64 build fails in its emulated RUN. */
  private static final String X86_ONLY =
      "RUN [\"/bin/busybox\", \"sh\", \"-c\", "
          + "\"test \\\"$(/bin/busybox uname -m)\\\" = x86_64 || { echo only x86_64 builds; exit 3; }\"]";

  @TempDir Path tmp;

  /**
   * A log folder that a run without --log-dir made where a user's would go: the user keeps it, a
   * test does not.
   */
  private Path defaultLogDir;

  @BeforeEach
  void requireRealTools() {
    RealTools.require();
  }

  @AfterEach
  void deleteDefaultLogDir() throws IOException {
    if (defaultLogDir != null) {
      try (Stream<Path> paths = Files.walk(defaultLogDir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  @Test
  void runLocal_platformBuildFails_exitsOneNamingTaskPlatformAndStep_andPublishesNothing()
      throws Exception {
    Path context = BuildContexts.unameContext(tmp.resolve("context"), X86_ONLY);
    try (TestRegistry registry = TestRegistry.start(tmp.resolve("registry"))) {
      CliTest.Result run =
          CliTest.run(
              "run-local",
              "-f",
              HELLO,
              "--source",
              context.toString(),
              "--registry",
              registry.host(),
              "--log-dir",
              tmp.resolve("logs").toString());

      assertThat(run.code()).as(run.err()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      String last = run.err().strip().lines().reduce((a, b) -> b).orElseThrow();
      // The build is retried once (the default), fails again, and its last attempt is reported.
      assertThat(last)
          .startsWith(
              "multiarch-tekton: run-local failed: build (linux/arm64): step build-and-push "
                  + "exited 3: Error: building at STEP \"RUN /bin/busybox sh -c test")
          .contains(
              "(log: " + tmp.resolve("logs/build-linux-arm64/retry-1/03-build-and-push.log") + ")")
          .endsWith("; no multi-arch image was published");
      assertThat(run.err())
          .contains("  skipped  manifest")
          .contains("retry 1 of 1: build linux/arm64 step " + "build-and-push exited 3");
      assertThat(
              Files.readString(tmp.resolve("logs/build-linux-arm64/retry-1/03-build-and-push.log")))
          .contains("only x86_64 builds");
      assertThat(Files.readString(tmp.resolve("logs/build-linux-arm64/03-build-and-push.log")))
          .contains("only x86_64 builds");
      assertThat(registry.tags("example/hello")).as("destination tags").isEmpty();
      assertThat(registry.tags("demo/hello")).containsExactly("latest-linux-amd64");
    }
  }

  @Test
  void runLocal_registryThatDoesNotAnswer_exitsThreeBeforeRunningAnything() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path logs = tmp.resolve("logs");
    Path source = Files.createDirectories(tmp.resolve("src"));

    CliTest.Result run =
        CliTest.run(
            "run-local",
            "-f",
            HELLO,
            "--source",
            source.toString(),
            "--registry",
            "127.0.0.1:" + port,
            "--log-dir",
            logs.toString());

    assertThat(run.code()).isEqualTo(3);
    assertThat(run.err())
        .endsWith(
            "multiarch-tekton: --registry 127.0.0.1:"
                + port
                + ": no registry answers at http://127.0.0.1:"
                + port
                + "/v2/\n");
    try (var entries = Files.list(logs)) {
      assertThat(entries).as("nothing ran, so no log").isEmpty();
    }
  }

  /**
   * The README's run-local command, as written there: without --log-dir, its logs go to the
   * temporary folder.
   */
  @Test
  void runLocal_helloExampleAsInTheReadme_publishesThroughAThrowawayRegistryStoppedAtTheEnd() {
    CliTest.Result run =
        CliTest.run(
            "run-local",
            "-f",
            HELLO,
            "--source",
            GoldenFiles.projectRoot().resolve("examples/hello/src").toString());
    defaultLogDir =
        run.err()
            .lines()
            .filter(line -> line.startsWith("  logs: "))
            .findFirst()
            .map(line -> Path.of(line.substring("  logs: ".length())))
            .orElse(null);

    assertThat(run.code()).as(run.err()).isZero();
    String reference = run.out().strip();
    assertThat(reference).matches("127\\.0\\.0\\.1:\\d+/example/hello:1\\.0@sha256:[0-9a-f]{64}");
    String host = reference.substring(0, reference.indexOf('/'));
    assertThat(run.err())
        .contains("registry: throwaway docker-registry at " + host)
        .contains("published an image index of linux/amd64, linux/arm64:");
    assertThat(
            Commands.tryRun(
                    null,
                    "skopeo",
                    "inspect",
                    "--raw",
                    "--tls-verify=false",
                    "docker://" + reference)
                .code())
        .as("registry still answering after the run")
        .isNotZero();
    assertThat(defaultLogDir).as("the log folder the run names").isNotNull();
    assertThat(defaultLogDir.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    assertThat(defaultLogDir.getFileName().toString()).startsWith("multiarch-tekton-run-hello-");
  }

  /**
   * Without --source, each build's fetch-source step clones the spec's git URL, as on a cluster.
   */
  @Test
  void runLocal_fileGitUrl_isClonedByEachBuild() throws Exception {
    Path repository = BuildContexts.unameContext(tmp.resolve("repository"));
    String commit = BuildContexts.committed(repository, "release");
    Path logs = tmp.resolve("logs");

    CliTest.Result run =
        CliTest.run(
            "run-local",
            "-f",
            HELLO,
            "--git-url",
            "file://" + repository,
            "--git-revision",
            "release",
            "--log-dir",
            logs.toString());

    assertThat(run.code()).as(run.err()).isZero();
    for (String platform : new String[] {"linux-amd64", "linux-arm64"}) {
      assertThat(Files.readString(logs.resolve("build-" + platform + "/01-fetch-source.log")))
          .contains("checked out release at commit " + commit);
    }
  }

  /**
   * A generated folder as a user edited it: run-local --from runs the edited objects, not a fresh
   * generation.
   */
  @Test
  void runLocal_fromAnEditedGeneratedFolder_runsTheEditedPipeline() throws Exception {
    Path folder = tmp.resolve("deploy");
    Files.createDirectories(folder);
    try (var files = Files.list(GoldenFiles.projectRoot().resolve("examples/hello/generated"))) {
      for (Path file : files.toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
    Path pipeline = folder.resolve("pipeline-hello.yaml");
    Files.writeString(
        pipeline,
        Files.readString(pipeline)
            .replaceFirst(
                "\n  tasks:\n",
                "\n  tasks:\n    - name: hello\n"
                    + "      taskSpec:\n        steps:\n          - name: say\n            image: docker.io/library/busybox:1.36\n"
                    + "            script: echo edited by hand\n"));
    Path logs = tmp.resolve("logs");
    try (TestRegistry registry = TestRegistry.start(tmp.resolve("registry"))) {
      CliTest.Result run =
          CliTest.run(
              "run-local",
              "--from",
              folder.toString(),
              "--source",
              GoldenFiles.projectRoot().resolve("examples/hello/src").toString(),
              "--registry",
              registry.host(),
              "--log-dir",
              logs.toString());

      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.err()).startsWith("run-local hello: 2 platforms (linux/amd64, linux/arm64)");
      assertThat(Files.readString(logs.resolve("hello/01-say.log"))).contains("edited by hand");
      assertThat(run.out().strip()).startsWith(registry.host() + "/example/hello:1.0@sha256:");
    }
  }
}
