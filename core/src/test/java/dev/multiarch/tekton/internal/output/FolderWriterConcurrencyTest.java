package dev.multiarch.tekton.internal.output;

import static dev.multiarch.tekton.internal.output.FolderWriterTest.assertHolds;
import static dev.multiarch.tekton.internal.output.FolderWriterTest.contents;
import static dev.multiarch.tekton.internal.output.FolderWriterTest.variant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers racing into one folder, as two terminals or two CI jobs do: they take turns, none is
 * refused for the other's files, and the folder ends as exactly one complete output.
 */
class FolderWriterConcurrencyTest {

  @TempDir Path tmp;

  @Test
  void threadsOfOneJvm_takeTurnsAndLeaveOneCompleteOutput() throws Exception {
    Path dir = tmp.resolve("deploy");
    int writers = 6;
    CyclicBarrier start = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> results = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String name = "v" + i;
      results.add(
          pool.submit(
              () -> {
                start.await();
                for (int round = 0; round < 5; round++) {
                  FolderWriter.write(dir, variant(name), false);
                }
                return null;
              }));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

    for (Future<?> result : results) {
      result.get(); // rethrows a refusal or a failure of any writer
    }
    assertOneCompleteOutput(dir, List.of("v0", "v1", "v2", "v3", "v4", "v5"));
  }

  @Test
  void processes_takeTurnsAndLeaveOneCompleteOutput() throws Exception {
    Path dir = tmp.resolve("deploy");
    List<ChildJvm> children = new ArrayList<>();
    children.add(ChildJvm.start(FolderWriterChild.class, dir.toString(), "loop", "40", "v1", "v2"));
    children.add(ChildJvm.start(FolderWriterChild.class, dir.toString(), "loop", "40", "v3", "v4"));
    for (ChildJvm child : children) {
      assertThat(child.awaitLine("STARTED", Duration.ofSeconds(60))).isEqualTo("STARTED");
    }
    for (int round = 0; round < 40; round++) {
      FolderWriter.write(dir, variant("v5"), false);
    }

    for (ChildJvm child : children) {
      assertThat(child.awaitLine("DONE", Duration.ofMinutes(2))).isEqualTo("DONE");
      assertThat(child.exitCode(Duration.ofSeconds(30))).as("a racing writer's exit code").isZero();
    }
    assertOneCompleteOutput(dir, List.of("v1", "v2", "v3", "v4", "v5"));
  }

  private static void assertOneCompleteOutput(Path dir, List<String> variants) throws Exception {
    Map<String, String> now = contents(dir);
    String winner =
        variants.stream()
            .filter(v -> now.containsKey("only-" + v + ".yaml"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no complete output in " + now.keySet()));
    assertHolds(dir, variant(winner));
  }
}
