package dev.multiarch.tekton.cluster;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.cluster.internal.AccessChecks;
import dev.multiarch.tekton.cluster.internal.Applier;
import dev.multiarch.tekton.cluster.internal.Checks;
import dev.multiarch.tekton.cluster.internal.Clients;
import dev.multiarch.tekton.cluster.internal.ClusterObjects;
import dev.multiarch.tekton.cluster.internal.Discovery;
import dev.multiarch.tekton.cluster.internal.Failures;
import dev.multiarch.tekton.cluster.internal.OpenShiftOnly;
import dev.multiarch.tekton.cluster.internal.RunParams;
import dev.multiarch.tekton.cluster.internal.Times;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.tekton.client.TektonClient;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The entry point for running a generated build on a cluster, through fabric8's Tekton and
 * OpenShift clients: deploy what {@code generate -o} writes, start its PipelineRun and follow it to
 * the published image.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.connect(ClusterAccess.defaults())) {
 *   cluster.deploy(generated, false, applied -> System.out.println(applied));
 *   RunStatus status = cluster.start(generated, Map.of()).follow(listener);
 *   status.image();                          // Optional "quay.io/org/app:1.0@sha256:..."
 * }
 * }</pre>
 */
public final class Cluster implements AutoCloseable {

  /** How often a followed run is read again by default. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final boolean owned;
  private final Duration pollInterval;
  private final Failures failures;

  private final boolean checked;

  private Cluster(KubernetesClient client, boolean owned, Duration pollInterval, boolean checked) {
    this.client = Objects.requireNonNull(client, "client");
    this.owned = owned;
    this.pollInterval = pollInterval;
    this.checked = checked;
    this.failures = new Failures(client.getConfiguration());
  }

  /**
   * A connection as kubectl would make it; nothing is sent until a command runs.
   *
   * @throws ClusterException with reason {@code CONFIGURATION} if the kubeconfig or the context is
   *     not there
   */
  public static Cluster connect(ClusterAccess access) {
    return new Cluster(Clients.create(access), true, DEFAULT_POLL_INTERVAL, true);
  }

  /** A connection through a client the caller built and keeps: {@link #close()} leaves it open. */
  public static Cluster using(KubernetesClient client) {
    return new Cluster(client, false, DEFAULT_POLL_INTERVAL, true);
  }

