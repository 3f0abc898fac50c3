package dev.multiarch.tekton.cluster.testing;

import dev.multiarch.tekton.cluster.ClusterAccess;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.LocalSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.openshift.api.model.ImageBuilder;
import io.fabric8.openshift.api.model.ImageStreamTag;
import io.fabric8.openshift.api.model.ImageStreamTagBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * fabric8's Kubernetes mock server in CRUD mode, serving real HTTPS on loopback, plus server-side
 * apply ({@link ServerSideApply}) and the discovery answers of a cluster with or without Tekton and
 * OpenShift; and a kubeconfig that points at it, so that code under test connects as it would to a
 * real cluster.
 */
public final class MockCluster implements AutoCloseable {

  /** What the mock serves besides Kubernetes itself. */
  public enum Flavour {
    /** Tekton and OpenShift's image and security APIs. */
    OPENSHIFT,
    /** Tekton on plain Kubernetes. */
    KUBERNETES,
    /** No Tekton. */
    NO_TEKTON,
    /** Refuses the kubeconfig's credentials (401) on every discovery request. */
    UNAUTHORIZED
  }

  /**
   * The mock's own request log (java.util.logging, one INFO line per request) would drown the test
   * output. Held, never read: java.util.logging keeps loggers weakly, and a collected one would
   * come back at its default level.
   */
  @SuppressWarnings("unused")
  private static final Logger MOCK_LOG = quiet(Logger.getLogger("io.fabric8.mockwebserver"));

  private final MockWebServer web;
  private final KubernetesMockServer server;
  private final ServerSideApply dispatcher;
  private final Path kubeconfig;
  private final KubernetesClient client;
  private final Set<String> denied = ConcurrentHashMap.newKeySet();
  private volatile boolean localReviewsAnswered = true;

