package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a command throws, the user gets one line and the documented exit code: errors of the
 * Java runtime ({@link OutOfMemoryError}, {@link StackOverflowError}) and bugs included, with no
 * stack trace and no Java class name unless {@code --debug} asks for them.
 */
class CliGuardTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            new OutOfMemoryError("Java heap space"),
            1,
            "out of memory; give Java more with "
                + "JAVA_TOOL_OPTIONS=-Xmx4g, or report what you ran"),
        Arguments.of(
            new StackOverflowError(),
            1,
            "internal error: the input nests too deeply for this tool (a bug; "
                + "run with --debug for details)"),
        Arguments.of(
            new InternalError("boom"),
            1,
            "internal error: the Java runtime failed: boom (run with --debug " + "for details)"),
        Arguments.of(
            new NullPointerException(), 1, "internal error (a bug; run with --debug for details)"),
        Arguments.of(
            new IllegalStateException("no tasks"),
            1,
            "internal error: no tasks (a bug; run with --debug " + "for details)"),
        Arguments.of(
            new UncheckedIOException(new AccessDeniedException("/var/x")),
            1,
            "/var/x: permission denied"),
        Arguments.of(
            new UncheckedIOException("cannot prepare workspace source", new IOException("disk")),
            1,
            "cannot prepare workspace source"),
        Arguments.of(
            new InvalidPathException("a\u0000b", "Nul character not allowed"),
            2,
            "'a\\x00b' is not a path this system can use (Nul character not allowed)"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void anyThrowable_isOneLineWithItsExitCode_andNoStackTraceWithoutDebug(
      Throwable thrown, int code, String line) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Cli cli =
        new Cli(
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    int exit = cli.guarded(thrower(thrown));

    assertThat(exit).isEqualTo(code);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("multiarch-tekton: " + line + "\n")
        .doesNotContain("Exception", "java.", "\tat ");
  }

  @ParameterizedTest
  @MethodSource("failures")
  void withDebug_theStackTraceFollows(Throwable thrown, int code, String line) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Cli cli =
        new Cli(
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    cli.run(new String[] {"--version", "--debug"}); // --debug is read from the command line

    cli.guarded(thrower(thrown));

    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("multiarch-tekton: " + line + "\n")
        .contains("\tat ");
  }

  @Test
  void withDebug_theStackTraceIsEscapedLineByLine() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Cli cli =
        new Cli(
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    cli.run(new String[] {"--version", "--debug"});
    // What a server or a build could put in an exception's message: a window title, a CR that
    // rewrites the line, an 8-bit CSI.
    IllegalStateException thrown =
        new IllegalStateException(
            "bad \u001b]0;owned\u0007 answer\rforged\u009b2J", new IOException("cause \u001b[2J"));

    cli.guarded(thrower(thrown));

    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains(
            "java.lang.IllegalStateException: bad \\x1b]0;owned\\x07 answer\\rforged\\x9b2J\n",
            "Caused by: java.io.IOException: cause \\x1b[2J\n",
            "\tat ");
    assertThat(printed.chars().filter(c -> c != '\n' && c != '\t' && Character.isISOControl(c)))
        .isEmpty();
  }

  private static IntSupplier thrower(Throwable thrown) {
    return () -> {
      if (thrown instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw (Error) thrown;
    };
  }
}
