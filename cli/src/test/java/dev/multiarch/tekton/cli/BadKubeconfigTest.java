package dev.multiarch.tekton.cli;

import static dev.multiarch.tekton.cli.ClusterCli.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.cli.ClusterCli.Result;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A kubeconfig fabric8 could not use is bad input, found before fabric8 reads it: exit 2, one line
 * naming the file and the field, nothing of its values printed.
 */
class BadKubeconfigTest {

  private static final String SPEC =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml").toString();

  private static final String SECRET = "sha256~YmFkLWt1YmVjb25maWctc2VjcmV0";

  @TempDir Path tmp;

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String kubeconfig(String cluster, String user) {
    return "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n"
        + cluster
        + "contexts:\n- name: c\n  context:\n    cluster: c\n    user: u\ncurrent-context: c\n"
        + "users:\n- name: u\n  user:\n    token: "
        + SECRET
        + "\n"
        + user;
  }

  private static final String SERVER = "    server: https://127.0.0.1:1\n";

  private static final String NOT_SHOWN = " (not shown, as it may hold a credential)";

  /** Each case: the kubeconfig's text, the line printed after "kubeconfig FILE: ". */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "a server that is not a URL",
            kubeconfig("    server: " + SECRET + "\n", ""),
            "clusters[0].cluster.server: not an https:// URL with a host, such as "
                + "https://api.example.com:6443"
                + NOT_SHOWN),
        Arguments.of(
            "a server without a scheme",
            kubeconfig("    server: 127.0.0.1:6443\n", ""),
            "clusters[0].cluster.server: not an https:// URL with a host, such as "
                + "https://api.example.com:6443"
                + NOT_SHOWN),
        Arguments.of(
            "a server holding an escape",
            kubeconfig("    server: \"https://\\e]0;pwned\\a127.0.0.1:6443\"\n", ""),
            "clusters[0].cluster.server: holds a space, a control character or an escape; "
                + "expected a URL such as https://api.example.com:6443"
                + NOT_SHOWN),
        Arguments.of(
            "certificate-authority-data that is not base64",
            kubeconfig(SERVER + "    certificate-authority-data: '%%%'\n", ""),
            "clusters[0].cluster.certificate-authority-data: not base64 (not shown, as it may be"
                + " a credential)"),
        Arguments.of(
            "certificate-authority-data that is not a certificate",
            kubeconfig(SERVER + "    certificate-authority-data: " + base64("hello") + "\n", ""),
            "clusters[0].cluster.certificate-authority-data: not a certificate; expected base64 "
                + "of PEM certificates"),
        Arguments.of(
            "client-key-data that is not base64",
            kubeconfig(SERVER, "    client-key-data: '" + SECRET + "!'\n"),
            "users[0].user.client-key-data: not base64 (not shown, as it may be a credential)"),
        Arguments.of(
            "client-key-data that is not a key",
            kubeconfig(SERVER, "    client-key-data: " + base64(SECRET) + "\n"),
            "users[0].user.client-key-data: not a private key; expected base64 of one PEM private"
                + " key (not shown, as it is a credential)"),
        Arguments.of(
            "client-certificate-data that is not a certificate",
            kubeconfig(SERVER, "    client-certificate-data: " + base64(SECRET) + "\n"),
            "users[0].user.client-certificate-data: not a certificate; expected base64 of PEM "
                + "certificates"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void clusterCommands_badField_exit2NamingFileAndField(String what, String text, String line)
      throws IOException {
    Path kubeconfig = tmp.resolve("kubeconfig");
    Files.writeString(kubeconfig, text);

    for (String command : new String[] {"doctor", "status", "logs", "start", "deploy"}) {
      Result result = run(command, "-f", SPEC, "--kubeconfig", kubeconfig.toString());

      assertThat(result.err())
          .as(command)
          .isEqualTo("multiarch-tekton: kubeconfig " + kubeconfig + ": " + line + "\n");
      assertThat(result.code()).as(command).isEqualTo(Cli.BAD_INPUT);
      assertThat(result.out()).as(command).isEmpty();
    }
  }

  static Stream<Arguments> files() {
    return Stream.of(
        Arguments.of(
            "/proc/self/environ", "a file under /proc is not a kubeconfig; name a kubeconfig file"),
        Arguments.of("/dev/zero", "a file under /dev is not a kubeconfig; name a kubeconfig file"),
        Arguments.of("FOLDER", "is a folder; name a kubeconfig file"));
  }

  @ParameterizedTest(name = "--kubeconfig {0}")
  @MethodSource("files")
  void kubeconfigFlag_notAKubeconfigFile_exit2(String file, String line) {
    String path = file.replace("FOLDER", tmp.toString());

    Result result = run("status", "-f", SPEC, "--kubeconfig", path);

    assertThat(result.err()).isEqualTo("multiarch-tekton: kubeconfig " + path + ": " + line + "\n");
    assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
  }

  @ParameterizedTest(name = "KUBECONFIG={0}")
  @MethodSource("files")
  void kubeconfigVariable_notAKubeconfigFile_exit2(String file, String line) {
    String path = file.replace("FOLDER", tmp.toString());

    MainProcess result =
        MainProcess.run(
            builder -> builder.environment().put("KUBECONFIG", path),
            in -> {},
            "status",
            "-f",
            SPEC);

    assertThat(result.err())
        .isEqualTo("multiarch-tekton: kubeconfig " + path + " (KUBECONFIG): " + line + "\n");
    assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
  }
}
