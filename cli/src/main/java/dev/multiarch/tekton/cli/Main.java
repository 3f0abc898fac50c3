package dev.multiarch.tekton.cli;

/** The {@code multiarch-tekton} command. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    System.exit(new Cli(System.out, System.err).run(args));
  }
}
