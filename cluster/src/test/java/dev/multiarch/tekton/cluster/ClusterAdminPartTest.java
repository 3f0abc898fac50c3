package dev.multiarch.tekton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.SpecFile;
import dev.multiarch.tekton.cluster.testing.MockCluster;
import dev.multiarch.tekton.cluster.testing.MockCluster.Flavour;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 5, on fabric8's mock server: a project admin, who may bind neither SCC role,
 * deploys once a cluster admin has applied rbac.yaml; and the existing ServiceAccount a spec names
 * is checked before a run.
 */
class ClusterAdminPartTest {

  private static final String PIPELINE_SA = "system:serviceaccount:demo:pipeline";

  @TempDir Path tmp;

  private MockCluster mock;

  @AfterEach
  void stop() {
    if (mock != null) {
      mock.close();
    }
  }

  private static GeneratedPipeline hello() {
    return DeployTest.hello();
  }

  private static GeneratedPipeline helloAsPipeline() {
    return MultiArchTekton.from(
            SpecFile.readBuilder(DeployTest.HELLO).serviceAccount("pipeline").build())
        .generate();
  }

  /** What a project admin may not do: bind ClusterRoles, use SCCs. */
  private void projectAdminOnly() {
    mock.deny("bind", "clusterroles", "");
    mock.deny("use", "securitycontextconstraints", "");
  }

  private void clusterAdminApplied(GeneratedPipeline generated) {
    for (RoleBinding binding : generated.clusterAdminBindings()) {
      mock.client().resource(binding).create();
    }
  }

  private List<String> doctor(GeneratedPipeline generated) {
    try (Cluster cluster = Cluster.connect(mock.access())) {
      return cluster.doctor(generated).stream().map(Check::toString).toList();
    }
  }

  @Test
  void projectAdmin_beforeTheClusterAdmin_isToldToHandThemRbacYaml() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    projectAdminOnly();

