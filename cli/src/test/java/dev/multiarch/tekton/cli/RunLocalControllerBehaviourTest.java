package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.BuildTimeouts;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.Source;
import dev.multiarch.tekton.local.LocalRun;
import dev.multiarch.tekton.local.LocalRunResult;
import dev.multiarch.tekton.local.RunListener;
import dev.multiarch.tekton.local.TaskRunOutcome;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Tekton controller does to the generated Pipeline, done by run-local with real buildah and
 * QEMU: one commit for every platform however the branch moves, TaskRun timeouts, and retries of a
 * flaky step.
 */
@Tag("real-tools")
class RunLocalControllerBehaviourTest {

  private static final Path HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml");

  @TempDir Path tmp;

  @BeforeEach
  void tools() {
    RealTools.require();
  }

  @Test
  void branchMovingAfterTheFirstPlatformFetched_everyImageIsBuiltFromTheFirstCommit()
      throws Exception {
    // Given a git repository, and a run that builds one platform at a time
    Path repo = BuildContexts.unameContext(tmp.resolve("repo"));
    git(repo, "init", "--quiet", "--initial-branch=main");
    git(repo, "add", ".");
    git(repo, "commit", "--quiet", "-m", "first");
    String first = git(repo, "rev-parse", "HEAD");
    BuildSpec spec =
        MultiArchTekton.fromSpecFile(HELLO).spec().toBuilder()
            .source(new Source("file://" + repo, "main", null, null, Map.of()))
            .build();
    List<String> events = Collections.synchronizedList(new ArrayList<>());

    try (TestRegistry registry = TestRegistry.start(tmp.resolve("registry"))) {
      // When a commit is pushed to the branch once the first platform's build is over, as the
      // second one starts
      LocalRunResult result =
          LocalRun.of(MultiArchTekton.from(spec).generate())
              .withRegistry(registry.host())
              .withParallelism(1)
              .withLogDir(tmp.resolve("logs"))
              .run(
                  new RunListener() {
                    @Override
                    public void started(String displayName) {
                      events.add("start " + displayName);
                      if (displayName.equals("build linux/arm64")) {
                        push(repo);
                      }
                    }

                    @Override
                    public void finished(TaskRunOutcome outcome) {
                      events.add("end " + outcome.displayName());
                    }
                  });

      // Then the second platform still built the first commit, and says so in its labels
      assertThat(result.firstFailure()).as("first failure").isEmpty();
      // (one TaskRun at a time: the push came after the amd64 build, before the arm64 build ran a
      // step)
      assertThat(events).contains("start build linux/arm64");
      assertThat(git(repo, "rev-parse", "main")).isNotEqualTo(first);
      assertThat(result.pipelineResults())
          .containsEntry("CHAINS-GIT_COMMIT", first)
          .containsEntry("CHAINS-GIT_URL", "file://" + repo);
      JsonNode index = registry.manifest("example/hello:1.0");
      assertThat(index.path("manifests")).hasSize(2);
      for (JsonNode child : index.path("manifests")) {
        JsonNode labels =
            registry
                .config("example/hello@" + child.path("digest").asText())
                .path("config")
                .path("Labels");
        assertThat(labels.path("org.opencontainers.image.revision").asText())
            .as(child.toString())
            .isEqualTo(first);
        assertThat(labels.path("org.opencontainers.image.source").asText())
            .isEqualTo("file://" + repo);
      }
      List<String> children = new ArrayList<>();
      index
          .path("manifests")
          .forEach(
              m -> children.add(registry.host() + "/example/hello@" + m.path("digest").asText()));
      assertThat(result.pipelineResults().get("IMAGES")).isEqualTo(String.join(",", children));
    }
  }

  @Test
  void buildOutlastingItsTimeout_failsWithinSecondsAsTimedOut_andPublishesNothing()
      throws Exception {
    // Given a build whose RUN takes a minute, a build timeout of 5 s and no retries
    Path context =
        BuildContexts.unameContext(
            tmp.resolve("context"), "RUN [\"/bin/busybox\", \"sleep\", \"60\"]");
    BuildSpec spec =
        MultiArchTekton.fromSpecFile(HELLO).spec().toBuilder()
            .retries(0)
            .timeouts(new BuildTimeouts(Duration.ofSeconds(5), null, null))
            .build();

    try (TestRegistry registry = TestRegistry.start(tmp.resolve("registry"))) {
      // When
      Instant start = Instant.now();
      LocalRunResult result =
          LocalRun.of(MultiArchTekton.from(spec).generate())
              .withRegistry(registry.host())
              .withSource(context)
              .withLogDir(tmp.resolve("logs"))
              .run(new RunListener() {});

      // Then
      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(45));
      TaskRunOutcome failed = result.firstFailure().orElseThrow();
      assertThat(failed.pipelineTask()).isEqualTo("build");
      assertThat(failed.message())
          .startsWith("timed out after 5s (its timeout); step build-and-push was stopped");
      assertThat(result.destination()).isEmpty();
      assertThat(registry.tags("example/hello")).isEmpty();
    }
  }

  @Test
  void stepThatFailsOnceThenSucceeds_passesWithItsRetry() throws Exception {
    // Given a RUN that asks a server which fails each platform's first request, as a registry
    // hiccup would
    Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          int count =
              requests
                  .computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger())
                  .incrementAndGet();
          exchange.sendResponseHeaders(count == 1 ? 500 : 200, -1);
          exchange.close();
        });
    server.start();
    try (TestRegistry registry = TestRegistry.start(tmp.resolve("registry"))) {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      Path context =
          BuildContexts.unameContext(
              tmp.resolve("context"),
              "RUN [\"/bin/busybox\", \"sh\", \"-c\", "
                  + "\"/bin/busybox wget -q -O /dev/null "
                  + url
                  + "$(/bin/busybox uname -m)\"]");
      BuildSpec spec = MultiArchTekton.fromSpecFile(HELLO).spec().toBuilder().retries(1).build();

      // When
      LocalRunResult result =
          LocalRun.of(MultiArchTekton.from(spec).generate())
              .withRegistry(registry.host())
              .withSource(context)
              .withLogDir(tmp.resolve("logs"))
              .run(new RunListener() {});

      // Then each platform failed once, was retried, and the image was published
      assertThat(result.firstFailure()).as("first failure").isEmpty();
      assertThat(result.taskRuns())
          .filteredOn(run -> run.pipelineTask().equals("build"))
          .extracting(TaskRunOutcome::retries)
          .containsExactly(1, 1);
      assertThat(requests.keySet()).containsExactlyInAnyOrder("/x86_64", "/aarch64");
      assertThat(result.destination()).isPresent();
    } finally {
      server.stop(0);
    }
  }

  private static void push(Path repo) {
    try {
      Files.writeString(repo.resolve("NEWS"), "moved on\n");
      git(repo, "add", "NEWS");
      git(repo, "commit", "--quiet", "-m", "second");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String git(Path repo, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of("git", "-c", "user.name=t", "-c", "user.email=t@e", "-C", repo.toString()));
    command.addAll(List.of(args));
    return Commands.run(command.toArray(String[]::new)).strip();
  }
}
