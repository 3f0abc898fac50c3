package dev.multiarch.tekton.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.cluster.testing.MockCluster;
import dev.multiarch.tekton.cluster.testing.MockCluster.Flavour;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.tekton.v1.Pipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy against fabric8's mock server over real HTTPS: what it applies, how, what it reports, what
 * it refuses.
 */
class DeployTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  static final Path HELLO = GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml");

  @TempDir Path tmp;

  private MockCluster mock;

  @AfterEach
  void stop() {
    if (mock != null) {
      mock.close();
    }
  }

  static GeneratedPipeline hello() {
    return MultiArchTekton.fromSpecFile(HELLO).generate();
  }

  private List<String> deploy(GeneratedPipeline generated, boolean dryRun) {
    List<String> lines = new ArrayList<>();
    try (Cluster cluster = Cluster.connect(mock.access())) {
      cluster.deploy(generated, dryRun, applied -> lines.add(applied.toString()));
    }
    return lines;
  }

  @Test
  void deploy_emptyCluster_createsExactlyTheKustomizationsResources() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    GeneratedPipeline generated = hello();

    List<String> lines = deploy(generated, false);

    assertThat(lines)
        .containsExactly(
            "imagestream.image.openshift.io/hello created",
            "imagestream.image.openshift.io/buildah-qemu created",
            "serviceaccount/hello-builder created",
            "serviceaccount/hello-privileged created",
            "rolebinding.rbac.authorization.k8s.io/hello-builder-image-builder created",
            "rolebinding.rbac.authorization.k8s.io/hello-builder-pipelines-scc created",
            "rolebinding.rbac.authorization.k8s.io/hello-privileged-privileged-scc created",
            "task.tekton.dev/multiarch-resolve-commit created",
            "task.tekton.dev/multiarch-binfmt created",
            "task.tekton.dev/multiarch-buildah created",
            "task.tekton.dev/multiarch-manifest created",
            "task.tekton.dev/multiarch-builder-image created",
            "pipeline.tekton.dev/hello created",
            "pipeline.tekton.dev/buildah-qemu-bootstrap created");
    // Every file the kustomization lists is on the cluster, equal to the file.
    for (String file : kustomizationResources(generated)) {
      HasMetadata expected = JSON.unmarshal(generated.files().get(file));
      HasMetadata live = mock.client().resource(expected).get();
      assertThat(live).as(file).isNotNull();
      assertThat(JSON.convertValue(live, JsonNode.class).get("spec"))
          .as(file)
          .isEqualTo(JSON.convertValue(expected, JsonNode.class).get("spec"));
    }
    // ... and so is every RoleBinding of rbac.yaml: nothing stood in the way of applying it.
    for (HasMetadata binding : generated.clusterAdminBindings()) {
      assertThat(mock.client().resource(binding).get()).isNotNull();
    }
    assertThat(mock.applies())
        .hasSize(kustomizationResources(generated).size() + generated.clusterAdminBindings().size())
        .allSatisfy(
            request ->
                assertThat(request.getPath())
                    .contains("fieldManager=multiarch-tekton")
                    .contains("force=true")
                    .doesNotContain("dryRun"))
        .allSatisfy(
            request ->
                assertThat(request.getHeader("Content-Type"))
                    .startsWith("application/apply-patch"));
  }

  @Test
  void
      deploy_daemonsetPlacement_appliesTheEmulatorDaemonSetAfterItsAccount_asTheKustomizationLists() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    GeneratedPipeline generated =
        MultiArchTekton.fromSpecFile(
                GoldenFiles.projectRoot().resolve("examples/daemonset/multiarch.yaml"))
            .generate();

    List<String> lines = deploy(generated, false);

    assertThat(lines)
        .containsExactly(
            "imagestream.image.openshift.io/cache created",
            "imagestream.image.openshift.io/buildah-qemu created",
            "serviceaccount/cache-builder created",
            "serviceaccount/cache-binfmt created",
            "rolebinding.rbac.authorization.k8s.io/cache-builder-image-builder created",
            "rolebinding.rbac.authorization.k8s.io/cache-builder-pipelines-scc created",
            "rolebinding.rbac.authorization.k8s.io/cache-binfmt-privileged-scc created",
            "daemonset.apps/cache-binfmt created",
            "task.tekton.dev/multiarch-resolve-commit created",
            "task.tekton.dev/multiarch-buildah created",
            "task.tekton.dev/multiarch-manifest created",
            "task.tekton.dev/multiarch-builder-image created",
            "pipeline.tekton.dev/cache created",
            "pipeline.tekton.dev/buildah-qemu-bootstrap created");
    HasMetadata expected = JSON.unmarshal(generated.files().get("daemonset-cache-binfmt.yaml"));
    assertThat(
            JSON.convertValue(mock.client().resource(expected).get(), JsonNode.class).get("spec"))
        .isEqualTo(JSON.convertValue(expected, JsonNode.class).get("spec"));
    assertThat(kustomizationResources(generated)).contains("daemonset-cache-binfmt.yaml");
  }

  @Test
  void deploy_twice_secondChangesNothing() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    deploy(hello(), false);

    List<String> lines = deploy(hello(), false);

    assertThat(lines).hasSize(14).allSatisfy(line -> assertThat(line).endsWith(" unchanged"));
  }

  @Test
  void deploy_changedSpec_configuresOnlyWhatChanged() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    deploy(hello(), false);
    GeneratedPipeline changed =
        MultiArchTekton.from(
                hello().spec().toBuilder()
                    .platforms(
                        List.of(
                            Platform.parse("linux/amd64"),
                            Platform.parse("linux/arm64"),
                            Platform.parse("linux/s390x")))
                    .build())
            .generate();

    List<String> lines = deploy(changed, false);

    assertThat(lines)
        .filteredOn(line -> !line.endsWith(" unchanged"))
        .containsExactly("pipeline.tekton.dev/hello configured");
    Pipeline live =
        mock.client().resources(Pipeline.class).inNamespace("demo").withName("hello").get();
    assertThat(live.getSpec().getParams().get(0).getDefault().getArrayVal())
        .containsExactly("linux/amd64", "linux/arm64", "linux/s390x");
  }

  @Test
  void deploy_serverDryRun_reportsButStoresNothing() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);

    List<String> lines = deploy(hello(), true);

    assertThat(lines)
        .hasSize(14)
        .first()
        .isEqualTo("imagestream.image.openshift.io/hello created (server dry run)");
    assertThat(mock.client().resources(Pipeline.class).inNamespace("demo").list().getItems())
        .isEmpty();
    assertThat(mock.applies())
        .extracting(RecordedRequest::getPath)
        .allSatisfy(path -> assertThat(path).contains("dryRun=All"));
  }

  @Test
  void deploy_serverDryRunAfterDeploy_saysUnchanged() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    deploy(hello(), false);

    List<String> lines = deploy(hello(), true);

    assertThat(lines)
        .hasSize(14)
        .allSatisfy(line -> assertThat(line).endsWith(" unchanged (server dry run)"));
  }

  @Test
  void deploy_withoutTekton_refusesBeforeApplyingAnything() {
    mock = MockCluster.start(Flavour.NO_TEKTON, tmp);

    assertThatThrownBy(() -> deploy(hello(), false))
        .isInstanceOfSatisfying(
            ClusterException.class,
            e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.TEKTON_MISSING))
        .hasMessage(
            "Tekton Pipelines is not installed on the cluster at "
                + mock.server().url("/")
                + " (it serves no tekton.dev/v1 pipelines, tasks, pipelineruns, taskruns); install OpenShift Pipelines "
                + "1.13 or later, or Tekton Pipelines v0.53 or later");
    assertThat(mock.applies()).isEmpty();
  }

  @Test
  void deploy_plainKubernetes_refusesOpenShiftOnlyResourcesSayingWhatToChange() {
    mock = MockCluster.start(Flavour.KUBERNETES, tmp);

    assertThatThrownBy(() -> deploy(hello(), false))
        .isInstanceOfSatisfying(
            ClusterException.class,
            e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.NOT_OPENSHIFT))
        .hasMessage(
            "the cluster at "
                + mock.server().url("/")
                + " is not OpenShift, and ImageStream/hello, ImageStream/buildah-qemu (no "
                + "image.openshift.io/v1 API) and RoleBindings to OpenShift's roles hello-builder-image-builder "
                + "(system:image-builder), hello-builder-pipelines-scc (pipelines-scc-clusterrole), "
                + "hello-privileged-privileged-scc (system:openshift:scc:privileged) (no security.openshift.io/v1 API) "
                + "exist only there; nothing was applied. What is generated targets OpenShift: on plain Kubernetes "
                + "apply the Tasks and the Pipeline alone, allow their privileged pods with Pod Security admission, "
                + "and start runs with the param IMAGE set to a registry of your own");
    assertThat(mock.applies()).isEmpty();
  }

  @Test
  void deploy_rbacForbidsAnApply_namesVerbResourceAndNamespace() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    mock.server()
        .expect()
        .patch()
        .withPath(
            "/apis/tekton.dev/v1/namespaces/demo/pipelines/hello?fieldManager=multiarch-tekton&force=true")
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(
                    "pipelines.tekton.dev \"hello\" is forbidden: User \"dev\" cannot patch resource \"pipelines\" in API "
                        + "group \"tekton.dev\" in the namespace \"demo\"")
                .build())
        .always();
    List<String> lines = new ArrayList<>();

    assertThatThrownBy(
            () -> {
              try (Cluster cluster = Cluster.connect(mock.access())) {
                cluster.deploy(hello(), false, applied -> lines.add(applied.toString()));
              }
            })
        .isInstanceOfSatisfying(
            ClusterException.class,
            e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.FORBIDDEN))
        .hasMessage(
            "RBAC forbids 'patch' on pipelines.tekton.dev in namespace demo; the cluster said: "
                + "pipelines.tekton.dev \"hello\" is forbidden: User \"dev\" cannot patch resource \"pipelines\" in API "
                + "group \"tekton.dev\" in the namespace \"demo\"");
    assertThat(lines)
        .hasSize(12)
        .last()
        .isEqualTo("task.tekton.dev/multiarch-builder-image created");
  }

  @Test
  void deploy_credentialsRefused_saysSo() {
    mock = MockCluster.start(Flavour.UNAUTHORIZED, tmp);

    assertThatThrownBy(() -> deploy(hello(), false))
        .isInstanceOfSatisfying(
            ClusterException.class,
            e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.UNAUTHORIZED))
        .hasMessage(
            "the cluster at "
                + mock.server().url("/")
                + " refused the credentials (401 Unauthorized); log "
                + "in again (oc login, or a fresh kubeconfig)");
  }

  @SuppressWarnings("unchecked")
  static List<String> kustomizationResources(GeneratedPipeline generated) {
    Map<String, Object> kustomization =
        JSON.unmarshal(generated.files().get("kustomization.yaml"), Map.class);
    return (List<String>) kustomization.get("resources");
  }
}
