package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.testing.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real {@code multiarch-tekton} main in a JVM of its own: for what only a process shows (its
 * exit code from {@code System.exit}, its standard input as a pipe or a device, its privileges).
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 * @param millis how long the process ran, JVM start included
 */
record MainProcess(int code, String out, String err, long millis) {

  /**
   * Runs the command with {@code args}; {@code setup} may redirect its input or prefix the command.
   */
  static MainProcess run(
      Consumer<ProcessBuilder> setup, Consumer<OutputStream> stdin, String... args) {
    List<String> command = new ArrayList<>(ChildJvm.command(List.of(), Main.class.getName(), args));
    ProcessBuilder builder = new ProcessBuilder(command);
    setup.accept(builder);
    long start = System.nanoTime();
    try {
      Process process = builder.start();
      CompletableFuture<String> out = read(process.getInputStream());
      CompletableFuture<String> err = read(process.getErrorStream());
      CompletableFuture<Void> feeding =
          CompletableFuture.runAsync(
              () -> {
                try (OutputStream in = process.getOutputStream()) {
                  stdin.accept(in);
                } catch (IOException e) {
                  // the process stopped reading: what a pipe's writer sees
                }
              });
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", args) + " did not end within 120 s");
      }
      feeding.cancel(true);
      return new MainProcess(
          process.exitValue(), out.get(), err.get(), (System.nanoTime() - start) / 1_000_000);
    } catch (IOException | java.util.concurrent.ExecutionException e) {
      throw new AssertionError("cannot run the command: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Runs the command with {@code args} and an empty standard input. */
  static MainProcess run(String... args) {
    return run(builder -> {}, in -> {}, args);
  }

  /**
   * Makes the command run as a user would as far as file permissions go: when the tests run as
   * root, the command is prefixed so that it lacks root's power to ignore them; otherwise nothing
   * changes.
   */
  static Consumer<ProcessBuilder> asUser() {
    if (!runAsRoot()) {
      return builder -> {};
    }
    return builder -> {
      List<String> command =
          new ArrayList<>(
              List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"));
      command.addAll(builder.command());
      builder.command(command);
    };
  }

  /** A standard input that writes {@code bytes} and ends. */
  static Consumer<OutputStream> input(byte[] bytes) {
    return in -> {
      try {
        in.write(bytes);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    };
  }

  private static boolean runAsRoot() {
    try {
      Process id = new ProcessBuilder("id", "-u").start();
      String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return id.waitFor(10, TimeUnit.SECONDS) && uid.equals("0");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static CompletableFuture<String> read(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }
}
