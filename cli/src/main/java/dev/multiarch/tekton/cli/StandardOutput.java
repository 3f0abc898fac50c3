package dev.multiarch.tekton.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Standard output that remembers why a write failed. {@link java.io.PrintStream} swallows the error
 * and keeps only that there was one, so {@code generate > /dev/full} would end with exit code 0 and
 * the YAML lost; with this, the command can say what happened and fail.
 */
final class StandardOutput extends FilterOutputStream {

  private volatile IOException failure;

  StandardOutput() {
    this(new FileOutputStream(FileDescriptor.out));
  }

  StandardOutput(OutputStream target) {
    super(target);
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    try {
      out.write(bytes, offset, length);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw remember(e);
    }
  }

  /** The first write that failed, if one did. */
  Optional<IOException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * True for a reader that went away ({@code generate | head}): not worth a message, as for any
   * Unix tool.
   */
  static boolean brokenPipe(IOException e) {
    return e.getMessage() != null && e.getMessage().contains("Broken pipe");
  }

  private IOException remember(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }
}
