package dev.multiarch.tekton.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.cluster.ClusterException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every cluster message is scrubbed of the kubeconfig's credentials in one place. */
class FailuresScrubTest {

  private final Failures failures =
      new Failures(
          "https://admin:hunter22@api.example.com:6443/?access_token=abcdef",
          List.of("sha256~tokentoken", "line-one\nline-two", "pw"));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          the token sha256~tokentoken was refused | the token *** was refused
          Bearer line-one                          | Bearer ***
          then line-two came                       | then *** came
          GET https://u:p@host:1/api/v1?watch=1&token=x failed | GET https://host:1/api/v1 failed
          ssh://git@example.com/repo               | ssh://example.com/repo
          https://u:p@ss@host:1/x mailed to a@b    | https://host:1/x mailed to a@b
          a pw of two letters stays                | a pw of two letters stays
          """)
  void scrub_hidesSecretsUserInfoAndQueryStrings(String message, String scrubbed) {
    assertThat(failures.scrub(message)).isEqualTo(scrubbed);
  }

  @Test
  void theCauseChainDebugShows_isScrubbedToo_withItsFrames() {
    IOException root = new IOException("GET https://u:p@host:1/api?token=x with sha256~tokentoken");
    KubernetesClientException thrown =
        new KubernetesClientException("Failure executing: line-one", root);

    ClusterException failure = failures.of(thrown, "get", "pipelineruns.tekton.dev", "builds");

    List<String> chain = new ArrayList<>();
    for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      chain.add(t.toString());
      assertThat(t.getStackTrace()).isNotEmpty();
    }
    assertThat(chain)
        .containsExactly(
            "io.fabric8.kubernetes.client.KubernetesClientException: Failure executing: ***",
            "java.io.IOException: GET https://host:1/api with ***");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          https://admin:hunter22@api.example.com:6443/?access_token=abcdef | https://api.example.com:6443/
          https://api.example.com:6443                                     | https://api.example.com:6443
          """)
  void server_isShownWithoutUserInfoOrQueryString(String url, String shown) {
    assertThat(new Failures(url, List.of()).server()).isEqualTo(shown);
  }
}
