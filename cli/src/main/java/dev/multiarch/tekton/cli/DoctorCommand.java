package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.cluster.Check;
import dev.multiarch.tekton.cluster.Cluster;
import java.io.PrintStream;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code doctor}: reads the cluster and prints one line per check (ok, warning, or the problem and
 * its fix); exit 0 when nothing would stop the build, 3 when something would.
 */
final class DoctorCommand {

  private final PrintStream out;
  private final ClusterCommands.Connector connector;

  DoctorCommand(PrintStream out, ClusterCommands.Connector connector) {
    this.out = out;
    this.connector = connector;
  }

  int run(String[] args) {
    Options options = ClusterCommands.options();
    CommandLine line = CommandLines.parse("doctor", options, args);
    if (line.hasOption("help")) {
      CommandLines.printHelp(
          out,
          "doctor [-f SPEC] [flags]",
          "Reads the cluster, creating nothing, and prints one line per check: Tekton and its "
              + "version, the feature flags (matrix; the affinity assistant for same-node), the internal "
              + "registry, the StorageClass of the claim, the Secrets the run binds, and whether you may "
              + "apply, bind and start what deploy and start would. Exit 0 when nothing would stop the "
              + "build, 3 when something would.",
          options,
          "doctor -f examples/hello/multiarch.yaml");
      return Cli.OK;
    }
    CommandLines.requireNoArguments("doctor", line);
    GeneratedPipeline generated = ClusterCommands.generate(line);
    try (Cluster cluster = connector.connect(ClusterCommands.access(line))) {
      List<Check> checks = cluster.doctor(generated);
      TerminalLines lines = new TerminalLines(out);
      checks.forEach(check -> lines.println(check.toString()));
      return Check.blocking(checks) ? Cli.CANNOT_RUN : Cli.OK;
    }
  }
}
