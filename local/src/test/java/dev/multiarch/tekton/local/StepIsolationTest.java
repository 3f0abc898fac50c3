package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a step starts in the background ends with the step, as a container's processes end with it:
 * a plain {@code &}, {@code nohup}, and {@code setsid}, which leaves the step's process group,
 * under both isolations (a PID namespace per step, and the environment marks where unshare cannot
 * give one).
 */
class StepIsolationTest {

  private static final Map<String, String> ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"pid-namespace", "marked"})
  void run_backgroundProcessesOfTheStep_endWithIt(String kind) throws IOException {
    StepIsolation isolation;
    if (kind.equals("pid-namespace")) {
      Assumptions.assumeTrue(
          StepIsolation.host().toString().startsWith("a PID namespace"),
          "unshare gives no PID namespace on this host");
      isolation = StepIsolation.pidNamespace(Path.of("/usr/bin/unshare"));
    } else {
      isolation = StepIsolation.marked();
    }
    ProcessSupervisor supervisor = new ProcessSupervisor(Instant.now().plusSeconds(60), isolation);
    // A test-only marker in the command lines: sleep takes a fraction, and no other process has it.
    String marker = "999." + UUID.randomUUID().toString().replaceAll("[^0-9]", "");
    String script =
        "sleep "
            + marker
            + " & nohup sleep "
            + marker
            + " >/dev/null 2>&1 & setsid sleep "
            + marker
            + " & setsid sh -c 'sleep "
            + marker
            + " & exit 0' & sleep 0.3; echo started";

    int exit = supervisor.run(List.of("sh", "-c", script), ENV, tmp, tmp.resolve("step.log"));

    assertThat(exit).isZero();
    assertThat(Files.readString(tmp.resolve("step.log"))).isEqualTo("started\n");
    assertThat(withMarker(marker)).as("processes the step left running").isEmpty();
  }

  private static List<String> withMarker(String marker) {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(
              p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
          .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
          .toList();
    }
  }
}