  // The mock server takes an ObjectMapper, and fabric8 gives its configured one publicly only
  // through the deprecated
  // Serialization.jsonMapper().
  @SuppressWarnings("deprecation")
  private MockCluster(Flavour flavour, Path dir) {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    dispatcher = new ServerSideApply(new KubernetesMixedDispatcher(responses), responses);
    web = new MockWebServer();
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()), web, responses, dispatcher, true);
    server.start();
    switch (flavour) {
      case OPENSHIFT -> {
        serveTekton();
        readyForHello();
        serve("image.openshift.io/v1", "ImageStream", "imagestreams");
        serve(
            "security.openshift.io/v1", "SecurityContextConstraints", "securitycontextconstraints");
      }
      case KUBERNETES -> {
        serveTekton();
        serve("image.openshift.io/v1");
        serve("security.openshift.io/v1");
      }
      case NO_TEKTON -> {
        serve("tekton.dev/v1");
        serve("image.openshift.io/v1");
        serve("security.openshift.io/v1");
      }
      case UNAUTHORIZED -> {
        for (String groupVersion :
            List.of("tekton.dev/v1", "image.openshift.io/v1", "security.openshift.io/v1")) {
          server
              .expect()
              .get()
              .withPath("/apis/" + groupVersion)
              .andReturn(
                  401,
                  new StatusBuilder()
                      .withCode(401)
                      .withReason("Unauthorized")
                      .withMessage("Unauthorized")
                      .build())
              .always();
        }
      }
    }
    if (flavour != Flavour.UNAUTHORIZED) {
      answerAccessReviews();
    }
    kubeconfig = dir.resolve("kubeconfig");
    try {
      Files.writeString(kubeconfig, kubeconfig(server.url("/")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client = server.createClient();
  }

  public static MockCluster start(Flavour flavour, Path dir) {
    return new MockCluster(flavour, dir);
  }

  /** How code under test reaches this cluster: its kubeconfig, context {@code mock}. */
  public ClusterAccess access() {
    return ClusterAccess.defaults().withKubeconfig(kubeconfig);
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** A client of the test's own, to arrange and inspect the cluster's state. */
  public KubernetesClient client() {
    return client;
  }

  public KubernetesMockServer server() {
    return server;
  }

  /** The server-side apply requests received, in order. */
  public List<RecordedRequest> applies() {
    return dispatcher.applies();
  }

  /**
   * From now on, SelfSubjectAccessReviews of {@code verb} on {@code resource} (plural, as RBAC
   * names it) named {@code name} (empty for any) are denied; every other one is allowed.
   */
  public void deny(String verb, String resource, String name) {
    denied.add(verb + " " + resource + " " + name);
  }

  /**
   * From now on, LocalSubjectAccessReviews asking for {@code user} of {@code verb} on {@code
   * resource} named {@code name} (empty for any) are denied; every other one is allowed.
   */
  public void denyFor(String user, String verb, String resource, String name) {
    denied.add(user + " " + verb + " " + resource + " " + name);
  }

  /**
   * From now on, LocalSubjectAccessReviews come back without a status, as from a server that gave
   * no answer.
   */
  public void leaveLocalReviewsUnanswered() {
    localReviewsAnswered = false;
  }

  /**
   * The OpenShift Pipelines namespace, the registry's configuration, as a ready cluster has them.
   */
  public static final String PIPELINES = "openshift-pipelines";

  /** The registry operator's configuration, cluster-scoped. */
  public static final ResourceDefinitionContext REGISTRY =
      new ResourceDefinitionContext.Builder()
          .withGroup("imageregistry.operator.openshift.io")
          .withVersion("v1")
          .withKind("Config")
          .withPlural("configs")
          .withNamespaced(false)
          .build();

  /**
   * What examples/hello needs to find on a cluster: OpenShift Pipelines with Tekton v0.68.1, the
   * affinity assistant on, matrix allowed, a default StorageClass, the Secret quay-push in demo and
   * a Managed registry. Tests of a problem change one of them.
   */
  private void readyForHello() {
    KubernetesClient seed = server.createClient();
    seed.resource(configMap("pipelines-info", Map.of("version", "v0.68.1"))).create();
    seed.resource(
            configMap(
                "feature-flags",
                Map.of(
                    "enable-api-fields", "beta",
                    "disable-affinity-assistant", "false",
                    "coschedule", "workspaces")))
        .create();
    seed.resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName("standard")
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                .endMetadata()
                .withProvisioner("example.com/disk")
                .build())
        .create();
    seed.resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("quay-push")
                .withNamespace("demo")
                .endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .addToData(".dockerconfigjson", "e30=")
                .build())
        .create();
    GenericKubernetesResource registry = new GenericKubernetesResource();
    registry.setApiVersion("imageregistry.operator.openshift.io/v1");
    registry.setKind("Config");
    registry.setMetadata(new ObjectMetaBuilder().withName("cluster").build());
    registry.setAdditionalProperty("spec", Map.of("managementState", "Managed"));
    seed.genericKubernetesResources(REGISTRY).resource(registry).create();
    seed.resource(builderImageTag("linux", "amd64")).create();
    seed.close();
  }

  /**
   * The default builder image as the bootstrap leaves it in namespace demo: a manifest list of the
   * given os/arch pairs.
   */
  public static ImageStreamTag builderImageTag(String... osAndArch) {
    ImageBuilder image = new ImageBuilder().withNewMetadata().withName("sha256:0").endMetadata();
    for (int i = 0; i < osAndArch.length; i += 2) {
      image
          .addNewDockerImageManifest()
          .withOs(osAndArch[i])
          .withArchitecture(osAndArch[i + 1])
          .withDigest("sha256:" + i)
          .endDockerImageManifest();
    }
    return new ImageStreamTagBuilder()
        .withNewMetadata()
        .withName("buildah-qemu:1.39.0-1")
        .withNamespace("demo")
        .endMetadata()
        .withImage(image.build())
        .build();
  }

  private static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(PIPELINES)
        .endMetadata()
        .withData(data)
        .build();
  }

  private void answerAccessReviews() {
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
        .andReply(
            201,
            request -> {
              SelfSubjectAccessReview review =
                  Serialization.unmarshal(
                      request.getBody().readUtf8(), SelfSubjectAccessReview.class);
              ResourceAttributes asked = review.getSpec().getResourceAttributes();
              boolean refused =
                  denied.contains(asked.getVerb() + " " + asked.getResource() + " ")
                      || denied.contains(
                          asked.getVerb() + " " + asked.getResource() + " " + asked.getName());
              review.setStatus(
                  new SubjectAccessReviewStatusBuilder().withAllowed(!refused).build());
              return review;
            })
        .always();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/namespaces/demo/localsubjectaccessreviews")
        .andReply(
            201,
            request -> {
              LocalSubjectAccessReview review =
                  Serialization.unmarshal(
                      request.getBody().readUtf8(), LocalSubjectAccessReview.class);
              ResourceAttributes asked = review.getSpec().getResourceAttributes();
              if (!localReviewsAnswered) {
                return review;
              }
              String who = review.getSpec().getUser() + " " + asked.getVerb() + " ";
              boolean refused =
                  denied.contains(who + asked.getResource() + " ")
                      || denied.contains(who + asked.getResource() + " " + asked.getName());
              review.setStatus(
                  new SubjectAccessReviewStatusBuilder().withAllowed(!refused).build());
              return review;
            })
        .always();
  }

  private void serveTekton() {
    serve(
        "tekton.dev/v1",
        "Pipeline",
        "pipelines",
        "Task",
        "tasks",
        "PipelineRun",
        "pipelineruns",
        "TaskRun",
        "taskruns");
  }

  /**
   * Discovery of {@code groupVersion} lists these kinds (kind, plural, kind, plural, ...): none
   * means not served.
   */
  private void serve(String groupVersion, String... kindsAndPlurals) {
    APIResourceListBuilder list = new APIResourceListBuilder().withGroupVersion(groupVersion);
    for (int i = 0; i < kindsAndPlurals.length; i += 2) {
      list.addToResources(
          new APIResourceBuilder()
              .withKind(kindsAndPlurals[i])
              .withName(kindsAndPlurals[i + 1])
              .withNamespaced(true)
              .build());
    }
    if (kindsAndPlurals.length == 0) {
      server.expect().get().withPath("/apis/" + groupVersion).andReturn(404, "").always();
    } else {
      server.expect().get().withPath("/apis/" + groupVersion).andReturn(200, list.build()).always();
    }
  }

  private static Logger quiet(Logger logger) {
    logger.setLevel(Level.WARNING);
    return logger;
  }

  private static String kubeconfig(String url) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: mock
            cluster:
              server: %s
              insecure-skip-tls-verify: true
        contexts:
          - name: mock
            context:
              cluster: mock
              user: tester
          - name: other
            context:
              cluster: mock
              user: tester
        current-context: mock
        users:
          - name: tester
            user:
              token: not-a-real-token
        """
        .formatted(url);
  }

  @Override
  public void close() {
    client.close();
    server.shutdown();
    // The HTTPS server's key and certificate files in the temporary folder; its shutdown leaves
    // them to the JVM's exit.
    if (web.getSelfSignedCertificate() != null) {
      web.getSelfSignedCertificate().delete();
    }
  }
}
