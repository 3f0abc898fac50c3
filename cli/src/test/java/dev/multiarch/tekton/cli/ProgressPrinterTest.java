package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.local.TaskRunOutcome;
import dev.multiarch.tekton.local.TaskRunOutcome.Status;
import dev.multiarch.tekton.text.Printable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * run-local's progress lines with a build's or a folder's hostile text in every field: a note, a
 * retry line, a TaskRun's name, a FAILED line whose message ends with the build's last error line,
 * a skip reason. Everything arrives escaped.
 */
class ProgressPrinterTest {

  @TempDir Path tmp;

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> hostile() {
    return HostileClusterAnswersTest.hostile();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void runLocalProgress_escapesEveryFieldOfOutsideOrigin(String what, String h) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressPrinter printer =
        new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), "run-local");

    printer.note("workspace source" + h + ": a copy of /src");
    printer.started("build" + h + " linux/arm64");
    printer.note("retry 1 of 2: build linux/arm64 step build exited 1: ERROR" + h);
    printer.finished(
        new TaskRunOutcome(
            "build" + h,
            "linux/arm64",
            Status.FAILED,
            Duration.ofSeconds(3),
            Optional.of("build"),
            "step build exited 1: ERROR" + h,
            tmp,
            Map.of(),
            1));
    printer.finished(
        new TaskRunOutcome(
            "manifest",
            "",
            Status.SKIPPED,
            Duration.ZERO,
            Optional.empty(),
            "parent failed" + h,
            tmp,
            Map.of(),
            0));

    String printed = bytes.toString(StandardCharsets.UTF_8);
    String shown = Printable.line(h);
    assertThat(printed.codePoints().filter(c -> c != '\n' && Printable.unprintable(c)))
        .as("raw control or format characters printed")
        .isEmpty();
    assertThat(printed.lines())
        .containsExactly(
            "run-local",
            "  workspace source" + shown + ": a copy of /src",
            "  start    build" + shown + " linux/arm64",
            "  retry 1 of 2: build linux/arm64 step build exited 1: ERROR" + shown,
            String.format(
                java.util.Locale.ROOT,
                "  %-8s %-28s %7s  %s",
                "FAILED",
                "build" + shown + " linux/arm64",
                "3.0s",
                "step build exited 1: ERROR" + shown),
            String.format(
                java.util.Locale.ROOT,
                "  %-8s %-28s %7s  %s",
                "skipped",
                "manifest",
                "",
                "parent failed" + shown));
  }
}
