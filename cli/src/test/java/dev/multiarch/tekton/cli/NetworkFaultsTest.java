package dev.multiarch.tekton.cli;

import static dev.multiarch.tekton.cli.ClusterCli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.multiarch.tekton.cli.ClusterCli.Result;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A cluster whose network answers are broken or hostile, scripted byte by byte on a raw socket:
 * each cluster command ends with exit 3 and one line naming the problem, within a bounded time,
 * with the request timeout set to {@value #TIMEOUT_SECONDS} s through its documented system
 * property.
 */
class NetworkFaultsTest {

  private static final String SPEC =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml").toString();

  static final int TIMEOUT_SECONDS = 2;

  /** Generous for a loaded 2-core machine; without the bounds, most rows wait for ever. */
  private static final Duration BOUND = Duration.ofSeconds(40);

  private static final String PROPERTY = "multiarch-tekton.cluster.timeout";

  private static final String TOKEN = "sha256~bmV0d29yay1mYXVsdHMtdG9rZW4";

  private static final String DISCOVERY = " when asked to get the API group tekton.dev/v1";

  @TempDir Path tmp;

  private final List<AutoCloseable> servers = new ArrayList<>();

  @BeforeAll
  static void shortTimeout() {
    System.setProperty(PROPERTY, String.valueOf(TIMEOUT_SECONDS));
  }

  @AfterAll
  static void defaultTimeout() {
    System.clearProperty(PROPERTY);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  private static RawHttpServer.Answer bytes(String text) {
    return out -> out.write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static RawHttpServer.Answer thenStall(String text) {
    return out -> {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread.sleep(Duration.ofMinutes(10).toMillis());
    };
  }

  private static RawHttpServer.Answer status(String line, String... headers) {
    return bytes(
        "HTTP/1.1 "
            + line
            + "\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
            + String.join("", Stream.of(headers).map(h -> h + "\r\n").toList())
            + "\r\nnope\n");
  }

  /** A chunked answer that never ends, each chunk after {@code pause}. */
  private static RawHttpServer.Answer endless(Duration pause) {
    return out -> {
      out.write(
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
              .getBytes(StandardCharsets.ISO_8859_1));
      byte[] chunk = ("2000\r\n" + " ".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      while (true) {
        out.write(chunk);
        if (!pause.isZero()) {
          out.flush();
          Thread.sleep(pause.toMillis());
        }
      }
    };
  }

  private static final List<String> ALL = List.of("doctor", "status", "logs", "start", "deploy");

  /** The slow rows (each waits for the timeout) run two commands, to keep the test short. */
  private static final List<String> TWO = List.of("status", "start");

  /** Each case: the answer, the commands tried, the line printed after the server's address. */
  static Stream<Arguments> cases() {
    String timedOut = " did not answer within " + TIMEOUT_SECONDS + " s" + DISCOVERY;
    List<Arguments> rows = new ArrayList<>();
    for (Arguments row :
        List.of(
            Arguments.of(
                "500",
                status("500 Internal Server Error"),
                ALL,
                " answered 500 Internal Server Error" + DISCOVERY),
            Arguments.of(
                "503",
                status("503 Service Unavailable"),
                ALL,
                " answered 503 Service Unavailable" + DISCOVERY),
            Arguments.of(
                "429 with Retry-After",
                status("429 Too Many Requests", "Retry-After: 3600"),
                ALL,
                " answered 429 Too Many Requests" + DISCOVERY),
            Arguments.of(
                "a status line with escapes",
                status("502 \u001b]0;pwned\u0007"),
                ALL,
                " did not answer in HTTP" + DISCOVERY),
            Arguments.of(
                "bytes that are not HTTP",
                bytes("SSH-2.0-OpenSSH_9.6\r\n\u001b]0;pwned\u0007\r\n"),
                ALL,
                " did not answer in HTTP" + DISCOVERY),
            Arguments.of(
                "a connection closed at once",
                bytes(""),
                ALL,
                " closed the connection without an answer" + DISCOVERY),
            Arguments.of("accepts and never answers", thenStall(""), TWO, timedOut),
            Arguments.of(
                "half a header", thenStall("HTTP/1.1 200 OK\r\nContent-Type: appl"), TWO, timedOut),
            Arguments.of(
                "a Content-Length that lies",
                thenStall(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000"
                        + "\r\n\r\n{\"kind\":"),
                TWO,
                timedOut),
            Arguments.of(
                "an endless discovery answer",
                endless(Duration.ZERO),
                TWO,
                " sent more than 32 MiB" + DISCOVERY),
            Arguments.of(
                "an endless discovery answer, trickled",
                endless(Duration.ofMillis(100)),
                TWO,
                timedOut))) {
      rows.add(row);
    }
    return rows.stream();
  }

  private Path kubeconfig(String server) throws IOException {
    Path file = tmp.resolve("kubeconfig");
    Files.writeString(
        file,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: "
            + server
            + "\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n"
            + "current-context: c\nusers:\n- name: u\n  user:\n    token: "
            + TOKEN
            + "\n");
    return file;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void clusterCommands_brokenAnswer_exit3WithOneLineInBoundedTime(
      String what, RawHttpServer.Answer answer, List<String> commands, String line)
      throws IOException {
    RawHttpServer server = RawHttpServer.start(answer);
    servers.add(server);
    Path kubeconfig = kubeconfig(server.url());

    for (String command : commands) {
      long start = System.nanoTime();
      Result result =
          assertTimeoutPreemptively(
              BOUND, () -> run(command, "-f", SPEC, "--kubeconfig", kubeconfig.toString()));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(result.err())
          .as(command)
          .isEqualTo("multiarch-tekton: the cluster at " + server.url() + "/" + line + "\n");
      assertThat(result.code()).as(command).isEqualTo(Cli.CANNOT_RUN);
      assertThat(result.out()).as(command).isEmpty();
      assertThat(took).as(command).isLessThan(BOUND);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("redirects")
  void clusterCommands_redirectToAnotherHost_neverCarriesTheToken(String status)
      throws IOException {
    RawHttpServer elsewhere = RawHttpServer.start(status("200 OK"));
    servers.add(elsewhere);
    RawHttpServer server =
        RawHttpServer.start(status(status, "Location: " + elsewhere.url() + "/apis/tekton.dev/v1"));
    servers.add(server);
    Path kubeconfig = kubeconfig(server.url());

    for (String command : ALL) {
      Result result = run(command, "-f", SPEC, "--kubeconfig", kubeconfig.toString());

      assertThat(result.err())
          .as(command)
          .isEqualTo(
              "multiarch-tekton: the cluster at "
                  + server.url()
                  + "/ answered "
                  + status
                  + ", a redirect,"
                  + DISCOVERY
                  + "; redirects are not followed, as they could carry the credentials to another"
                  + " server\n");
      assertThat(result.code()).as(command).isEqualTo(Cli.CANNOT_RUN);
    }
    assertThat(server.requests()).isNotEmpty().allMatch(head -> head.contains(TOKEN));
    assertThat(elsewhere.requests()).isEmpty();
  }

  @Test
  void clusterCommands_credentialPluginHangs_exit3NamingItsCommandOnly() throws IOException {
    Path plugin = tmp.resolve("hanging-plugin");
    Files.writeString(plugin, "#!/bin/sh\nsleep 600\n");
    assertThat(plugin.toFile().setExecutable(true)).isTrue();
    Path kubeconfig = tmp.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n"
            + "    server: http://127.0.0.1:1\ncontexts:\n- name: c\n  context:\n    cluster: c\n"
            + "    user: u\ncurrent-context: c\nusers:\n- name: u\n  user:\n    exec:\n"
            + "      apiVersion: client.authentication.k8s.io/v1\n      command: "
            + plugin
            + "\n      args: [\"--token\", \""
            + TOKEN
            + "\"]\n      interactiveMode: Never\n");

    long start = System.nanoTime();
    Result result = run("status", "-f", SPEC, "--kubeconfig", kubeconfig.toString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: the kubeconfig's credential plugin '"
                + plugin
                + "' did not end within "
                + 4 * TIMEOUT_SECONDS
                + " s; run it yourself to see what it waits for (a login, a network)\n");
    assertThat(result.code()).isEqualTo(Cli.CANNOT_RUN);
    assertThat(took).isLessThan(BOUND);
  }

  static Stream<String> redirects() {
    return Stream.of("301 Moved Permanently", "302 Found", "307 Temporary Redirect");
  }
}
