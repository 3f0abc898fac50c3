package dev.multiarch.tekton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.cluster.testing.MockCluster;
import dev.multiarch.tekton.cluster.testing.MockCluster.Flavour;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * doctor on fabric8's mock server with a spec that binds the git credential workspaces: one row per
 * state of the two Secrets, with the lines doctor prints for them.
 */
class GitSecretsDoctorTest {

  private static final String KEY =
      "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

  @TempDir Path tmp;

  private MockCluster mock;

  @AfterEach
  void stop() {
    if (mock != null) {
      mock.close();
    }
  }

  private static GeneratedPipeline withGitSecrets() {
    BuildSpec hello = MultiArchTekton.fromSpecFile(DeployTest.HELLO).spec();
    return MultiArchTekton.from(
            hello.toBuilder().source(hello.source().withGitSecrets("git-https", "git-ssh")).build())
        .generate();
  }

  private static Secret secret(String name, Map<String, String> stringData) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("demo")
        .endMetadata()
        .withType("Opaque")
        .withStringData(stringData)
        .build();
  }

  static Stream<Arguments> states() {
    return Stream.of(
        Arguments.of(
            "both complete",
            List.of(
                secret("git-https", Map.of(".gitconfig", "", ".git-credentials", "https://u:t@h")),
                secret("git-ssh", Map.of("id_ed25519", KEY, "known_hosts", "h ssh-ed25519 AAAA"))),
            List.of(
                "ok       secret: Secret git-https (workspace basic-auth) holds git credentials (.git-credentials)",
                "ok       secret: Secret git-ssh (workspace ssh-directory) holds an ssh private key and known_hosts")),
        Arguments.of(
            "both missing",
            List.of(),
            List.of(
                "problem  secret: Secret git-https (workspace basic-auth) does not exist in namespace demo, and the run would hang in FailedMount until it times out; fix: oc -n demo create secret generic git-https --from-file=.gitconfig --from-file=.git-credentials",
                "problem  secret: Secret git-ssh (workspace ssh-directory) does not exist in namespace demo, and the run would hang in FailedMount until it times out; fix: oc -n demo create secret generic git-ssh --from-file=id_ed25519 --from-file=known_hosts (ssh-keyscan HOST > known_hosts)")),
        Arguments.of(
            "a kubernetes.io/basic-auth Secret and a key without known_hosts",
            List.of(
                secret("git-https", Map.of("username", "u", "password", "t")),
                secret("git-ssh", Map.of("ssh-privatekey", KEY))),
            List.of(
                "problem  secret: Secret git-https (workspace basic-auth) has keys password, username but no .git-credentials, so git fetches without credentials; fix: oc -n demo create secret generic git-https --from-file=.gitconfig --from-file=.git-credentials",
                "problem  secret: Secret git-ssh (workspace ssh-directory) has keys ssh-privatekey but no known_hosts (host keys are always checked), so git over ssh fails; fix: oc -n demo create secret generic git-ssh --from-file=id_ed25519 --from-file=known_hosts (ssh-keyscan HOST > known_hosts)")),
        Arguments.of(
            "known_hosts without a key",
            List.of(
                secret("git-https", Map.of(".git-credentials", "https://u:t@h")),
                secret("git-ssh", Map.of("known_hosts", "h ssh-ed25519 AAAA"))),
            List.of(
                "ok       secret: Secret git-https (workspace basic-auth) holds git credentials (.git-credentials)",
                "problem  secret: Secret git-ssh (workspace ssh-directory) has keys known_hosts but no private key, so git over ssh fails; fix: oc -n demo create secret generic git-ssh --from-file=id_ed25519 --from-file=known_hosts (ssh-keyscan HOST > known_hosts)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("states")
  void doctor_gitSecrets_checkedForWhatTheGitStepsRead(
      String state, List<Secret> secrets, List<String> expected) {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    for (Secret secret : secrets) {
      mock.client().secrets().inNamespace("demo").resource(secret).create();
    }

    List<String> lines;
    try (Cluster cluster = Cluster.connect(mock.access())) {
      lines = cluster.doctor(withGitSecrets()).stream().map(Check::toString).toList();
    }

    assertThat(
            lines.stream()
                .filter(
                    line ->
                        line.contains("(workspace basic-auth)")
                            || line.contains("(workspace ssh-directory)")))
        .containsExactlyElementsOf(expected);
  }
}
