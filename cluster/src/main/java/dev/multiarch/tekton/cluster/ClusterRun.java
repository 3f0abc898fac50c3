package dev.multiarch.tekton.cluster;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.cluster.internal.Failures;
import dev.multiarch.tekton.cluster.internal.Follower;
import dev.multiarch.tekton.cluster.internal.LogReader;
import dev.multiarch.tekton.cluster.internal.RunReader;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.tekton.client.TektonClient;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.TaskRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One PipelineRun of a generated Pipeline on the cluster: its status, following it, its logs,
 * cancelling it.
 */
public final class ClusterRun {

  private final KubernetesClient client;
  private final Failures failures;
  private final String name;
  private final RunReader reader;
  private final Duration pollInterval;

  ClusterRun(
      KubernetesClient client,
      Failures failures,
      GeneratedPipeline generated,
      String name,
      Duration pollInterval) {
    this.client = client;
    this.failures = failures;
    this.name = name;
    this.reader = new RunReader(client, failures, generated.pipeline(), Instant::now);
    this.pollInterval = pollInterval;
  }

  /** The PipelineRun's name, {@code hello-x7k2p}. */
  public String name() {
    return name;
  }

  public String namespace() {
    return reader.namespace();
  }

  /**
   * How many TaskRuns {@link #status()} gives a node: one request each, so a run of thousands costs
   * no more than a screen's worth.
   */
  public static final int NODES_READ = 50;

  /** The run now, with the node the pods of its first {@value #NODES_READ} TaskRuns run on. */
  public RunStatus status() {
    PipelineRun run = current();
    List<TaskRun> taskRuns = reader.taskRuns(name);
    RunStatus status = reader.status(run, taskRuns);
    // The reports start with the TaskRuns, in their order, then the skipped tasks.
    List<TaskRunReport> withNodes = new ArrayList<>(status.taskRuns());
    for (int i = 0; i < Math.min(NODES_READ, taskRuns.size()); i++) {
      withNodes.set(i, withNodes.get(i).withNode(reader.node(taskRuns.get(i))));
    }
    return new RunStatus(
        status.name(),
        status.namespace(),
        status.state(),
        status.reason(),
        status.message(),
        status.duration(),
        withNodes,
        status.image());
  }

  /**
   * Follows the run until it ends, telling {@code listener} as TaskRuns start and end; a failed
   * TaskRun comes with its failed step's exit code and last log lines. Returns early, with the
   * state last seen, when this thread is interrupted; the run itself goes on.
   */
  public RunStatus follow(FollowListener listener) {
    return new Follower(reader, pollInterval).follow(name, listener);
  }

  /**
   * Cancels the run, as {@code tkn pipelinerun cancel} does: Tekton stops its TaskRuns and runs no
   * finally task.
   */
  public void cancel() {
    try {
      client
          .adapt(TektonClient.class)
          .v1()
          .pipelineRuns()
          .inNamespace(namespace())
          .withName(name)
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"status\":\"Cancelled\"}}");
    } catch (KubernetesClientException e) {
      throw failures.of(e, "patch", "pipelineruns.tekton.dev", namespace());
    }
  }

  /**
   * The step logs of the run's TaskRuns, or only those of {@code platform}'s matrix siblings, line
   * by line.
   *
   * @param follow stream the logs as steps run, until the run ends; otherwise, what has been
   *     written so far
   */
  public void logs(Optional<String> platform, boolean follow, Consumer<LogLine> sink) {
    LogReader logs = new LogReader(client, reader, failures, pollInterval);
    if (follow) {
      logs.follow(name, platform, sink);
    } else {
      logs.read(name, platform, sink);
    }
  }

  private PipelineRun current() {
    return reader
        .pipelineRun(name)
        .orElseThrow(
            () ->
                new ClusterException(
                    ClusterException.Reason.NOT_FOUND,
                    "no PipelineRun " + name + " in namespace " + namespace()));
  }
}
