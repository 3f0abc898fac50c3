package dev.multiarch.tekton.cluster.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a step's log stream into lines, each at most {@link #MAX_LINE} bytes (the rest of a longer
 * line is dropped and the cut marked), and a log read once into at most {@link #MAX_READ} bytes: a
 * build that writes one endless line, or a server that sends a log for ever, costs neither memory
 * nor time without end.
 */
final class LogLines {

  /** The most of one line that is kept. */
  static final int MAX_LINE = 16_384;

  /** The most of one step's log that {@code logs} without {@code --follow} reads. */
  static final long MAX_READ = 8L << 20;

  private final Consumer<String> sink;
  private final boolean once;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private long dropped;
  private int blanks;

  /**
   * @param once a log read once, whole: at most {@link #MAX_READ} bytes, and no blank lines at its
   *     end
   */
  private LogLines(Consumer<String> sink, boolean once) {
    this.sink = sink;
    this.once = once;
  }

  /** Every line of the log in {@code in}, read to its end, each given to {@code sink}. */
  static void readOnce(InputStream in, Consumer<String> sink) throws IOException {
    new LogLines(sink, true).read(in);
  }

  /** Every line of {@code log}, read once, each given to {@code sink}. */
  static void readOnce(String log, Consumer<String> sink) {
    try {
      readOnce(new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), sink);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every line of the followed log in {@code in}, as it comes, until the stream ends. */
  static void follow(InputStream in, Consumer<String> sink) throws IOException {
    new LogLines(sink, false).read(in);
  }

  private void read(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      int count = once ? (int) Math.min(n, MAX_READ - total) : n;
      total += count;
      for (int i = 0; i < count; i++) {
        byte b = buffer[i];
        if (b == '\n') {
          emit();
        } else if (line.size() < MAX_LINE) {
          line.write(b);
        } else {
          dropped++;
        }
      }
      if (once && total >= MAX_READ) {
        if (line.size() > 0 || dropped > 0) {
          emit();
        }
        blanks = 0;
        sink.accept("(log cut after " + (MAX_READ >> 20) + " MiB; the rest is on the cluster)");
        return;
      }
    }
    if (line.size() > 0 || dropped > 0) {
      emit();
    }
  }

  private void emit() {
    byte[] bytes = line.toByteArray();
    int length = bytes.length;
    if (dropped == 0 && length > 0 && bytes[length - 1] == '\r') {
      length--;
    }
    String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    if (dropped > 0) {
      text += " (line cut: " + dropped + " more bytes)";
    }
    line.reset();
    dropped = 0;
    if (once && text.isEmpty()) {
      // Blank lines at a log's end are not printed: held until a line with text comes.
      blanks++;
      return;
    }
    for (; blanks > 0; blanks--) {
      sink.accept("");
    }
    sink.accept(text);
  }
}