  /** Reads followed runs every {@code interval} instead of every two seconds. */
  public Cluster withPollInterval(Duration interval) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("poll interval must not be negative, got " + interval);
    }
    return new Cluster(client, owned, interval, checked);
  }

  /**
   * Deploys and starts without first running the {@link #doctor} checks that concern them (by
   * default a failing check stops them before anything is created).
   */
  public Cluster withoutChecks() {
    return new Cluster(client, owned, pollInterval, false);
  }

  /**
   * Reads the cluster and says, one {@link Check} each, what would stop the generated build: Tekton
   * and its version, the feature flags (matrix; the affinity assistant for same-node), the internal
   * registry, the StorageClass of the claim, the Secrets the run binds, and whether the user may
   * apply, bind and start what deploy and start would. Nothing is created. A question the cluster
   * does not answer is a warning.
   *
   * @throws ClusterException when the cluster is unreachable or refuses the credentials
   */
  public List<Check> doctor(GeneratedPipeline generated) {
    try {
      new Discovery(client, failures).requireTekton();
    } catch (ClusterException e) {
      if (e.reason() != ClusterException.Reason.TEKTON_MISSING) {
        throw e;
      }
      return List.of(Check.problem("tekton", e.getMessage()));
    }
    return new Checks(client, failures).run(generated, Checks.Scope.ALL);
  }

  /** The API server's address. */
  public String server() {
    return failures.server();
  }

  /**
   * Applies every resource {@link GeneratedPipeline#allResources()} lists (the output folder's
   * kustomization and its {@code rbac.yaml}) in that (dependency) order, by server-side apply,
   * telling {@code each} what every apply did. A RoleBinding of {@code rbac.yaml} that a cluster
   * admin already applied is left as it is (reported unchanged), so a project admin can deploy once
   * the admin has. First checks that the cluster serves Tekton and, for OpenShift-only resources,
   * OpenShift; then, unless {@link #withoutChecks()}, that the user may apply and bind all of it
   * ({@link ClusterException.Reason#NOT_READY} otherwise, with nothing applied).
   *
   * @param dryRun the server computes each result and stores nothing ({@code --dry-run=server})
   * @throws ClusterException when the cluster is unreachable, lacks Tekton or OpenShift, or refuses
   *     an apply; the resources reported before it stay applied
   */
  public List<AppliedResource> deploy(
      GeneratedPipeline generated, boolean dryRun, Consumer<AppliedResource> each) {
    Discovery discovery = new Discovery(client, failures);
    discovery.requireTekton();
    OpenShiftOnly.check(generated.allResources(), discovery, server());
    if (checked) {
      new Checks(client, failures).require(generated, Checks.Scope.DEPLOY);
    }
    Applier applier = new Applier(client, failures);
    AccessChecks access = new AccessChecks(client, failures);
    List<AppliedResource> applied = new ArrayList<>();
    for (HasMetadata resource : generated.allResources()) {
      // What a cluster admin applied from rbac.yaml stays as it is: applying it again would need
      // their rights.
      AppliedResource result =
          resource instanceof RoleBinding binding
                  && generated.clusterAdminBindings().contains(binding)
                  && access.present(binding)
              ? new AppliedResource(
                  binding.getApiVersion(),
                  binding.getKind(),
                  binding.getMetadata().getName(),
                  AppliedResource.Change.UNCHANGED,
                  dryRun)
              : applier.apply(resource, dryRun);
      applied.add(result);
      each.accept(result);
    }
    return List.copyOf(applied);
  }

  /**
   * Creates the generated PipelineRun, with {@code params} (name to value; an array param's
   * elements separated by commas) set over the Pipeline's defaults.
   *
   * @throws dev.multiarch.tekton.InvalidValueException if a param is not one the Pipeline declares
   * @throws ClusterException if the Pipeline is not deployed, a check of what the run needs fails
   *     ({@link ClusterException.Reason#NOT_READY}; unless {@link #withoutChecks()}), or the
   *     cluster refuses
   */
  public ClusterRun start(GeneratedPipeline generated, Map<String, String> params) {
    PipelineRun run = RunParams.with(generated.pipelineRun(), generated.pipeline(), params);
    new Discovery(client, failures).requireTekton();
    String namespace = generated.pipeline().getMetadata().getNamespace();
    requirePipeline(generated.pipeline());
    if (checked) {
      new Checks(client, failures).require(generated, Checks.Scope.START);
    }
    try {
      PipelineRun created =
          tekton().v1().pipelineRuns().inNamespace(namespace).resource(run).create();
      return new ClusterRun(
          client, failures, generated, created.getMetadata().getName(), pollInterval);
    } catch (KubernetesClientException e) {
      throw failures.of(e, "create", "pipelineruns.tekton.dev", namespace);
    }
  }

  /**
   * An existing run of the generated Pipeline.
   *
   * @throws ClusterException with reason {@code NOT_FOUND} if there is no PipelineRun of that name
   */
  public ClusterRun run(GeneratedPipeline generated, String name) {
    new Discovery(client, failures).requireTekton();
    String namespace = generated.pipeline().getMetadata().getNamespace();
    if (new ClusterObjects(client, failures, namespace).pipelineRun(name).isEmpty()) {
      throw new ClusterException(
          ClusterException.Reason.NOT_FOUND,
          "no PipelineRun " + name + " in namespace " + namespace);
    }
    return new ClusterRun(client, failures, generated, name, pollInterval);
  }

  /**
   * The generated Pipeline's most recently created run.
   *
   * @throws ClusterException with reason {@code NOT_FOUND} if it has none
   */
  public ClusterRun latestRun(GeneratedPipeline generated) {
    new Discovery(client, failures).requireTekton();
    String namespace = generated.pipeline().getMetadata().getNamespace();
    String pipeline = generated.pipeline().getMetadata().getName();
    List<PipelineRun> runs = new ClusterObjects(client, failures, namespace).pipelineRuns();
    PipelineRun latest =
        runs.stream()
            .filter(
                run ->
                    run.getSpec() != null
                        && run.getSpec().getPipelineRef() != null
                        && pipeline.equals(run.getSpec().getPipelineRef().getName())
                        && run.getMetadata().getName() != null)
            .max(
                Comparator.comparing(
                        (PipelineRun run) ->
                            Times.instant(run.getMetadata().getCreationTimestamp())
                                .orElse(Instant.MIN))
                    .thenComparing(run -> run.getMetadata().getName()))
            .orElseThrow(
                () ->
                    new ClusterException(
                        ClusterException.Reason.NOT_FOUND,
                        "Pipeline "
                            + pipeline
                            + " has no PipelineRun in namespace "
                            + namespace
                            + "; start one first"));
    return new ClusterRun(
        client, failures, generated, latest.getMetadata().getName(), pollInterval);
  }

  private void requirePipeline(Pipeline pipeline) {
    String namespace = pipeline.getMetadata().getNamespace();
    Pipeline deployed;
    try {
      deployed =
          tekton()
              .v1()
              .pipelines()
              .inNamespace(namespace)
              .withName(pipeline.getMetadata().getName())
              .get();
    } catch (KubernetesClientException e) {
      throw failures.of(e, "get", "pipelines.tekton.dev", namespace);
    }
    if (deployed == null) {
      throw new ClusterException(
          ClusterException.Reason.NOT_FOUND,
          "Pipeline "
              + pipeline.getMetadata().getName()
              + " is not deployed in namespace "
              + namespace
              + "; deploy it first");
    }
  }

  private TektonClient tekton() {
    return client.adapt(TektonClient.class);
  }

  /** Closes the connection, unless it came from {@link #using(KubernetesClient)}. */
  @Override
  public void close() {
    if (owned) {
      client.close();
    }
  }
}
