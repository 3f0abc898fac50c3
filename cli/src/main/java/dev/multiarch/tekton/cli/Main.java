package dev.multiarch.tekton.cli;

/** The {@code multiarch-tekton} command. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    // fabric8 logs through SLF4J, which with no backend would print a warning on every run; stderr stays ours.
    System.setProperty("slf4j.provider", System.getProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider"));
    System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "WARN"));
    int code;
    try {
      code = new Cli(System.out, System.err).run(args);
    } catch (Throwable e) {
      // Cli reports everything; this is what escapes even that (an error while printing an error).
      System.err.println(Cli.PROGRAM + ": internal error while reporting an error");
      code = Cli.FAILED;
    }
    System.exit(code);
  }
}
