package dev.multiarch.tekton.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.cluster.testing.MockCluster;
import dev.multiarch.tekton.cluster.testing.MockCluster.Flavour;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.openshift.api.model.ImageStreamTag;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * doctor on fabric8's mock server: a cluster ready for examples/hello, then each problem seeded
 * into it, one row each, with the line doctor prints for it.
 */
class DoctorTest {

  @TempDir Path tmp;

  private MockCluster mock;
  private final GeneratedPipeline hello = DeployTest.hello();

  @AfterEach
  void stop() {
    if (mock != null) {
      mock.close();
    }
  }

  private List<String> doctor() {
    try (Cluster cluster = Cluster.connect(mock.access())) {
      return cluster.doctor(hello).stream().map(Check::toString).toList();
    }
  }

  @Test
  void doctor_readyCluster_everyCheckOk() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);

    List<String> lines = doctor();

    assertThat(lines)
        .containsExactly(
            "ok       tekton: Tekton Pipelines v0.68.1 in namespace openshift-pipelines",
            "ok       feature-flags: enable-api-fields is beta: matrix allowed",
            "ok       feature-flags: disable-affinity-assistant is false and coschedule workspaces: same-node builds share a node",
            "ok       registry: the internal image registry is Managed",
            "ok       builder-image: ImageStreamTag buildah-qemu:1.39.0-1 has the default builder image for linux/amd64",
            "ok       storage: workspace source claims from the default StorageClass standard",
            "ok       secret: Secret quay-push (workspace dockerconfig) holds registry credentials",
            "ok       access: you may apply every resource deploy applies in namespace demo",
            "ok       access: you may bind ClusterRole system:image-builder (RoleBinding hello-builder-image-builder)",
            "ok       access: you may bind ClusterRole pipelines-scc-clusterrole (RoleBinding hello-builder-pipelines-scc)",
            "ok       access: you may bind ClusterRole system:openshift:scc:privileged (RoleBinding hello-privileged-privileged-scc)",
            "ok       access: you may create PipelineRuns in namespace demo");
  }

  static Stream<Arguments> problems() {
    return Stream.of(
        Arguments.of(
            "affinity assistant off on 0.56",
            seed(
                m -> {
                  flags(
                      m, Map.of("disable-affinity-assistant", "true", "coschedule", "workspaces"));
                  info(m, "v0.56.3");
                }),
            "problem  feature-flags: disable-affinity-assistant is 'true', so before Tekton 1.0 the affinity assistant is off (coschedule workspaces does not turn it on) and same-node builds scatter over nodes without emulators; fix: oc patch tektonconfig config --type merge -p '{\"spec\":{\"pipeline\":{\"disable-affinity-assistant\":false}}}'"),
        Arguments.of(
            "affinity assistant off on 1.x",
            seed(
                m -> {
                  flags(m, Map.of("coschedule", "disabled"));
                  info(m, "v1.0.0");
                }),
            "problem  feature-flags: coschedule is 'disabled', so the affinity assistant is off and same-node builds scatter over nodes without emulators; fix: oc patch tektonconfig config --type merge -p '{\"spec\":{\"pipeline\":{\"coschedule\":\"workspaces\"}}}'"),
        Arguments.of(
            "enable-api-fields stable",
            seed(m -> flags(m, Map.of("enable-api-fields", "stable"))),
            "problem  feature-flags: enable-api-fields is stable, which refuses matrix (a beta feature) and so the Pipeline; fix: oc patch tektonconfig config --type merge -p '{\"spec\":{\"pipeline\":{\"enable-api-fields\":\"beta\"}}}'"),
        Arguments.of(
            "Tekton too old",
            seed(m -> info(m, "v0.50.2")),
            "problem  tekton: Tekton Pipelines v0.50.2 in namespace openshift-pipelines is older than v0.53, the first to pass a matrix's results on; upgrade to OpenShift Pipelines 1.13 or later, or Tekton Pipelines v0.53 or later"),
        Arguments.of(
            "registry Removed",
            seed(
                m -> {
                  GenericKubernetesResource config =
                      m.client()
                          .genericKubernetesResources(MockCluster.REGISTRY)
                          .withName("cluster")
                          .get();
                  config.setAdditionalProperty("spec", Map.of("managementState", "Removed"));
                  m.client()
                      .genericKubernetesResources(MockCluster.REGISTRY)
                      .resource(config)
                      .update();
                }),
            "problem  registry: the internal image registry is 'Removed', not Managed, and the per-arch images go to an ImageStream; fix: give it storage and set it Managed (oc patch configs.imageregistry.operator.openshift.io cluster --type merge -p '{\"spec\":{\"managementState\":\"Managed\"}}'), or push the per-arch images to another repository (spec.staging.repository)"),
        Arguments.of(
            "no builder image",
            seed(
                m ->
                    m.client()
                        .resources(ImageStreamTag.class)
                        .inNamespace("demo")
                        .withName("buildah-qemu:1.39.0-1")
                        .delete()),
            "problem  builder-image: ImageStreamTag buildah-qemu:1.39.0-1 is not in namespace demo: builds would fail pulling the default builder image image-registry.openshift-image-registry.svc:5000/demo/buildah-qemu:1.39.0-1; fix: oc create -f FOLDER/pipelinerun-buildah-qemu-bootstrap.yaml (FOLDER: the generated folder) and wait for it to succeed, or set spec.builderImage"),
        Arguments.of(
            "builder image of another architecture",
            seed(
                m -> {
                  m.client()
                      .resources(ImageStreamTag.class)
                      .inNamespace("demo")
                      .withName("buildah-qemu:1.39.0-1")
                      .delete();
                  m.client().resource(MockCluster.builderImageTag("linux", "arm64")).create();
                }),
            "problem  builder-image: ImageStreamTag buildah-qemu:1.39.0-1 has no image for linux/amd64, whose nodes run this spec's steps; fix: run the bootstrap of this spec's folder again (oc create -f FOLDER/pipelinerun-buildah-qemu-bootstrap.yaml), which builds the image for every node platform of the spec"),
        Arguments.of(
            "no default StorageClass",
            seed(m -> m.client().storage().v1().storageClasses().withName("standard").delete()),
            "problem  storage: workspace source claims a volume of the default StorageClass and the cluster has none, so the claim stays Pending; fix: mark one default (kubectl patch storageclass NAME -p '{\"metadata\":{\"annotations\":{\"storageclass.kubernetes.io/is-default-class\":\"true\"}}}')"),
        Arguments.of(
            "Secret missing",
            seed(m -> m.client().secrets().inNamespace("demo").withName("quay-push").delete()),
            "problem  secret: Secret quay-push (workspace dockerconfig) does not exist in namespace demo, and the run would hang in FailedMount until it times out; fix: oc -n demo create secret docker-registry quay-push --docker-server=REGISTRY --docker-username=USER --docker-password=TOKEN"),
        Arguments.of(
            "Secret of the wrong type",
            seed(
                m ->
                    m.client()
                        .secrets()
                        .inNamespace("demo")
                        .withName("quay-push")
                        .edit(
                            s -> {
                              s.setType("Opaque");
                              s.setData(Map.of("token", "eA=="));
                              return s;
                            })),
            "problem  secret: Secret quay-push is of type Opaque with keys token, not a kubernetes.io/dockerconfigjson Secret (key .dockerconfigjson), so the push has no credentials; fix: replace it: oc -n demo delete secret quay-push; oc -n demo create secret docker-registry quay-push --docker-server=REGISTRY --docker-username=USER --docker-password=TOKEN"),
        Arguments.of(
            "use of SCC privileged denied",
            seed(
                m -> {
                  m.deny("bind", "clusterroles", "");
                  m.deny("use", "securitycontextconstraints", "privileged");
                }),
            "problem  access: you may neither bind ClusterRole system:openshift:scc:privileged nor use SCC privileged, so RoleBinding hello-privileged-privileged-scc would be refused; fix: a cluster admin applies rbac.yaml of generate -o once (oc apply -f), or grants you 'use' on SCC privileged"),
        Arguments.of(
            "create pipelineruns denied",
            seed(m -> m.deny("create", "pipelineruns", "")),
            "problem  access: you may not create pipelineruns.tekton.dev in namespace demo; fix: ask for the edit role there (oc adm policy add-role-to-user edit USER -n demo)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void doctor_problemSeeded_saysItAndItsFix(
      String problem, Consumer<MockCluster> seed, String expected) {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    seed.accept(mock);

    List<String> lines = doctor();

    assertThat(lines.stream().filter(line -> line.startsWith("problem"))).containsExactly(expected);
  }

  static Stream<Arguments> unanswered() {
    return Stream.of(
        Arguments.of(
            "feature-flags forbidden",
            seed(
                m ->
                    m.server()
                        .expect()
                        .get()
                        .withPath("/api/v1/namespaces/openshift-pipelines/configmaps/feature-flags")
                        .andReturn(
                            403,
                            new StatusBuilder()
                                .withCode(403)
                                .withMessage("configmaps \"feature-flags\" is forbidden")
                                .build())
                        .always()),
            "warning  feature-flags: RBAC forbids 'get' on configmaps/feature-flags in namespace openshift-pipelines; the cluster said: configmaps \"feature-flags\" is forbidden: feature flags were not checked"),
        Arguments.of(
            "version not a version",
            seed(m -> info(m, "x".repeat(100_000))),
            "warning  tekton: ConfigMap pipelines-info in namespace openshift-pipelines gives version 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...', which is not a version: Tekton's release was not checked"
                + "\n"
                + "warning  feature-flags: Tekton's version is unknown, so whether the affinity assistant is on is too"),
        Arguments.of(
            "builder image forbidden",
            seed(
                m ->
                    m.server()
                        .expect()
                        .get()
                        .withPath(
                            "/apis/image.openshift.io/v1/namespaces/demo/imagestreamtags/buildah-qemu:1.39.0-1")
                        .andReturn(
                            403,
                            new StatusBuilder()
                                .withCode(403)
                                .withMessage("imagestreamtags is forbidden")
                                .build())
                        .always()),
            "warning  builder-image: RBAC forbids 'get' on imagestreamtags.image.openshift.io/buildah-qemu:1.39.0-1 in namespace demo; the cluster said: imagestreamtags is forbidden: the default builder image was not checked"),
        Arguments.of(
            "no pipelines-info",
            seed(
                m ->
                    m.client()
                        .configMaps()
                        .inNamespace(MockCluster.PIPELINES)
                        .withName("pipelines-info")
                        .delete()),
            "warning  tekton: found no ConfigMap pipelines-info in openshift-pipelines or tekton-pipelines: Tekton's version and feature flags were not checked"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unanswered")
  void doctor_questionUnanswered_warnsAndGoesOn(
      String what, Consumer<MockCluster> seed, String expected) {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    seed.accept(mock);

    List<String> lines = doctor();

    assertThat(lines.stream().filter(line -> !line.startsWith("ok")))
        .containsExactly(expected.split("\n"));
  }

  @Test
  void doctor_withoutTekton_oneProblem() {
    mock = MockCluster.start(Flavour.NO_TEKTON, tmp);

    assertThat(doctor())
        .containsExactly(
            "problem  tekton: Tekton Pipelines is not installed on the cluster at "
                + mock.server().url("/")
                + " (it serves no tekton.dev/v1 pipelines, tasks, pipelineruns, taskruns); install"
                + " OpenShift Pipelines 1.13 or later, or Tekton Pipelines v0.53 or later");
  }

  static Stream<Arguments> affinityOn() {
    return Stream.of(
        Arguments.of(
            "v1.0.0 with Tekton's defaults",
            seed(
                m -> {
                  info(m, "v1.0.0");
                  removeFlags(m, "disable-affinity-assistant", "coschedule");
                })),
        Arguments.of(
            "v1.3.0 with coschedule pipelineruns",
            seed(
                m -> {
                  info(m, "v1.3.0");
                  flags(m, Map.of("coschedule", "pipelineruns"));
                })),
        Arguments.of(
            "v0.56.3 with disable-affinity-assistant true and coschedule isolate-pipelinerun",
            seed(
                m -> {
                  info(m, "v0.56.3");
                  flags(
                      m,
                      Map.of(
                          "disable-affinity-assistant", "true",
                          "coschedule", "isolate-pipelinerun"));
                })),
        Arguments.of(
            "v0.56.3 with the flags left out",
            seed(
                m -> {
                  info(m, "v0.56.3");
                  removeFlags(m, "disable-affinity-assistant", "coschedule", "enable-api-fields");
                })));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("affinityOn")
  void doctor_affinityAssistantOn_nothingToSay(String what, Consumer<MockCluster> seed) {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    seed.accept(mock);

    List<String> lines = doctor();

    assertThat(lines).hasSize(12).allSatisfy(line -> assertThat(line).startsWith("ok "));
  }

  @Test
  void doctor_plainTektonNamespace_fixPatchesTheConfigMap() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    for (String name : List.of("pipelines-info", "feature-flags")) {
      ConfigMap map =
          mock.client().configMaps().inNamespace(MockCluster.PIPELINES).withName(name).get();
      mock.client().resource(map).delete();
      map.getMetadata().setNamespace("tekton-pipelines");
      map.getMetadata().setResourceVersion(null);
      mock.client().resource(map).create();
    }
    mock.client()
        .configMaps()
        .inNamespace("tekton-pipelines")
        .withName("feature-flags")
        .edit(
            (ConfigMap map) -> {
              map.getData().put("enable-api-fields", "stable");
              return map;
            });

    List<String> lines = doctor();

    assertThat(lines.stream().filter(line -> !line.startsWith("ok")))
        .containsExactly(
            "problem  feature-flags: enable-api-fields is stable, which refuses matrix (a beta"
                + " feature) and so the Pipeline; fix: kubectl -n tekton-pipelines patch configmap"
                + " feature-flags --type merge -p '{\"data\":{\"enable-api-fields\":\"beta\"}}'");
    assertThat(lines.get(0))
        .isEqualTo("ok       tekton: Tekton Pipelines v0.68.1 in namespace tekton-pipelines");
  }

  private static void removeFlags(MockCluster mock, String... keys) {
    mock.client()
        .configMaps()
        .inNamespace(MockCluster.PIPELINES)
        .withName("feature-flags")
        .edit(
            (ConfigMap map) -> {
              for (String key : keys) {
                map.getData().remove(key);
              }
              return map;
            });
  }

  @Test
  void deploy_checkFails_refusesBeforeApplying_unlessWithoutChecks() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    mock.deny("create", "tasks", "");

    try (Cluster cluster = Cluster.connect(mock.access())) {
      assertThatThrownBy(() -> cluster.deploy(hello, false, applied -> {}))
          .isInstanceOfSatisfying(
              ClusterException.class,
              e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.NOT_READY))
          .hasMessage(
              "access: you may not create tasks.tekton.dev in namespace demo; fix: ask for the"
                  + " admin role there (oc adm policy add-role-to-user admin USER -n demo); nothing"
                  + " was created");
      assertThat(mock.applies()).isEmpty();

      cluster.withoutChecks().deploy(hello, false, applied -> {});
    }

    assertThat(mock.applies()).hasSize(hello.allResources().size());
  }

  @Test
  void start_withoutTheDefaultBuilderImage_refusesNamingTheBootstrap() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    mock.client()
        .resources(ImageStreamTag.class)
        .inNamespace("demo")
        .withName("buildah-qemu:1.39.0-1")
        .delete();

    try (Cluster cluster = Cluster.connect(mock.access())) {
      cluster.deploy(hello, false, applied -> {});
      assertThatThrownBy(() -> cluster.start(hello, Map.of()))
          .isInstanceOfSatisfying(
              ClusterException.class,
              e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.NOT_READY))
          .hasMessageStartingWith(
              "builder-image: ImageStreamTag buildah-qemu:1.39.0-1 is not in namespace demo")
          .hasMessageEndingWith("or set spec.builderImage; nothing was created");
    }
  }

  static Stream<Arguments> builderImageNotChecked() {
    return Stream.of(
        Arguments.of(
            "builder image named",
            DeployTest.hello().spec().toBuilder()
                .builderImage("registry.example.com/tools/buildah-qemu:1.39.0-1")
                .build()),
        Arguments.of(
            "staging repository",
            DeployTest.hello().spec().toBuilder()
                .stagingRepository("quay.io/example/staging")
                .build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builderImageNotChecked")
  void doctor_builderImageOutsideTheNamespace_isNotChecked(
      String what, dev.multiarch.tekton.BuildSpec spec) {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    mock.client()
        .resources(ImageStreamTag.class)
        .inNamespace("demo")
        .withName("buildah-qemu:1.39.0-1")
        .delete();

    List<String> lines;
    try (Cluster cluster = Cluster.connect(mock.access())) {
      lines =
          cluster.doctor(dev.multiarch.tekton.MultiArchTekton.from(spec).generate()).stream()
              .map(Check::toString)
              .toList();
    }

    assertThat(lines).isNotEmpty().noneMatch(line -> line.contains(" builder-image: "));
  }

  @Test
  void doctor_buildSecretAndLegacyDockercfg_checksBoth() {
    // Given a legacy kubernetes.io/dockercfg push Secret and a build Secret that is not there
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    mock.client()
        .secrets()
        .inNamespace("demo")
        .withName("quay-push")
        .edit(
            s -> {
              s.setType("kubernetes.io/dockercfg");
              s.setData(Map.of(".dockercfg", "e30="));
              return s;
            });
    dev.multiarch.tekton.BuildSpec spec =
        DeployTest.hello().spec().toBuilder().buildSecret("npm-token").build();

    // When
    List<String> lines;
    try (Cluster cluster = Cluster.connect(mock.access())) {
      lines =
          cluster.doctor(dev.multiarch.tekton.MultiArchTekton.from(spec).generate()).stream()
              .map(Check::toString)
              .filter(line -> line.contains(" secret: "))
              .toList();
    }

    // Then
    assertThat(lines)
        .containsExactly(
            "ok       secret: Secret quay-push (workspace dockerconfig) holds registry credentials",
            "problem  secret: Secret npm-token (workspace build-secrets) does not exist in namespace"
                + " demo, and the run would hang in FailedMount until it times out; fix: create it");
  }

  static Stream<Arguments> caBundles() {
    return Stream.of(
        Arguments.of(
            "missing",
            null,
            "problem  configmap: ConfigMap corp-ca (workspace ssl-ca-directory) does not exist in"
                + " namespace demo, and the run would hang in FailedMount until it times out; fix:"
                + " oc -n demo create configmap corp-ca --from-file=ca.crt=CA.pem, or on OpenShift"
                + " name config-trusted-cabundle"),
        Arguments.of(
            "empty",
            Map.of(),
            "problem  configmap: ConfigMap corp-ca (workspace ssl-ca-directory) holds no CA"
                + " certificate, and the steps would stop on it; fix: oc -n demo create configmap"
                + " corp-ca --from-file=ca.crt=CA.pem, or on OpenShift name config-trusted-cabundle"),
        Arguments.of(
            "with certificates",
            Map.of("ca-bundle.crt", "PEM", "proxy.pem", "PEM"),
            "ok       configmap: ConfigMap corp-ca (workspace ssl-ca-directory) holds ca-bundle.crt,"
                + " proxy.pem"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("caBundles")
  void doctor_caBundle_checksTheConfigMap(String name, Map<String, String> data, String expected) {
    // Given
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    if (data != null) {
      mock.client()
          .configMaps()
          .inNamespace("demo")
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("corp-ca")
                  .withNamespace("demo")
                  .endMetadata()
                  .withData(data)
                  .build())
          .create();
    }
    dev.multiarch.tekton.BuildSpec spec =
        DeployTest.hello().spec().toBuilder().caBundle("corp-ca").build();

    // When
    List<String> lines;
    try (Cluster cluster = Cluster.connect(mock.access())) {
      lines =
          cluster.doctor(dev.multiarch.tekton.MultiArchTekton.from(spec).generate()).stream()
              .map(Check::toString)
              .filter(line -> line.contains(" configmap: "))
              .toList();
    }

    // Then
    assertThat(lines).containsExactly(expected);
  }

  private static Consumer<MockCluster> seed(Consumer<MockCluster> seed) {
    return seed;
  }

  private static void flags(MockCluster mock, Map<String, String> values) {
    edit(mock, "feature-flags", values);
  }

  private static void info(MockCluster mock, String version) {
    edit(mock, "pipelines-info", Map.of("version", version));
  }

  private static void edit(MockCluster mock, String name, Map<String, String> values) {
    mock.client()
        .configMaps()
        .inNamespace(MockCluster.PIPELINES)
        .withName(name)
        .edit(
            (ConfigMap map) -> {
              map.getData().putAll(values);
              return map;
            });
  }
}
