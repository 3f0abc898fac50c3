package dev.multiarch.tekton.cli;

import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code graph}: the generated Pipeline as a Mermaid flowchart on stdout; needs no cluster. */
final class GraphCommand {

  private final PrintStream out;

  GraphCommand(PrintStream out) {
    this.out = out;
  }

  int run(String[] args) {
    Options options = new Options();
    options.addOption(
        org.apache.commons.cli.Option.builder("f")
            .longOpt("file")
            .hasArg()
            .argName("SPEC")
            .desc("spec file (multiarch.yaml); flags override its fields")
            .build());
    GenerateCommand.addSpecFlags(options);
    CommandLine line = CommandLines.parse("graph", options, args);
    if (line.hasOption("help")) {
      CommandLines.printHelp(
          out,
          "graph [-f SPEC] [flags]",
          "Prints the generated Pipeline as a Mermaid flowchart: "
              + "its tasks, the build fanned out per platform, and the finally tasks. Put it in a ```mermaid block of a "
              + "Markdown file to see it drawn.",
          options,
          "graph -f examples/hello/multiarch.yaml");
      return Cli.OK;
    }
    CommandLines.requireNoArguments("graph", line);
    out.print(ClusterCommands.generate(line).toMermaid());
    out.flush();
    return Cli.OK;
  }
}
