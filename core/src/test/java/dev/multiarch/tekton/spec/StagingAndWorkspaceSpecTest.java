package dev.multiarch.tekton.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.SpecFileException;
import dev.multiarch.tekton.WorkspaceClaim;
import dev.multiarch.tekton.internal.spec.SpecFileParser;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** spec.staging and spec.workspace: read from a spec file, defaults, and bad values. */
class StagingAndWorkspaceSpecTest {

  private static final String REPOSITORY_ALLOWED =
      "an image repository without tag or digest: a registry host[:port] and a lowercase path, "
          + "such as quay.io/org/app-staging";
  private static final String SUBDOMAIN =
      "a DNS-1123 subdomain of at most 253 characters: lowercase letters, digits, '-' and '.', "
          + "starting and ending with a letter or digit";

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("", "image-registry.openshift-image-registry.svc:5000/demo/hello", true),
        Arguments.of(
            "  staging:\n    repository: quay.io/example/hello-staging\n",
            "quay.io/example/hello-staging",
            false),
        Arguments.of(
            "  staging:\n    repository: registry.local:5000/team/app\n",
            "registry.local:5000/team/app",
            false),
        Arguments.of(
            "  staging: {}\n",
            "image-registry.openshift-image-registry.svc:5000/demo/hello",
            true));
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void parse_staging_givesPerArchRepository(
      String staging, String repository, boolean imageStream) {
    BuildSpec spec = SpecFileParser.parse(SpecFileTest.MINIMAL + staging, "multiarch.yaml");

    assertThat(spec.perArchRepository()).isEqualTo(repository);
    assertThat(spec.usesImageStream()).isEqualTo(imageStream);
  }

  static Stream<Arguments> workspaces() {
    return Stream.of(
        Arguments.of("", new WorkspaceClaim("", "1Gi")),
        Arguments.of("  workspace:\n    size: 5Gi\n", new WorkspaceClaim("", "5Gi")),
        Arguments.of(
            "  workspace:\n    storageClassName: gp3-csi\n", new WorkspaceClaim("gp3-csi", "1Gi")),
        Arguments.of(
            "  workspace:\n    storageClassName: ocs-storagecluster-ceph-rbd\n    size: 500Mi\n",
            new WorkspaceClaim("ocs-storagecluster-ceph-rbd", "500Mi")));
  }

  @ParameterizedTest
  @MethodSource("workspaces")
  void parse_workspace_givesClaim(String workspace, WorkspaceClaim expected) {
    BuildSpec spec = SpecFileParser.parse(SpecFileTest.MINIMAL + workspace, "multiarch.yaml");

    assertThat(spec.workspace()).isEqualTo(expected);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of(
            "  staging:\n    repository: quay.io/example/hello:1.0\n",
            "multiarch.yaml:11: spec.staging.repository: 'quay.io/example/hello:1.0' is not allowed; expected "
                + REPOSITORY_ALLOWED),
        Arguments.of(
            "  staging:\n    repository: quay.io/example/hello@sha256:" + "a".repeat(64) + "\n",
            "multiarch.yaml:11: spec.staging.repository: 'quay.io/example/hello@sha256:"
                + "a".repeat(64)
                + "' is not allowed; expected "
                + REPOSITORY_ALLOWED),
        Arguments.of(
            "  staging:\n    repository: hello\n",
            "multiarch.yaml:11: spec.staging.repository: 'hello' is not allowed; expected "
                + REPOSITORY_ALLOWED),
        Arguments.of(
            "  staging:\n    repository: Quay.io/Example/Hello\n",
            "multiarch.yaml:11: spec.staging.repository: 'Quay.io/Example/Hello' is not allowed; expected "
                + REPOSITORY_ALLOWED),
        Arguments.of(
            "  staging:\n    repo: quay.io/example/hello\n",
            "multiarch.yaml:11: spec.staging.repo: unknown field; known: repository"),
        Arguments.of(
            "  workspace:\n    size: 0\n",
            "multiarch.yaml:11: spec.workspace.size: '0' is not allowed; expected a positive Kubernetes"
                + " quantity: a storage quantity such as 1Gi or 500Mi"),
        Arguments.of(
            "  workspace:\n    size: 1 GiB\n",
            "multiarch.yaml:11: spec.workspace.size: '1 GiB' is not allowed; expected a positive Kubernetes"
                + " quantity: a storage quantity such as 1Gi or 500Mi"),
        Arguments.of(
            "  workspace:\n    storageClassName: Fast_SSD\n",
            "multiarch.yaml:11: spec.workspace.storageClassName: 'Fast_SSD' is not allowed; expected "
                + SUBDOMAIN));
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void parse_badStagingOrWorkspace_namesFileLineFieldAndAllowed(String yaml, String message) {
    assertThatThrownBy(() -> SpecFileParser.parse(SpecFileTest.MINIMAL + yaml, "multiarch.yaml"))
        .isInstanceOf(SpecFileException.class)
        .hasMessage(message);
  }
}
