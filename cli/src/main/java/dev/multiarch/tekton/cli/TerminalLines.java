package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.text.Printable;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The one way the cluster commands and run-local print a line that holds text of outside origin (a
 * run's or a TaskRun's name, a condition message, a log line, a note, a server's error body): the
 * whole line made printable by {@link Printable#line}, so a build or a cluster cannot set the
 * window title, write the clipboard, clear the screen, ring the bell, forge a {@code [task platform
 * step]} prefix with a carriage return or reorder the line with a bidi override.
 */
final class TerminalLines {

  private final PrintStream stream;

  TerminalLines(PrintStream stream) {
    this.stream = stream;
  }

  /** Prints {@code line}, escaped, and a line break. */
  void println(String line) {
    synchronized (stream) {
      stream.println(Printable.line(line));
    }
  }

  /**
   * Prints one line formatted from {@code format} (which holds no line break), escaped; text
   * arguments are escaped before they are padded, so that columns line up as they are shown.
   */
  void printf(String format, Object... args) {
    Object[] shown = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      shown[i] = args[i] instanceof String text ? Printable.line(text) : args[i];
    }
    println(String.format(Locale.ROOT, format, shown));
  }

  void flush() {
    stream.flush();
  }
}
