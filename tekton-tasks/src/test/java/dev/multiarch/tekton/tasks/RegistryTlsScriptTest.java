package dev.multiarch.tekton.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.ScriptRunner;
import dev.multiarch.tekton.tasks.testing.ScriptRunner.Run;
import dev.multiarch.tekton.templates.ScriptTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the build and manifest scripts tell buildah about TLS: no {@code --tls-verify} at all when
 * TLS_VERIFY is true (so registries.conf's per-registry {@code insecure} still counts), {@code
 * --tls-verify=false} when it is false, and {@code --registries-conf} for a
 * CONTAINERS_REGISTRIES_CONF on every command; and the one line that ends a step whose registry's
 * certificate is not trusted. A stand-in buildah logs, for each command that talks to a registry,
 * its verb and those flags.
 */
class RegistryTlsScriptTest {

  private static final String INTERNAL = "image-registry.openshift-image-registry.svc:5000";
  private static final String AMD64 = "quay.io/org/app@sha256:" + "a".repeat(64);
  private static final String ARM64 = "quay.io/org/app@sha256:" + "b".repeat(64);
  private static final String CONF = "/run/local/registries.conf";

  @TempDir Path tmp;
  Path log;
  Path saDir;
  String path;

  @BeforeEach
  void fakeBuildah() throws IOException {
    log = tmp.resolve("buildah.log");
    saDir = Files.createDirectories(tmp.resolve("sa"));
    Files.writeString(saDir.resolve("token"), "token");
    Files.writeString(
        Files.createDirectories(tmp.resolve("src")).resolve("Containerfile"), "FROM scratch\n");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path buildah = bin.resolve("buildah");
    Files.writeString(
        buildah,
        """
        #!/usr/bin/env bash
        case " $* " in *" --help "*) exit 0 ;; esac
        verb="" flags="" prev=""
        for arg in "$@"; do
          case "$arg" in
            build | push | add | login) if [ -z "$verb" ]; then verb="$arg"; fi ;;
            inspect) echo amd64; exit 0 ;;
            --tls-verify*) flags="$flags $arg" ;;
          esac
          if [ "$prev" = --registries-conf ]; then flags="$flags --registries-conf=$arg"; fi
          if [ "$prev" = --digestfile ]; then printf 'sha256:%%064d' 1 > "$arg"; fi
          prev="$arg"
        done
        if [ -n "$verb" ]; then echo "$verb$flags" >> "%s"; fi
        if [ "$verb" = build ] && [ -n "${FAIL_BUILD:-}" ]; then echo "$FAIL_BUILD" >&2; exit 125; fi
        exit 0
        """
            .formatted(log));
    Files.setPosixFilePermissions(buildah, PosixFilePermissions.fromString("rwxr-xr-x"));
    path = bin + ":" + System.getenv("PATH");
  }

  static Stream<Arguments> buildCases() {
    return Stream.of(
        Arguments.of("quay.io/org/app", "true", null, List.of("build", "push")),
        Arguments.of(
            "quay.io/org/app",
            "false",
            null,
            List.of("build --tls-verify=false", "push --tls-verify=false")),
        Arguments.of(
            "quay.io/org/app",
            "true",
            CONF,
            List.of("build --registries-conf=" + CONF, "push --registries-conf=" + CONF)),
        Arguments.of(
            INTERNAL + "/demo/app",
            "false",
            null,
            List.of(
                "login --tls-verify=false",
                "build --tls-verify=false",
                "login --tls-verify=false",
                "push --tls-verify=false")),
        Arguments.of(
            INTERNAL + "/demo/app",
            "true",
            CONF,
            List.of(
                "login --registries-conf=" + CONF,
                "build --registries-conf=" + CONF,
                "login --registries-conf=" + CONF,
                "push --registries-conf=" + CONF)));
  }

  @ParameterizedTest(name = "{0} TLS_VERIFY={1} CONTAINERS_REGISTRIES_CONF={2}")
  @MethodSource("buildCases")
  void buildAndPush_passesTlsVerifyOnlyWhenFalse(
      String image, String tlsVerify, String registriesConf, List<String> expected)
      throws Exception {
    // Given
    Map<String, String> env = buildEnv(image, tlsVerify);
    if (registriesConf != null) {
      env.put("CONTAINERS_REGISTRIES_CONF", registriesConf);
    }

    // When
    Run run =
        ScriptRunner.run(tmp, ScriptTemplate.BUILD_AND_PUSH.render(TaskParts.platformModel()), env);

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Files.readAllLines(log)).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> manifestCases() {
    return Stream.of(
        Arguments.of("true", null, List.of("add", "add", "push")),
        Arguments.of(
            "false",
            null,
            List.of("add --tls-verify=false", "add --tls-verify=false", "push --tls-verify=false")),
        Arguments.of(
            "true",
            CONF,
            List.of(
                "add --registries-conf=" + CONF,
                "add --registries-conf=" + CONF,
                "push --registries-conf=" + CONF)));
  }

  @ParameterizedTest(name = "TLS_VERIFY={0} CONTAINERS_REGISTRIES_CONF={1}")
  @MethodSource("manifestCases")
  void manifest_passesTlsVerifyOnlyWhenFalse(
      String tlsVerify, String registriesConf, List<String> expected) throws Exception {
    // Given
    Map<String, String> env = common(tlsVerify);
    env.put("DESTINATION", "quay.io/org/app");
    env.put("DESTINATION_TAGS", "1.0");
    if (registriesConf != null) {
      env.put("CONTAINERS_REGISTRIES_CONF", registriesConf);
    }

    // When
    Run run =
        ScriptRunner.run(
            tmp, ScriptTemplate.MANIFEST_CREATE_AND_PUSH.render(Map.of()), env, AMD64, ARM64);

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Files.readAllLines(log)).containsExactlyElementsOf(expected);
  }

  @Test
  void buildAndPush_whenTheFromRegistrysCertificateIsNotTrusted_failsWithOneLineNamingIt()
      throws Exception {
    // Given: buildah 1.28's own words for a FROM image on a registry whose CA the step lacks
    String error =
        "Error: creating build container: initializing source"
            + " docker://127.0.0.1:45992/base/busybox:1: pinging container registry"
            + " 127.0.0.1:45992: Get \"https://127.0.0.1:45992/v2/\": x509: certificate signed by"
            + " unknown authority";
    Map<String, String> env = buildEnv("quay.io/org/app", "true");
    env.put("FAIL_BUILD", error);

    // When
    Run run =
        ScriptRunner.run(tmp, ScriptTemplate.BUILD_AND_PUSH.render(TaskParts.platformModel()), env);

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .endsWith(
            error
                + "\nERROR: the TLS certificate of registry 127.0.0.1:45992 is not trusted when"
                + " pulling a FROM image (signed by an unknown authority); put the CA that signed it"
                + " in the ssl-ca-directory workspace (spec.caBundle, --ca-bundle)\n");
  }

  private Map<String, String> buildEnv(String image, String tlsVerify) {
    Map<String, String> env = ScriptRunner.buildParams("linux/amd64", "1.0", tmp.resolve("src"));
    env.putAll(common(tlsVerify));
    env.put("IMAGE", image);
    return env;
  }

  private Map<String, String> common(String tlsVerify) {
    Map<String, String> env = new HashMap<>();
    env.putAll(
        Map.of(
            "FORMAT",
            "oci",
            "TLS_VERIFY",
            tlsVerify,
            "STORAGE_DRIVER",
            "vfs",
            "DOCKERCONFIG_BOUND",
            "false",
            "SA_DIR",
            saDir.toString(),
            "PATH",
            path));
    return env;
  }
}
