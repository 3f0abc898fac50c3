package dev.multiarch.tekton.cli;

import static dev.multiarch.tekton.cli.ClusterCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.cli.ClusterCli.Result;
import dev.multiarch.tekton.cluster.testing.MockCluster;
import dev.multiarch.tekton.cluster.testing.MockCluster.Flavour;
import dev.multiarch.tekton.cluster.testing.Runs;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code logs} reads a bounded part of a step's log, and a bounded part of each line: a log of
 * endless lines, or one endless line, is cut and the cut marked.
 */
class LongLogsTest {

  private static final String SPEC =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml").toString();

  @TempDir Path tmp;

  private final List<MockCluster> mocks = new ArrayList<>();

  @AfterEach
  void stop() {
    mocks.forEach(MockCluster::close);
  }

  static Stream<Arguments> longLogs() {
    return Stream.of(
        Arguments.of("9 MiB of lines", "line\n".repeat((9 << 20) / 5)),
        Arguments.of("one line of 1 MiB without a newline", "x".repeat(1 << 20)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("longLogs")
  void logs_longLog_readBoundedAndCutMarked(String what, String log) {
    MockCluster mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    mocks.add(mock);
    Runs.arm64Fails(mock).playFinal();
    new Runs(mock).log(Runs.pod("build", "linux/arm64", 1), "step-check-platform", log);

    Result result =
        run(
            "logs",
            Runs.RUN,
            "-f",
            SPEC,
            "--platform",
            "linux/arm64",
            "--kubeconfig",
            mock.kubeconfig().toString());

    assertThat(result.code()).as(result.err()).isZero();
    List<String> lines =
        result
            .out()
            .lines()
            .filter(line -> line.startsWith("[build linux/arm64 check-platform]"))
            .toList();
    assertThat(lines.get(lines.size() - 1))
        .endsWith(
            log.contains("\n")
                ? "] (log cut after 8 MiB; the rest is on the cluster)"
                : " more characters)");
    assertThat(lines.size()).isLessThanOrEqualTo((8 << 20) / 5 + 2);
  }
}
