package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.text.Printable;
import dev.multiarch.tekton.text.Suggestions;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * What every command does with its command line alike: parse it, refuse stray arguments, print its
 * help.
 */
final class CommandLines {

  /**
   * A command line the command cannot take; {@link Cli} prints the message as one line, exit code
   * 2.
   */
  static final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The options each use of which adds an entry ({@code KEY=VALUE}, a native platform, its label or
   * toleration); any other option takes one value.
   */
  static final Set<String> REPEATABLE =
      Set.of(
          Flag.BUILD_ARG.longName,
          "param",
          "feature-flag",
          Flag.NATIVE.longName,
          Flag.NATIVE_NODE_SELECTOR.longName,
          Flag.NATIVE_TOLERATION.longName,
          Flag.EMULATION_NODE_SELECTOR.longName);

  private CommandLines() {}

  /**
   * Parses {@code args}. An option that takes a value may be given once, unless each use adds an
   * entry ({@code --build-arg}, {@code --param}): silently keeping one of two values would build
   * something other than asked.
   */
  static CommandLine parse(String command, Options options, String[] args) {
    CommandLine line;
    try {
      line = new DefaultParser().parse(options, args);
    } catch (UnrecognizedOptionException e) {
      List<String> known =
          options.getOptions().stream()
              .filter(Option::hasLongOpt)
              .map(option -> "--" + option.getLongOpt())
              .toList();
      String hint = Suggestions.didYouMean(e.getOption(), known).strip();
      throw new UsageException(
          command
              + ": "
              + e.getMessage()
              + (hint.isEmpty() ? "" : "; " + hint)
              + " (see "
              + command
              + " --help)",
          e);
    } catch (ParseException e) {
      throw new UsageException(
          command + ": " + e.getMessage() + " (see " + command + " --help)", e);
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Option given : line.getOptions()) {
      if (given.hasArg() && !REPEATABLE.contains(given.getLongOpt())) {
        counts.merge(
            given.getLongOpt() == null ? given.getOpt() : given.getLongOpt(), 1, Integer::sum);
      }
    }
    counts.forEach(
        (name, count) -> {
          if (count > 1) {
            String[] values = line.getOptionValues(name);
            throw new UsageException(
                command
                    + ": --"
                    + name
                    + " given "
                    + count
                    + " times ("
                    + String.join(", ", Arrays.stream(values).map(Printable::quoted).toList())
                    + "); give it once",
                null);
          }
        });
    return line;
  }

  /**
   * The {@code KEY=VALUE} entries of a repeatable option, in order; a key given twice is an error,
   * as a key given twice in a spec file is. {@code shape} says what is allowed, its first word
   * naming the key: {@code NAME=VALUE}.
   */
  static Map<String, String> entries(String flag, String[] values, String shape) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String value : values == null ? new String[0] : values) {
      int eq = value.indexOf('=');
      if (eq <= 0) {
        throw new InvalidValueException(flag, value, shape);
      }
      String key = value.substring(0, eq);
      if (entries.putIfAbsent(key, value.substring(eq + 1)) != null) {
        throw new InvalidValueException(
            flag,
            value,
            "each "
                + shape.substring(0, shape.indexOf('='))
                + " once; "
                + key
                + " is already "
                + key
                + "="
                + entries.get(key));
      }
    }
    return entries;
  }

  /** For the commands that take only options: the spec file comes with -f. */
  static void requireNoArguments(String command, CommandLine line) {
    if (!line.getArgList().isEmpty()) {
      throw new UsageException(
          command
              + ": unexpected argument "
              + Printable.quoted(line.getArgList().get(0))
              + "; give the spec file with -f",
          null);
    }
  }

  static void printHelp(
      PrintStream out, String usage, String description, Options options, String example) {
    HelpFormatter help = new HelpFormatter();
    help.setOptionComparator(null);
    // Written as text into the stream, which encodes it in its own charset, not in the JVM's
    // default one.
    StringWriter text = new StringWriter();
    PrintWriter writer = new PrintWriter(text);
    help.printHelp(
        writer,
        100,
        Cli.PROGRAM + " " + usage,
        "\n" + description + "\n\n",
        options,
        2,
        4,
        "\nExample: " + Cli.PROGRAM + " " + example,
        false);
    writer.flush();
    out.print(text);
    out.flush();
  }
}
