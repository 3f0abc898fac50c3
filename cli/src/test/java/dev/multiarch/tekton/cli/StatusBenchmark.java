package dev.multiarch.tekton.cli;

import static dev.multiarch.tekton.cluster.testing.Runs.done;
import static dev.multiarch.tekton.cluster.testing.Runs.ended;
import static dev.multiarch.tekton.cluster.testing.Runs.step;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multiarch.tekton.cluster.testing.MockCluster;
import dev.multiarch.tekton.cluster.testing.MockCluster.Flavour;
import dev.multiarch.tekton.cluster.testing.Runs;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import io.fabric8.tekton.v1.TaskRunListBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How many TaskRuns per second {@code status} reads and shows: a run of N successful amd64 builds
 * (and a skipped manifest) served by the mock cluster, {@code status} run once through the real
 * command, timed. Run by {@code bench/status-taskruns.sh}; the test of the same run is {@link
 * MalformedClusterObjectsTest}.
 */
final class StatusBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusBenchmark() {}

  /** Serves a finished run of {@code count} TaskRuns of build linux/amd64, for good. */
  static void serve(MockCluster mock, int count) {
    ObjectNode one =
        JSON.valueToTree(done("build", "linux/amd64", 0, 10, 94, step("build-and-push", 0)));
    ObjectNode list = JSON.valueToTree(new TaskRunListBuilder().build());
    ArrayNode items = list.putArray("items");
    for (int i = 0; i < count; i++) {
      ObjectNode item = one.deepCopy();
      ((ObjectNode) item.get("metadata")).put("name", Runs.RUN + "-build-" + i);
      ((ObjectNode) item.get("status")).put("podName", Runs.RUN + "-build-" + i + "-pod");
      items.add(item);
    }
    String run =
        JSON.valueToTree(ended("Failed", "Tasks Completed", 301, "manifest", "skipped")).toString();
    new Runs(mock).thenJson(run, list.toString()).playFinal();
  }

  /** {@code status} of the served run, through the command; its exit code and standard output. */
  static String[] status(MockCluster mock) {
    ClusterCli.Result result =
        ClusterCli.run(
            "status",
            Runs.RUN,
            "-f",
            GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml").toString(),
            "--kubeconfig",
            mock.kubeconfig().toString());
    return new String[] {String.valueOf(result.code()), result.out(), result.err()};
  }

  /** Arguments: the number of TaskRuns (default 20000). */
  public static void main(String[] args) throws IOException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    Path dir = Files.createTempDirectory("status-bench");
    try (MockCluster mock = MockCluster.start(Flavour.OPENSHIFT, dir)) {
      serve(mock, count);
      long start = System.nanoTime();
      String[] result = status(mock);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "status of %d TaskRuns: exit %s, %d lines, %.2f s, %.0f TaskRuns per second%n",
          count,
          result[0],
          result[1].lines().count(),
          seconds,
          count / seconds);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
