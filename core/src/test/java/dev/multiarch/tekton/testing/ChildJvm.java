package dev.multiarch.tekton.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A second JVM running a main class of the tests' class path, for what one JVM cannot show about
 * itself: that a write survives {@code kill -9}, that two processes take turns, that the real
 * {@code main} exits as documented.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final BufferedReader out;

  /**
   * Wraps a started child, such as one built from {@link #command} with redirections of its own.
   */
  public static ChildJvm of(Process process) {
    return new ChildJvm(process);
  }

  private ChildJvm(Process process) {
    this.process = process;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /**
   * The command that runs {@code main} with {@code args} on this JVM's class path, with {@code
   * jvmOptions}. The child has this JVM's temporary folder unless the options give another, and no
   * performance-data file, which a child killed with SIGKILL would leave in {@code
   * /tmp/hsperfdata_<user>}.
   */
  public static List<String> command(List<String> jvmOptions, String main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:-UsePerfData");
    // The last -D of a property wins, so an option of the caller's overrides this one.
    command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main);
    command.addAll(List.of(args));
    return command;
  }

  /** Starts {@code main} with {@code args}; its standard error goes to the tests' output. */
  public static ChildJvm start(Class<?> main, String... args) throws IOException {
    return new ChildJvm(
        new ProcessBuilder(command(List.of(), main.getName(), args))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start());
  }

  /**
   * The child's next line of standard output that starts with {@code prefix}; fails after {@code
   * within}.
   */
  public String awaitLine(String prefix, Duration within) throws Exception {
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String next;
                while ((next = out.readLine()) != null) {
                  if (next.startsWith(prefix)) {
                    return next;
                  }
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    try {
      String found = line.get(within.toMillis(), TimeUnit.MILLISECONDS);
      if (found == null) {
        throw new AssertionError(
            "the child JVM ended (exit "
                + process.waitFor()
                + ") without printing '"
                + prefix
                + "'");
      }
      return found;
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
      throw new AssertionError("the child JVM did not print '" + prefix + "' within " + within);
    }
  }

  /**
   * SIGKILL, as the OOM killer or {@code kill -9} sends it: no finally block, no shutdown hook
   * runs.
   */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** The exit code, waiting up to {@code within} for the child to end. */
  public int exitCode(Duration within) throws InterruptedException {
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the child JVM did not end within " + within);
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
