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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import-index script against a stand-in {@code oc} that records its arguments and answers as
 * the test scripts it: what it asks the cluster, and the one line of each failure.
 */
class ImportIndexScriptTest {

  private static final String DIGEST = "sha256:" + "e".repeat(64);

  @TempDir Path tmp;
  Path log;
  final Map<String, String> oc = new HashMap<>();

  @BeforeEach
  void fakeOc() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    log = tmp.resolve("oc.log");
    Path fake = bin.resolve("oc");
    // import-image: prints FAKE_IMPORT_OUT, exits FAKE_IMPORT_EXIT. get: the digest held, or the
    // manifests' os/architecture/variant lines, by the jsonpath asked for.
    Files.writeString(
        fake,
        """
        #!/usr/bin/env bash
        echo "$*" >> "%s"
        case "$1" in
          import-image) printf '%%s\\n' "$FAKE_IMPORT_OUT"; exit "$FAKE_IMPORT_EXIT" ;;
          get)
            case "$*" in
              *metadata.name*) printf '%%s' "$FAKE_HELD" ;;
              *dockerImageManifests*) printf '%%b' "$FAKE_MANIFESTS" ;;
            esac ;;
        esac
        """
            .formatted(log));
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    oc.put("PATH", bin + ":" + System.getenv("PATH"));
    oc.put("TMPDIR", tmp.toString());
    oc.put("FAKE_IMPORT_OUT", "imagestream.image.openshift.io/app imported");
    oc.put("FAKE_IMPORT_EXIT", "0");
    oc.put("FAKE_HELD", DIGEST);
    oc.put("FAKE_MANIFESTS", "linux/amd64/\\nlinux/arm64/\\nlinux/arm/v7\\n");
  }

  @Test
  void importsTheIndexByDigest_andChecksEveryPlatform() throws Exception {
    // When
    Run run = importIndex("true", List.of("linux/amd64", "linux/arm64", "linux/arm/v7"));

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(Files.readAllLines(log).get(0))
        .isEqualTo(
            "import-image app:1.0 --from=quay.io/org/app@"
                + DIGEST
                + " --import-mode=PreserveOriginal --reference-policy=source --confirm -n demo");
    assertThat(run.stdout())
        .endsWith(
            "ImageStreamTag app:1.0: image index "
                + DIGEST
                + " of linux/amd64 linux/arm64 linux/arm/v7\n");
  }

  @Test
  void importIndexFalse_asksTheClusterNothing() throws Exception {
    // When
    Run run = importIndex("false", List.of("linux/amd64"));

    // Then
    assertThat(run.exitCode()).isZero();
    assertThat(log).doesNotExist();
    assertThat(run.stdout())
        .isEqualTo(
            "IMPORT_INDEX is false: the multi-arch image is not imported into ImageStream app\n");
  }

  @Test
  void aPlatformMissingFromTheTag_failsNamingIt() throws Exception {
    // Given
    oc.put("FAKE_MANIFESTS", "linux/amd64/\\n");

    // When
    Run run = importIndex("true", List.of("linux/amd64", "linux/arm64"));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: ImageStreamTag app:1.0 has no image for linux/arm64; it holds: linux/amd64\n");
  }

  @Test
  void aTagHoldingOneImage_saysTheListWasNotKept() throws Exception {
    // Given: a Legacy import keeps one image of the list and no manifests
    oc.put("FAKE_MANIFESTS", "");

    // When
    Run run = importIndex("true", List.of("linux/amd64"));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: ImageStreamTag app:1.0 holds a single image, not an index: the import did not"
                + " keep the list (is this OpenShift 4.12 or later?)\n");
  }

  @Test
  void aTagHoldingAnotherImage_fails() throws Exception {
    // Given
    oc.put("FAKE_HELD", "sha256:" + "0".repeat(64));

    // When
    Run run = importIndex("true", List.of("linux/amd64"));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: ImageStreamTag app:1.0 holds sha256:"
                + "0".repeat(64)
                + ", not the published index "
                + DIGEST
                + " (another import raced this one?)\n");
  }

  @Test
  void aForbiddenImport_namesThePermission() throws Exception {
    // Given
    oc.put(
        "FAKE_IMPORT_OUT",
        "Error from server (Forbidden): imagestreamimports.image.openshift.io is forbidden");
    oc.put("FAKE_IMPORT_EXIT", "1");

    // When
    Run run = importIndex("true", List.of("linux/amd64"));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .endsWith(
            "ERROR: this TaskRun's ServiceAccount may not import into ImageStream app of demo: it"
                + " needs create on imagestreamimports (the generated Role <name>-import-index, or"
                + " edit)\n");
  }

  @Test
  void anUnauthorizedPull_namesTheNamespaceSecret() throws Exception {
    // Given
    oc.put("FAKE_IMPORT_OUT", "error: tag 1.0 failed: unauthorized: authentication required");
    oc.put("FAKE_IMPORT_EXIT", "1");

    // When
    Run run = importIndex("true", List.of("linux/amd64"));

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .endsWith(
            "ERROR: the registry refused the cluster's import of quay.io/org/app@"
                + DIGEST
                + ": namespace demo needs a docker config Secret with pull credentials for"
                + " quay.io\n");
  }

  @Test
  void badParams_areRefusedBeforeAnything() throws Exception {
    // When
    Run flag = importIndex("yes", List.of("linux/amd64"));
    oc.put("REFERENCE_POLICY", "Source");
    Run policy = importIndex("true", List.of("linux/amd64"));

    // Then
    assertThat(flag.stderr())
        .isEqualTo("ERROR: IMPORT_INDEX 'yes' is not allowed; expected true or false\n");
    assertThat(policy.stderr())
        .isEqualTo("ERROR: REFERENCE_POLICY 'Source' is not allowed; expected source or local\n");
    assertThat(log).doesNotExist();
  }

  private Run importIndex(String importIndex, List<String> platforms) throws Exception {
    Map<String, String> env = new HashMap<>(oc);
    env.put("IMPORT_INDEX", importIndex);
    env.put("IMAGE_STREAM", "app");
    env.put("TAG", "1.0");
    env.put("DESTINATION", "quay.io/org/app");
    env.put("IMAGE_DIGEST", DIGEST);
    env.putIfAbsent("REFERENCE_POLICY", "source");
    env.put("NAMESPACE", "demo");
    Path work = Files.createTempDirectory(tmp, "run");
    return ScriptRunner.run(
        work, ScriptTemplate.IMPORT_INDEX.render(Map.of()), env, platforms.toArray(String[]::new));
  }
}
