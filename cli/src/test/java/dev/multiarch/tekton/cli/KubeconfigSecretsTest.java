package dev.multiarch.tekton.cli;

import static dev.multiarch.tekton.cli.ClusterCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.cli.ClusterCli.Result;
import dev.multiarch.tekton.cluster.testing.MockCluster;
import dev.multiarch.tekton.cluster.testing.MockCluster.Flavour;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing of a kubeconfig's credentials is ever printed, whatever goes wrong: not the password in
 * the server's URL, not a token on a line that does not parse, not a token whose newline breaks the
 * request.
 */
class KubeconfigSecretsTest {

  private static final String SPEC =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml").toString();

  /** What each case hides; none of it may be printed. */
  private static final String SECRET = "sha256~Zm9vYmFyLXNlY3JldC10b2tlbg";

  @TempDir Path tmp;

  private MockCluster mock;

  @AfterEach
  void stop() {
    if (mock != null) {
      mock.close();
    }
  }

  private static String kubeconfig(String server, String user) {
    return "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: "
        + server
        + "\n    insecure-skip-tls-verify: true\ncontexts:\n- name: c\n  context:\n    cluster: c\n"
        + "    user: u\ncurrent-context: c\nusers:\n- name: u\n  user:\n"
        + user;
  }

  /**
   * Each case: its kubeconfig ({@code %s} is the mock's address, {@code https://127.0.0.1:PORT}),
   * the exit code and the line printed.
   */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "password in the server URL, cluster unreachable",
            false,
            kubeconfig("https://admin:" + SECRET + "@127.0.0.1:1", "    token: t\n"),
            Cli.CANNOT_RUN,
            "multiarch-tekton: cannot reach the cluster at https://127.0.0.1:1/: "),
        Arguments.of(
            "password in the server URL, credentials refused",
            true,
            kubeconfig("https://admin:" + SECRET + "@%s", "    password: " + SECRET + "\n"),
            Cli.CANNOT_RUN,
            "multiarch-tekton: the cluster at https://%s/ refused the credentials (401 "
                + "Unauthorized); log in again (oc login, or a fresh kubeconfig)"),
        Arguments.of(
            "token in the server URL's query string",
            false,
            kubeconfig("https://127.0.0.1:1/?access_token=" + SECRET, "    token: t\n"),
            Cli.CANNOT_RUN,
            "multiarch-tekton: cannot reach the cluster at https://127.0.0.1:1/: "),
        Arguments.of(
            "token on a line that does not parse",
            false,
            kubeconfig("https://127.0.0.1:1", "    token: " + SECRET + "\n   - [ : broken\n"),
            Cli.BAD_INPUT,
            "multiarch-tekton: kubeconfig KUBECONFIG: cannot read it: not a "
                + "kubeconfig (YAML with clusters, contexts and users); its text is not shown, as it "
                + "may hold credentials"),
        Arguments.of(
            "token with a newline",
            true,
            kubeconfig("https://%s", "    token: \"" + SECRET + "\\n" + SECRET + "\"\n"),
            Cli.BAD_INPUT,
            "multiarch-tekton: the user's token in kubeconfig KUBECONFIG holds a line break or "
                + "another control character (not shown, as it is a credential); a token is one line "
                + "of text"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void clusterCommands_neverPrintACredential(
      String what, boolean reachable, String config, int code, String line) throws IOException {
    String address = "";
    if (reachable) {
      mock =
          MockCluster.start(
              what.contains("refused") ? Flavour.UNAUTHORIZED : Flavour.OPENSHIFT, tmp);
      address = mock.server().url("/").replaceFirst("^https://", "").replaceFirst("/$", "");
    }
    Path kubeconfig = tmp.resolve("kubeconfig");
    Files.writeString(kubeconfig, config.replace("%s", address));

    for (String command : new String[] {"status", "logs", "doctor"}) {
      Result result = run(command, "-f", SPEC, "--kubeconfig", kubeconfig.toString());

      assertThat(result.out() + result.err()).as(command).doesNotContain(SECRET);
      assertThat(result.err())
          .as(command)
          .startsWith(line.replace("%s", address).replace("KUBECONFIG", kubeconfig.toString()))
          .hasLineCount(1);
      assertThat(result.code()).as(command + ": " + result.err()).isEqualTo(code);
    }
  }
}
