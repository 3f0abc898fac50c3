package dev.multiarch.tekton.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A private git server on loopback for the tests: git's own {@code git http-backend} (CGI) behind
 * an HTTP server that answers 401 unless the request carries the one user and password it was given
 * (basic authentication). Serves every bare repository under its root.
 */
final class GitHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  private GitHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts serving the bare repositories under {@code root} to {@code user}:{@code password}. */
  static GitHttpServer start(Path root, String user, String password) throws IOException {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
              exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
              exchange.sendResponseHeaders(401, -1);
              return;
            }
            backend(exchange, root, user);
          }
        });
    server.start();
    return new GitHttpServer(server, executor);
  }

  /** The base URL, {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Runs git http-backend for one request: the request body to its stdin, its CGI answer back. */
  private static void backend(HttpExchange exchange, Path root, String user) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
    Map<String, String> env = builder.environment();
    env.put("GIT_PROJECT_ROOT", root.toString());
    env.put("GIT_HTTP_EXPORT_ALL", "1");
    env.put("REMOTE_USER", user);
    env.put("REMOTE_ADDR", "127.0.0.1");
    env.put("REQUEST_METHOD", exchange.getRequestMethod());
    env.put("PATH_INFO", exchange.getRequestURI().getRawPath());
    String query = exchange.getRequestURI().getRawQuery();
    env.put("QUERY_STRING", query == null ? "" : query);
    header(exchange, "Content-Type").ifPresent(value -> env.put("CONTENT_TYPE", value));
    header(exchange, "Content-Encoding").ifPresent(v -> env.put("HTTP_CONTENT_ENCODING", v));
    header(exchange, "Git-Protocol").ifPresent(value -> env.put("GIT_PROTOCOL", value));
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    Thread feeder =
        new Thread(
            () -> {
              try (InputStream body = exchange.getRequestBody();
                  OutputStream stdin = process.getOutputStream()) {
                body.transferTo(stdin);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    feeder.start();
    byte[] output = process.getInputStream().readAllBytes();
    try {
      feeder.join(TimeUnit.SECONDS.toMillis(30));
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted", e);
    }
    int status = 200;
    int start = 0;
    // CGI headers, up to a blank line: Status sets the HTTP status, the rest are passed on.
    while (true) {
      int end = indexOf(output, (byte) '\n', start);
      if (end < 0) {
        break;
      }
      String line = new String(output, start, end - start, StandardCharsets.ISO_8859_1).strip();
      start = end + 1;
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (name.equalsIgnoreCase("Status")) {
        status = Integer.parseInt(value.split(" ", 2)[0]);
      } else {
        exchange.getResponseHeaders().add(name, value);
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(output, start, output.length - start);
    exchange.sendResponseHeaders(status, body.size() == 0 ? -1 : body.size());
    if (body.size() > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        body.writeTo(out);
      }
    }
  }

  private static Optional<String> header(HttpExchange exchange, String name) {
    return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
