package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.text.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real main, in a process of its own, against a server that answers bytes that are not HTTP:
 * the user's terminal gets the tool's one line and nothing from the libraries' logging (Vert.x's
 * {@code SEVERE: invalid version format} with the server's bytes), and a kubeconfig found through
 * {@code KUBECONFIG} that does not parse is reported without its text.
 */
class LibraryLoggingTest {

  private static final String SPEC =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml").toString();

  @TempDir Path tmp;

  @Test
  void serverAnsweringNonHttpBytes_stderrHoldsOnlyTheToolsOneLine() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread answering =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    in.read(new byte[4096]);
                    OutputStream out = socket.getOutputStream();
                    out.write(
                        "SSH-2.0-OpenSSH \u001b]0;pwned\u0007\r\n\r\n"
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                  } catch (IOException e) {
                    // closed: the test is over
                  }
                }
              },
              "non-http-server");
      answering.setDaemon(true);
      answering.start();
      Path kubeconfig = tmp.resolve("kubeconfig");
      Files.writeString(
          kubeconfig,
          "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: "
              + "http://127.0.0.1:"
              + server.getLocalPort()
              + "\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n"
              + "current-context: c\nusers:\n- name: u\n  user:\n    token: t\n");

      MainProcess result =
          MainProcess.run("status", "-f", SPEC, "--kubeconfig", kubeconfig.toString());

      assertThat(result.code()).as(result.err()).isNotZero();
      assertThat(result.err()).startsWith("multiarch-tekton: ").hasLineCount(1);
      assertThat(result.err()).doesNotContain("SEVERE", "pwned");
      assertThat(result.err().codePoints().filter(c -> c != '\n' && Printable.unprintable(c)))
          .isEmpty();
    }
  }

  @Test
  void kubeconfigFromTheEnvironmentThatDoesNotParse_isOneLineWithoutItsText() throws Exception {
    Path kubeconfig = tmp.resolve("config");
    Files.writeString(
        kubeconfig,
        "apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token: sha256~secret-token\n"
            + "   - [ : broken\n");

    MainProcess result =
        MainProcess.run(
            builder -> builder.environment().put("KUBECONFIG", kubeconfig.toString()),
            in -> {},
            "status",
            "-f",
            SPEC);

    assertThat(result.out() + result.err()).doesNotContain("secret-token");
    assertThat(result.err()).startsWith("multiarch-tekton: ").hasLineCount(1);
    assertThat(result.code()).as(result.err()).isEqualTo(Cli.BAD_INPUT);
  }
}
