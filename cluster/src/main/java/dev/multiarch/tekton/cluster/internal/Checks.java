package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.Placement;
import dev.multiarch.tekton.cluster.Check;
import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.cluster.ClusterException.Reason;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/** Which checks doctor, deploy and start run, in order of how much they would stop. */
public final class Checks {

  /** What is about to happen. */
  public enum Scope {
    /** doctor: everything. */
    ALL,
    /** deploy: may the user apply what it applies. */
    DEPLOY,
    /** start: what a run needs. */
    START
  }

  private final KubernetesClient client;
  private final Failures failures;

  public Checks(KubernetesClient client, Failures failures) {
    this.client = client;
    this.failures = failures;
  }

  public List<Check> run(GeneratedPipeline generated, Scope scope) {
    List<Check> checks = new ArrayList<>();
    ResourceChecks resources = new ResourceChecks(client, failures);
    AccessChecks access = new AccessChecks(client, failures);
    if (scope != Scope.DEPLOY) {
      checks.addAll(
          new TektonChecks(client, failures)
              .run(generated.spec().placement() == Placement.SAME_NODE));
      checks.addAll(resources.registry(generated));
      checks.addAll(new BuilderImageChecks(client, failures).run(generated));
      checks.addAll(resources.storage(generated));
      checks.addAll(resources.secrets(generated));
      checks.addAll(resources.configMaps(generated));
    }
    if (scope != Scope.START) {
      checks.addAll(access.deploy(generated));
    }
    if (scope != Scope.DEPLOY) {
      checks.addAll(access.account(generated));
      checks.addAll(access.start(generated));
    }
    return List.copyOf(checks);
  }

  /** Runs the checks of {@code scope} and fails on the first problem, before anything is done. */
  public void require(GeneratedPipeline generated, Scope scope) {
    for (Check check : run(generated, scope)) {
      if (check.outcome() == Check.Outcome.PROBLEM) {
        throw new ClusterException(
            Reason.NOT_READY, check.topic() + ": " + check.message() + "; nothing was created");
      }
    }
  }
}
