package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.local.LocalRun;
import dev.multiarch.tekton.local.LocalRunResult;
import dev.multiarch.tekton.local.RunListener;
import dev.multiarch.tekton.local.TaskRunOutcome;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.tasks.testing.HostTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-tool group: the two-platform base image is held by a registry served over TLS with a
 * certificate (SAN IP:127.0.0.1) signed by a CA this test makes with openssl. run-local, pushing to
 * a plain loopback registry of the test's, builds FROM it when the CA is given only through the
 * {@code ssl-ca-directory} workspace, and without it every build fails within seconds with one line
 * naming the registry and that workspace: the FROM pull is verified as on a cluster, although the
 * loopback registry run-local pushes to is reached without TLS.
 */
@Tag("real-tools")
class RunLocalTlsRegistryEndToEndTest {

  private static final Path HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml");

  /** A build that cannot pull its FROM image fails long before this. */
  private static final Duration FAILS_WITHIN = Duration.ofSeconds(60);

  @TempDir static Path tmp;
  private static TestRegistry tlsRegistry;
  private static TestRegistry destination;
  private static LocalRunResult withCa;
  private static LocalRunResult withoutCa;
  private static final List<String> notes = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void buildWithAndWithoutTheCa() throws Exception {
    RealTools.require();
    HostTools.requireAll("openssl");
    Path pki = Files.createDirectories(tmp.resolve("pki"));
    Path caCertificate = certificateAuthority(pki);
    Path certDir = Files.createDirectories(tmp.resolve("ca-certs"));
    Files.copy(caCertificate, certDir.resolve("ca.crt"));
    tlsRegistry =
        TestRegistry.startWithTls(
            tmp.resolve("tls-registry"),
            serverCertificate(pki, caCertificate),
            pki.resolve("server.key"),
            certDir);
    destination = TestRegistry.start(tmp.resolve("registry"));
    String base = tlsRegistry.host() + "/base/busybox:1";
    tlsRegistry.pushBusyboxBase(base, tmp.resolve("base"));

    Path context = Files.createDirectories(tmp.resolve("context"));
    Files.writeString(
        context.resolve("Containerfile"),
        "FROM "
            + base
            + "\nRUN [\"/bin/busybox\", \"sh\", \"-c\", \"/bin/busybox uname -m > /arch.txt\"]\n");
    // Named as the key of OpenShift's injected config-trusted-cabundle ConfigMap.
    Path cas = Files.createDirectories(tmp.resolve("ssl-ca-directory"));
    Files.copy(caCertificate, cas.resolve("ca-bundle.crt"));

    GeneratedPipeline generated = MultiArchTekton.fromSpecFile(HELLO).generate();
    withCa =
        LocalRun.of(generated)
            .withRegistry(destination.host())
            .withSource(context)
            .withWorkspace("ssl-ca-directory", cas)
            .withLogDir(tmp.resolve("logs-with"))
            .run(
                new RunListener() {
                  @Override
                  public void note(String message) {
                    notes.add(message);
                  }
                });
    withoutCa =
        LocalRun.of(generated)
            .withRegistry(destination.host())
            .withSource(context)
            .withLogDir(tmp.resolve("logs-without"))
            .run(new RunListener() {});
  }

  @AfterAll
  static void stopRegistries() {
    if (tlsRegistry != null) {
      tlsRegistry.close();
    }
    if (destination != null) {
      destination.close();
    }
  }

  @Test
  void withTheCaInSslCaDirectory_buildsFromTheTlsRegistryAndPublishesEveryPlatform()
      throws IOException {
    assertThat(withCa.firstFailure()).as("first failure").isEmpty();
    assertThat(withCa.platforms()).containsExactly("linux/amd64", "linux/arm64");
    Map<String, String> archByPlatform = new LinkedHashMap<>();
    for (JsonNode child : destination.manifest("example/hello:1.0").path("manifests")) {
      archByPlatform.put(
          child.path("platform").path("architecture").asText(),
          destination
              .fileInImage("example/hello@" + child.path("digest").asText(), "arch.txt", tmp)
              .strip());
    }
    assertThat(archByPlatform)
        .containsExactly(Map.entry("amd64", "x86_64"), Map.entry("arm64", "aarch64"));
  }

  @Test
  void theLoopbackRegistry_isReachedWithoutTlsThroughRegistriesConf_notTlsVerifyFalse() {
    assertThat(notes)
        .contains(
            "params: IMAGE="
                + destination.host()
                + "/demo/hello, DESTINATION="
                + destination.host()
                + "/example/hello, GIT_URL=, GIT_REVISION=",
            "on this host: "
                + destination.host()
                + " is the only registry reached without TLS verification, marked insecure in the"
                + " registries.conf every step reads (CONTAINERS_REGISTRIES_CONF,"
                + " /etc/containers/registries.conf plus that registry)");
  }

  @Test
  void withoutTheCa_everyBuildFailsFastWithOneLineNamingTheRegistryAndTheWorkspace()
      throws IOException {
    assertThat(withoutCa.succeeded()).isFalse();
    List<TaskRunOutcome> builds =
        withoutCa.taskRuns().stream()
            .filter(run -> run.displayName().startsWith("build "))
            .toList();
    assertThat(builds).hasSize(2);
    String line =
        "ERROR: the TLS certificate of registry "
            + tlsRegistry.host()
            + " is not trusted when pulling a FROM image (signed by an unknown authority); put the"
            + " CA that signed it in the ssl-ca-directory workspace (spec.caBundle, --ca-bundle)";
    for (TaskRunOutcome build : builds) {
      assertThat(build.succeeded()).as(build.displayName()).isFalse();
      assertThat(build.duration()).as(build.displayName()).isLessThan(FAILS_WITHIN);
      assertThat(StepLogs.of(build.logDir())).as(build.displayName()).contains(line);
    }
  }

  /** A CA certificate (and its key, ca.key) in {@code pki}. */
  private static Path certificateAuthority(Path pki) {
    Path certificate = pki.resolve("ca.crt");
    Commands.run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        pki.resolve("ca.key").toString(),
        "-out",
        certificate.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=multiarch-tekton test CA");
    return certificate;
  }

  /** The registry's certificate for IP 127.0.0.1 (its key: server.key), signed by the CA. */
  private static Path serverCertificate(Path pki, Path caCertificate) throws IOException {
    Path request = pki.resolve("server.csr");
    Path certificate = pki.resolve("server.crt");
    Path extensions = pki.resolve("server.ext");
    Files.writeString(extensions, "subjectAltName = IP:127.0.0.1\n");
    Commands.run(
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        pki.resolve("server.key").toString(),
        "-out",
        request.toString(),
        "-subj",
        "/CN=127.0.0.1");
    Commands.run(
        "openssl",
        "x509",
        "-req",
        "-in",
        request.toString(),
        "-CA",
        caCertificate.toString(),
        "-CAkey",
        pki.resolve("ca.key").toString(),
        "-set_serial",
        "1",
        "-days",
        "2",
        "-extfile",
        extensions.toString(),
        "-out",
        certificate.toString());
    return certificate;
  }
}
