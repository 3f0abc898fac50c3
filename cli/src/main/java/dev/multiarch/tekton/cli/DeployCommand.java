package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.cluster.AppliedResource;
import dev.multiarch.tekton.cluster.Cluster;
import java.io.PrintStream;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code deploy}: applies what {@code generate -o} lists in its kustomization, by server-side
 * apply, one line per resource on stdout as kubectl prints them ({@code pipeline.tekton.dev/hello
 * configured}).
 */
final class DeployCommand {

  private final PrintStream out;
  private final PrintStream err;
  private final ClusterCommands.Connector connector;

  DeployCommand(PrintStream out, PrintStream err, ClusterCommands.Connector connector) {
    this.out = out;
    this.err = err;
    this.connector = connector;
  }

  int run(String[] args) {
    Options options = ClusterCommands.options();
    options.addOption(
        Option.builder()
            .longOpt("dry-run")
            .hasArg()
            .argName("server")
            .desc(
                "--dry-run=server: the cluster checks and computes every apply and stores nothing")
            .build());
    CommandLine line = CommandLines.parse("deploy", options, args);
    if (line.hasOption("help")) {
      CommandLines.printHelp(
          out,
          "deploy [-f SPEC] [flags] [--dry-run=server]",
          "Applies the generated "
              + "ImageStream, ServiceAccounts, RoleBindings, Tasks and Pipeline (what generate -o lists in its "
              + "kustomization.yaml and rbac.yaml) in that order, by server-side apply with field manager "
              + "multiarch-tekton; one line per resource: created, configured or unchanged. A RoleBinding of "
              + "rbac.yaml a cluster admin already applied is left as it is. First asks the cluster whether you may apply and bind "
              + "all of it (as doctor does). Exit 3 when the cluster cannot be reached, refuses the credentials, lacks "
              + "Tekton, denies a check (nothing applied) or forbids an apply.",
          options,
          "deploy -f examples/hello/multiarch.yaml");
      return Cli.OK;
    }
    CommandLines.requireNoArguments("deploy", line);
    boolean dryRun = line.hasOption("dry-run");
    if (dryRun && !"server".equals(line.getOptionValue("dry-run"))) {
      throw new InvalidValueException(
          "--dry-run",
          line.getOptionValue("dry-run"),
          "server (the cluster computes each apply and stores nothing; there is no client dry run)");
    }
    GeneratedPipeline generated = ClusterCommands.generate(line);
    TerminalLines lines = new TerminalLines(out);
    try (Cluster cluster = connector.connect(ClusterCommands.access(line))) {
      List<AppliedResource> applied =
          cluster.deploy(
              generated,
              dryRun,
              resource -> {
                lines.println(resource.toString());
                lines.flush();
              });
      err.println(
          (dryRun ? "checked " : "applied ")
              + applied.size()
              + " resources in namespace "
              + generated.spec().namespace()
              + (dryRun ? " (server dry run: nothing stored)" : ""));
      generated.startCaveat().ifPresent(caveat -> err.println("note: " + caveat));
    }
    return Cli.OK;
  }
}
