package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.cluster.Cluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the tests of the cluster commands run the real command line in this JVM: {@link Cli} with a
 * connector that polls without waiting, and what it printed on each stream.
 */
final class ClusterCli {

  /** One run of the command: its exit code and what it printed on stdout and on stderr. */
  record Result(int code, String out, String err) {}

  private ClusterCli() {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new Cli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                access -> Cluster.connect(access).withPollInterval(Duration.ZERO))
            .run(args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code args} followed by {@code --kubeconfig kubeconfig}. */
  static String[] withKubeconfig(String kubeconfig, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--kubeconfig");
    all.add(kubeconfig);
    return all.toArray(String[]::new);
  }
}