    assertThat(doctor(hello()).stream().filter(line -> line.contains("RoleBinding")))
        .containsExactly(
            "ok       access: you may push to ImageStreams, so you may bind system:image-builder"
                + " (RoleBinding hello-builder-image-builder)",
            "problem  access: you may neither bind ClusterRole pipelines-scc-clusterrole nor use SCC"
                + " pipelines-scc, so RoleBinding hello-builder-pipelines-scc would be refused; fix:"
                + " a cluster admin applies rbac.yaml of generate -o once (oc apply -f), or grants"
                + " you 'use' on SCC pipelines-scc",
            "problem  access: you may neither bind ClusterRole system:openshift:scc:privileged nor"
                + " use SCC privileged, so RoleBinding hello-privileged-privileged-scc would be"
                + " refused; fix: a cluster admin applies rbac.yaml of generate -o once (oc apply"
                + " -f), or grants you 'use' on SCC privileged");
  }

  @Test
  void projectAdmin_afterTheClusterAdmin_deploysAndLeavesTheirBindingsAlone() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    projectAdminOnly();
    GeneratedPipeline generated = hello();
    clusterAdminApplied(generated);

    assertThat(doctor(generated).stream().filter(line -> line.contains("is in place")))
        .containsExactly(
            "ok       access: RoleBinding hello-builder-pipelines-scc is in place (ClusterRole"
                + " pipelines-scc-clusterrole; a cluster admin applied rbac.yaml)",
            "ok       access: RoleBinding hello-privileged-privileged-scc is in place (ClusterRole"
                + " system:openshift:scc:privileged; a cluster admin applied rbac.yaml)");
    List<String> lines = new ArrayList<>();
    try (Cluster cluster = Cluster.connect(mock.access())) {
      cluster.deploy(generated, false, applied -> lines.add(applied.toString()));
    }

    assertThat(lines)
        .contains(
            "rolebinding.rbac.authorization.k8s.io/hello-builder-image-builder created",
            "rolebinding.rbac.authorization.k8s.io/hello-builder-pipelines-scc unchanged",
            "rolebinding.rbac.authorization.k8s.io/hello-privileged-privileged-scc unchanged");
    assertThat(mock.applies())
        .as("only what the kustomization lists is applied")
        .hasSize(generated.resources().size())
        .noneMatch(request -> request.getPath().contains("pipelines-scc"))
        .noneMatch(request -> request.getPath().contains("privileged-scc"));
  }

  @Test
  void bindingOfTheSameNameToAnotherAccount_isNotTakenForTheClusterAdmins() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    projectAdminOnly();
    GeneratedPipeline generated = hello();
    RoleBinding other =
        generated.clusterAdminBindings().get(1).toBuilder()
            .editFirstSubject()
            .withName("someone-else")
            .endSubject()
            .build();
    mock.client().resource(other).create();

    assertThat(doctor(generated))
        .anyMatch(
            line ->
                line.startsWith(
                    "problem  access: you may neither bind ClusterRole"
                        + " system:openshift:scc:privileged"));
  }

  @Test
  void pipelineServiceAccount_missing_isAProblemNamingIt() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);

    assertThat(doctor(helloAsPipeline()).stream().filter(line -> line.contains("account:")))
        .containsExactly(
            "problem  account: ServiceAccount pipeline (spec.serviceAccount) does not exist in"
                + " namespace demo, so no TaskRun can start; fix: name one that does (OpenShift"
                + " Pipelines creates pipeline in each namespace but openshift-* and kube-*), or"
                + " leave spec.serviceAccount out to have one generated");
  }

  @Test
  void pipelineServiceAccount_withTheOperatorsBindings_isOk_andOnlyPrivilegedNeedsAnAdmin() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    createPipelineAccount();
    projectAdminOnly();

    List<String> lines = doctor(helloAsPipeline());

    assertThat(lines.stream().filter(line -> line.contains("account:")))
        .containsExactly(
            "ok       account: ServiceAccount pipeline may use SCC pipelines-scc (buildah runs as"
                + " root with SETFCAP)",
            "ok       account: ServiceAccount pipeline may push to the namespace's ImageStreams"
                + " (update imagestreams/layers)");
    assertThat(lines.stream().filter(line -> line.startsWith("problem")))
        .singleElement()
        .asString()
        .contains("RoleBinding hello-privileged-privileged-scc");
  }

  @Test
  void pipelineServiceAccount_withoutItsRights_isToldTheFix() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    createPipelineAccount();
    // The operator's legacyPipelineRbac: "false" (operator 0.77+) removes the edit binding.
    mock.denyFor(PIPELINE_SA, "update", "imagestreams", "");
    mock.denyFor(PIPELINE_SA, "use", "securitycontextconstraints", "pipelines-scc");

    assertThat(doctor(helloAsPipeline()).stream().filter(line -> line.contains("account:")))
        .containsExactly(
            "problem  account: ServiceAccount pipeline may not use SCC pipelines-scc (buildah runs"
                + " as root with SETFCAP), so the build tasks would fail; fix: oc adm policy"
                + " add-scc-to-user pipelines-scc -z pipeline -n demo",
            "problem  account: ServiceAccount pipeline may not push to the namespace's ImageStreams"
                + " (update imagestreams/layers), so the build tasks would fail; fix: oc policy"
                + " add-role-to-user system:image-builder -z pipeline -n demo");
  }

  @Test
  void pipelineServiceAccount_unanswered_isAWarning() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    createPipelineAccount();
    mock.leaveLocalReviewsUnanswered();

    assertThat(doctor(helloAsPipeline()).stream().filter(line -> line.contains("account:")))
        .containsExactly(
            "warning  account: the cluster did not answer whether ServiceAccount pipeline may use"
                + " SCC pipelines-scc (buildah runs as root with SETFCAP)",
            "warning  account: the cluster did not answer whether ServiceAccount pipeline may push"
                + " to the namespace's ImageStreams (update imagestreams/layers)");
  }

  private void createPipelineAccount() {
    mock.client()
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("pipeline")
                .withNamespace("demo")
                .endMetadata()
                .build())
        .create();
  }
}
