package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.internal.spec.Suggestions;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/** What every command does with its command line alike: parse it, refuse stray arguments, print its help. */
final class CommandLines {

  /** A command line the command cannot take; {@link Cli} prints the message as one line, exit code 2. */
  static final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private CommandLines() {
  }

  static CommandLine parse(String command, Options options, String[] args) {
    try {
      return new DefaultParser().parse(options, args);
    } catch (UnrecognizedOptionException e) {
      List<String> known = options.getOptions().stream().filter(Option::hasLongOpt)
          .map(option -> "--" + option.getLongOpt()).toList();
      String hint = Suggestions.didYouMean(e.getOption(), known).strip();
      throw new UsageException(command + ": " + e.getMessage() + (hint.isEmpty() ? "" : "; " + hint) + " (see "
          + command + " --help)", e);
    } catch (ParseException e) {
      throw new UsageException(command + ": " + e.getMessage() + " (see " + command + " --help)", e);
    }
  }

  /** For the commands that take only options: the spec file comes with -f. */
  static void requireNoArguments(String command, CommandLine line) {
    if (!line.getArgList().isEmpty()) {
      throw new UsageException(command + ": unexpected argument '" + line.getArgList().get(0)
          + "'; give the spec file with -f", null);
    }
  }

  static void printHelp(PrintStream out, String usage, String description, Options options, String example) {
    HelpFormatter help = new HelpFormatter();
    help.setOptionComparator(null);
    PrintWriter writer = new PrintWriter(out, true);
    help.printHelp(writer, 100, Cli.PROGRAM + " " + usage, "\n" + description + "\n\n", options, 2, 4,
        "\nExample: " + Cli.PROGRAM + " " + example, false);
    writer.flush();
  }
}
