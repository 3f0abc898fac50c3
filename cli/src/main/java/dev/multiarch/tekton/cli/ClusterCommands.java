package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.cluster.Cluster;
import dev.multiarch.tekton.cluster.ClusterAccess;
import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.model.KubernetesNames;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * What the cluster commands (deploy, start, status, logs) share: kubectl's way to the cluster
 * ({@code KUBECONFIG}, {@code --kubeconfig}, {@code --kube-context}, in-cluster), the spec flags
 * {@code generate} takes, and the exit code of each {@link ClusterException}.
 */
final class ClusterCommands {

  // Kubernetes object names: a DNS-1123 subdomain of at most 253 characters.
  private static final int MAX_NAME = 253;

  /** Opens the connection; tests give one that polls without pause. */
  @FunctionalInterface
  interface Connector {
    Cluster connect(ClusterAccess access);
  }

  static final Connector DEFAULT = Cluster::connect;

  private ClusterCommands() {}

  /** The spec flags plus {@code --kubeconfig} and {@code --kube-context}. */
  static Options options() {
    Options options = new Options();
    options.addOption(
        Option.builder("f")
            .longOpt("file")
            .hasArg()
            .argName("SPEC")
            .desc("spec file (multiarch.yaml); flags override its fields")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("kubeconfig")
            .hasArg()
            .argName("FILE")
            .desc(
                "kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config, then the pod's ServiceAccount)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("kube-context")
            .hasArg()
            .argName("NAME")
            .desc(
                "kubeconfig context to use (default: its current context); --context is the build context")
            .build());
    GenerateCommand.addSpecFlags(options);
    return options;
  }

  /** The build, generated from the spec file and flags exactly as {@code generate} does. */
  static GeneratedPipeline generate(CommandLine line) {
    return MultiArchTekton.from(GenerateRequest.from(line).spec()).generate();
  }

  static ClusterAccess access(CommandLine line) {
    ClusterAccess access = ClusterAccess.defaults();
    if (line.hasOption("kubeconfig")) {
      access = access.withKubeconfig(Path.of(line.getOptionValue("kubeconfig")));
    }
    if (line.hasOption("kube-context")) {
      access = access.withContext(line.getOptionValue("kube-context"));
    }
    return access;
  }

  /** The optional RUN argument of status and logs; more than one is refused. */
  static Optional<String> runArgument(String command, CommandLine line) {
    if (line.getArgList().size() > 1) {
      throw new CommandLines.UsageException(
          command
              + ": unexpected argument '"
              + line.getArgList().get(1)
              + "'; give at most one PipelineRun name (the spec file comes with -f)",
          null);
    }
    Optional<String> name = line.getArgList().stream().findFirst();
    // The name goes into the request's path: only a name Kubernetes could have given the run
    // (a DNS-1123 subdomain, as ValidateObjectMeta requires) is sent, so none needs escaping.
    if (name.isPresent()
        && (name.get().length() > MAX_NAME || !KubernetesNames.isDnsSubdomainShape(name.get()))) {
      throw new InvalidValueException(
          command + " RUN",
          name.get(),
          "a PipelineRun name: at most "
              + MAX_NAME
              + " lowercase letters, digits, '-' and '.', starting and ending with a letter or "
              + "digit");
    }
    return name;
  }

  /**
   * 2 for what the user can fix in the input, 3 when the cluster cannot be used, 1 when it refused
   * otherwise.
   */
  static int exitCode(ClusterException e) {
    return switch (e.reason()) {
      case CONFIGURATION, NOT_OPENSHIFT, NOT_FOUND -> Cli.BAD_INPUT;
      case UNREACHABLE, UNAUTHORIZED, TEKTON_MISSING, FORBIDDEN, NOT_READY -> Cli.CANNOT_RUN;
      case REJECTED -> Cli.FAILED;
    };
  }
}
