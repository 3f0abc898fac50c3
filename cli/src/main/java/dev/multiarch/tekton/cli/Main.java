package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.input.IoReasons;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** The {@code multiarch-tekton} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // fabric8 logs through SLF4J, which with no backend would print a warning on every run; stderr
    // stays ours.
    System.setProperty(
        "slf4j.provider",
        System.getProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider"));
    System.setProperty(
        "slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "WARN"));
    silenceLibraryLogging();
    StandardOutput stdout = new StandardOutput();
    String encoding = System.getProperty("sun.stdout.encoding");
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(stdout, 1 << 16),
            true,
            encoding != null && Charset.isSupported(encoding)
                ? Charset.forName(encoding)
                : Charset.defaultCharset());
    int code;
    try {
      code = new Cli(out, System.err).run(args);
    } catch (Throwable e) {
      // Cli reports everything; this is what escapes even that (an error while printing an error).
      System.err.println(Cli.PROGRAM + ": internal error while reporting an error");
      code = Cli.FAILED;
    }
    out.flush();
    code = afterOutput(code, stdout.failure(), System.err);
    System.exit(code);
  }

  /**
   * Nothing but the tool's own lines on stderr. Vert.x, fabric8's HTTP client, logs through
   * java.util.logging when SLF4J has no backend (vertx-core 4.5's {@code LoggerFactory.initialise}
   * tries SLF4J, then Log4j2, then JUL), and JUL's console handler would print a server's bytes raw
   * ({@code SEVERE: invalid version format}); okhttp and the JDK log through JUL too. What went
   * wrong reaches the user as the command's one line.
   */
  static void silenceLibraryLogging() {
    LogManager.getLogManager().reset();
    Logger.getLogger("").setLevel(Level.OFF);
  }

  /**
   * The exit code once standard output is done: a command whose output could not be written failed,
   * whatever it returned, and says why (a reader that closed the pipe is not worth a message).
   */
  static int afterOutput(int code, Optional<IOException> failure, PrintStream err) {
    if (failure.isEmpty() || code != Cli.OK) {
      return code;
    }
    if (!StandardOutput.brokenPipe(failure.get())) {
      err.println(
          Cli.PROGRAM + ": cannot write to standard output: " + IoReasons.of(failure.get()));
    }
    return Cli.FAILED;
  }
}
