package dev.multiarch.tekton.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host command for a test and returns its output, failing with the output when it fails. */
final class Commands {

  /** A finished command. */
  record Output(int code, String text) {}

  private Commands() {}

  static String run(String... command) {
    Output output = tryRun(null, command);
    if (output.code() != 0) {
      throw new AssertionError(
          String.join(" ", command) + " exited " + output.code() + ":\n" + output.text());
    }
    return output.text();
  }

  static Output tryRun(Path dir, String... command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
      if (dir != null) {
        builder.directory(dir.toFile());
      }
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not end within 5 minutes");
      }
      return new Output(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(
          "cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
