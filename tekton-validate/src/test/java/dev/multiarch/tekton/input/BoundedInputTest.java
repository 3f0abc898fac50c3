package dev.multiarch.tekton.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reader against files that block or belong to the kernel. */
class BoundedInputTest {

  private static final String KERNEL =
      " (files under /proc, /sys and /dev are not read through a link)";

  @TempDir Path tmp;

  static Stream<Arguments> kernelTargets() {
    return Stream.of(
        Arguments.of("/proc/version", "/proc/version"),
        Arguments.of("/proc/self/status", "/proc/" + ProcessHandle.current().pid() + "/status"),
        Arguments.of("/dev/null", "/dev/null"));
  }

  @ParameterizedTest
  @MethodSource("kernelTargets")
  void read_aLinkIntoKernelFiles_isRefusedNamingWhereItLeads(String target, String real)
      throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("task.yaml"), Path.of(target));

    assertThatThrownBy(() -> BoundedInput.read(link, InputLimits.TEKTON_FILE))
        .isInstanceOf(InputException.class)
        .hasMessage(link + ": cannot read: a link to " + real + KERNEL);
  }

  @Test
  void read_aLinkToALinkIntoProc_isRefusedToo() throws IOException {
    Path first = Files.createSymbolicLink(tmp.resolve("first"), Path.of("/proc/version"));
    Path link = Files.createSymbolicLink(tmp.resolve("task.yaml"), first);

    assertThatThrownBy(() -> BoundedInput.read(link, InputLimits.TEKTON_FILE))
        .hasMessage(link + ": cannot read: a link to /proc/version" + KERNEL);
  }

  @Test
  void read_aKernelFileByItsOwnName_orALinkToAFile_isRead() throws IOException {
    Path file = Files.writeString(tmp.resolve("real.yaml"), "kind: Task\n");
    Path link = Files.createSymbolicLink(tmp.resolve("task.yaml"), file);

    assertThat(BoundedInput.read(Path.of("/proc/version"), InputLimits.TEKTON_FILE))
        .startsWith("Linux version");
    assertThat(BoundedInput.read(link, InputLimits.TEKTON_FILE)).isEqualTo("kind: Task\n");
  }

  @Test
  void readWithin_aFileWhoseReadBlocks_isRefusedInTime() throws Exception {
    // Opening a FIFO without a writer blocks, as reading /proc/kmsg does.
    Path fifo = tmp.resolve("blocks");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () ->
            assertThatThrownBy(() -> BoundedInput.readWithin(fifo, 10, Duration.ofSeconds(1)))
                .isInstanceOf(InputException.class)
                .hasMessage(
                    fifo
                        + ": cannot read: the read did not end within 1 s; a file that blocks (a "
                        + "device or kernel file) is not read"));
    // The blocked reader is let go: a writer unblocks it, so nothing is left behind.
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          try (var unblock = Files.newOutputStream(fifo)) {
            unblock.write('x');
          }
        });
  }
}
