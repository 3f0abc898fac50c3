package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.testing.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-tool group: run-local killed with SIGKILL (as the OOM killer or {@code kill -9} does: no
 * shutdown hook runs) still takes its throwaway registry and its running build steps down with it,
 * through their watchdogs, and its work folder, through its janitor.
 */
@Tag("real-tools")
class RunLocalKillTest {

  private static final String HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml").toString();

  @TempDir Path tmp;

  @Test
  void kill9OfRunLocal_stopsItsThrowawayRegistry_andRemovesItsWorkFolder() throws Exception {
    RealTools.require();
    Path context = BuildContexts.unameContext(tmp.resolve("context"));
    // The run's work folder, and so the registry's configuration, go here: that is how its
    // processes are found.
    Path runTmp = Files.createDirectories(tmp.resolve("run-tmp"));
    Process process =
        new ProcessBuilder(
                ChildJvm.command(
                    List.of("-Djava.io.tmpdir=" + runTmp),
                    Main.class.getName(),
                    "run-local",
                    "-f",
                    HELLO,
                    "--source",
                    context.toString()))
            .redirectErrorStream(true)
            .start();
    try (ChildJvm runLocal = ChildJvm.of(process)) {
      String line =
          runLocal.awaitLine("  registry: throwaway docker-registry at ", Duration.ofMinutes(2));
      String host = line.replaceFirst(".* at ", "").replaceFirst(" .*", "");
      assertThat(answers(host)).as("the registry runs").isTrue();
      assertThat(registryProcesses(runTmp)).as("the registry and its watchdog").isNotEmpty();
      assertThat(workFolders(runTmp)).as("the run's work folder").hasSize(1);

      runLocal.kill9();

      Instant deadline = Instant.now().plusSeconds(15);
      while ((answers(host) || !registryProcesses(runTmp).isEmpty())
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      assertThat(registryProcesses(runTmp)).as("registry processes left after kill -9").isEmpty();
      assertThat(answers(host)).as("a registry still answers at " + host).isFalse();
      assertThat(workFoldersLeft(runTmp)).as("work folders left 20 s after kill -9").isEmpty();
    } finally {
      // Steps the run may have started die with their own work; nothing of this run may outlive the
      // test.
      ProcessHandle.allProcesses()
          .filter(p -> commandLine(p).contains(runTmp.toString()))
          .forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void
      kill9OfRunLocal_duringABuild_stopsTheBuildStepsAndEverythingTheyStarted_andRemovesItsWorkFolder()
          throws Exception {
    RealTools.require();
    // A RUN that takes a minute under emulation: the kill comes while buildah runs it.
    Path context =
        BuildContexts.unameContext(
            tmp.resolve("context"), "RUN [\"/bin/busybox\", \"sleep\", \"60\"]");
    Path runTmp = Files.createDirectories(tmp.resolve("run-tmp"));
    Process process =
        new ProcessBuilder(
                ChildJvm.command(
                    List.of("-Djava.io.tmpdir=" + runTmp),
                    Main.class.getName(),
                    "run-local",
                    "-f",
                    HELLO,
                    "--source",
                    context.toString()))
            .redirectErrorStream(true)
            .start();
    List<ProcessHandle> steps = List.of();
    try (ChildJvm runLocal = ChildJvm.of(process)) {
      runLocal.awaitLine("  start    build", Duration.ofMinutes(2));
      Instant deadline = Instant.now().plusSeconds(120);
      while (process.descendants().noneMatch(p -> commandLine(p).contains("sleep 60"))
          && process.isAlive()) {
        assertThat(Instant.now())
            .as("a build's RUN sleep 60 started within 120 s")
            .isBefore(deadline);
        Thread.sleep(200);
      }
      steps =
          process.descendants().filter(p -> !commandLine(p).contains("docker-registry")).toList();
      assertThat(steps)
          .as("the build steps' processes")
          .anyMatch(p -> commandLine(p).contains("buildah"));

      runLocal.kill9();

      Instant end = Instant.now().plusSeconds(20);
      while (steps.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(end)) {
        Thread.sleep(100);
      }
      assertThat(steps.stream().filter(ProcessHandle::isAlive).map(RunLocalKillTest::commandLine))
          .as("processes of the build steps left 20 s after kill -9")
          .isEmpty();
      // Buildah's storage of the build that was killed is in it.
      assertThat(workFoldersLeft(runTmp)).as("work folders left 20 s after kill -9").isEmpty();
    } finally {
      steps.forEach(ProcessHandle::destroyForcibly);
      ProcessHandle.allProcesses()
          .filter(p -> commandLine(p).contains(runTmp.toString()))
          .forEach(ProcessHandle::destroyForcibly);
    }
  }

  /**
   * The run's work folders still there after up to 20 s: its janitor gives the watchdogs their five
   * seconds first.
   */
  private static List<String> workFoldersLeft(Path runTmp)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    while (!workFolders(runTmp).isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
    return workFolders(runTmp);
  }

  private static List<String> workFolders(Path runTmp) throws IOException {
    try (Stream<Path> entries = Files.list(runTmp)) {
      return entries
          .map(entry -> entry.getFileName().toString())
          .filter(name -> name.startsWith("multiarch-tekton-work-"))
          .toList();
    }
  }

  private static List<ProcessHandle> registryProcesses(Path runTmp) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                commandLine(p).contains("docker-registry")
                    && commandLine(p).contains(runTmp.toString()))
        .toList();
  }

  private static String commandLine(ProcessHandle process) {
    return process.info().commandLine().orElse("");
  }

  private static boolean answers(String host) {
    try {
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(1))
          .build()
          .send(
              HttpRequest.newBuilder(URI.create("http://" + host + "/v2/"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
