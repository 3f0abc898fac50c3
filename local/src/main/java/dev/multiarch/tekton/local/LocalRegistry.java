package dev.multiarch.tekton.local;

import dev.multiarch.tekton.input.IoReasons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The registry standing in for both the OpenShift internal registry and the destination: one the
 * user gives ({@code --registry host:port}), or a throwaway Debian docker-registry on a free
 * 127.0.0.1 port, started here and stopped by {@link #close()}, or by its {@link Watchdog} if this
 * JVM dies first.
 */
final class LocalRegistry implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final String host;
  private final Process process;

  private LocalRegistry(String host, Process process) {
    this.host = host;
    this.process = process;
  }

  /** A registry that is already running; it must answer {@code /v2/}. */
  static LocalRegistry existing(String host) {
    if (!answers(host)) {
      throw new LocalRunException(
          LocalRunException.Option.REGISTRY,
          host,
          "no registry answers at " + baseUrl(host) + "/v2/",
          null);
    }
    return new LocalRegistry(host, null);
  }

  /**
   * Starts Debian's docker-registry on a free loopback port, storing its data under {@code dir}.
   */
  static LocalRegistry start(Path dir) {
    String host = "127.0.0.1:" + freePort();
    try {
      Files.createDirectories(dir);
      Path config = dir.resolve("config.yml");
      Files.writeString(
          config,
          String.join(
              "\n",
              "version: 0.1",
              "log:",
              "  level: warn",
              "storage:",
              "  filesystem:",
              "    rootdirectory: " + dir.resolve("data"),
              "  delete:",
              "    enabled: true",
              "http:",
              "  addr: " + host,
              ""));
      Process process =
          new ProcessBuilder(
                  Watchdog.command(
                      "multiarch-tekton-registry",
                      List.of("docker-registry", "serve", config.toString())))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("registry.log").toFile())
              .start();
      LocalRegistry registry = new LocalRegistry(host, process);
      Instant deadline = Instant.now().plus(START_TIMEOUT);
      while (!answers(host)) {
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          registry.close();
          throw new LocalRunException(
              "the throwaway docker-registry did not start on "
                  + host
                  + " (its log: "
                  + dir.resolve("registry.log")
                  + ")");
        }
        Thread.sleep(100);
      }
      return registry;
    } catch (IOException e) {
      throw new LocalRunException("cannot start docker-registry: " + IoReasons.of(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalRunException("interrupted while starting docker-registry", e);
    }
  }

  /** {@code host:port} of the registry. */
  String host() {
    return host;
  }

  boolean throwaway() {
    return process != null;
  }

  /** True for a registry on a loopback address, the only kind run-local talks to without TLS. */
  static boolean isLoopback(String host) {
    String name = host.replaceFirst(":\\d+$", "").replaceAll("^\\[|\\]$", "");
    if (name.equals("localhost")) {
      return true;
    }
    try {
      return name.matches("[0-9.]+|[0-9a-fA-F:]+")
          && InetAddress.getByName(name).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Stops a throwaway registry: the end of the watchdog's input, then signals if it does not end in
   * time.
   */
  @Override
  public void close() {
    if (process == null) {
      return;
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already closed
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean answers(String host) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl(host) + "/v2/"))
              .timeout(Duration.ofSeconds(3))
              .GET()
              .build();
      client.send(request, HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String baseUrl(String host) {
    return (isLoopback(host) ? "http://" : "https://") + host;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
