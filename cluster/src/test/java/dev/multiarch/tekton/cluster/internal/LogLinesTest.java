package dev.multiarch.tekton.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogLinesTest {

  /** A log that never ends: the same byte for ever. */
  private static InputStream endless(byte b) {
    return new InputStream() {
      @Override
      public int read() {
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        java.util.Arrays.fill(buffer, offset, offset + length, b);
        return length;
      }
    };
  }

  static Stream<Arguments> logs() {
    String cut = "x".repeat(LogLines.MAX_LINE);
    return Stream.of(
        Arguments.of("lines", "a\nb\n", List.of("a", "b")),
        Arguments.of("no newline at the end", "a\nb", List.of("a", "b")),
        Arguments.of("CRLF", "a\r\nb\r\n", List.of("a", "b")),
        Arguments.of(
            "blank lines inside kept, at the end dropped", "a\n\nb\n\n\n", List.of("a", "", "b")),
        Arguments.of(
            "a line over the bound",
            "x".repeat(LogLines.MAX_LINE + 10) + "\nnext\n",
            List.of(cut + " (line cut: 10 more bytes)", "next")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("logs")
  void readOnce_splitsAndBoundsLines(String what, String log, List<String> lines)
      throws IOException {
    List<String> read = new ArrayList<>();

    LogLines.readOnce(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), read::add);

    assertThat(read).containsExactlyElementsOf(lines);
  }

  @Test
  void readOnce_endlessLineWithoutNewline_oneCutLineAndTheMark() throws IOException {
    List<String> read = new ArrayList<>();

    LogLines.readOnce(endless((byte) 'y'), read::add);

    assertThat(read)
        .containsExactly(
            "y".repeat(LogLines.MAX_LINE)
                + " (line cut: "
                + (LogLines.MAX_READ - LogLines.MAX_LINE)
                + " more bytes)",
            "(log cut after 8 MiB; the rest is on the cluster)");
  }

  @Test
  void readOnce_endlessLines_stopsAfterTheByteBound() throws IOException {
    List<String> read = new ArrayList<>();

    LogLines.readOnce(endless((byte) '\n'), read::add);

    assertThat(read).containsExactly("(log cut after 8 MiB; the rest is on the cluster)");
  }

  @Test
  void follow_keepsBlankLinesAndBoundsEachLine() throws IOException {
    List<String> read = new ArrayList<>();
    String log = "a\n\n" + "z".repeat(LogLines.MAX_LINE + 1) + "\n";

    LogLines.follow(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), read::add);

    assertThat(read)
        .containsExactly("a", "", "z".repeat(LogLines.MAX_LINE) + " (line cut: 1 more bytes)");
  }
}
