package dev.multiarch.tekton.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on a raw socket that answers every connection with a scripted {@link Answer}, byte by
 * byte, whatever was asked: what no HTTP server library would send (half a header, a lying {@code
 * Content-Length}, bytes that are not HTTP, silence). It keeps the head of each request it read.
 */
final class RawHttpServer implements AutoCloseable {

  /** What the server does with one connection, once it has read the request's head. */
  @FunctionalInterface
  interface Answer {
    void write(OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final Answer answer;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> connections = new CopyOnWriteArrayList<>();

  private RawHttpServer(Answer answer) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.answer = answer;
    Thread acceptor = new Thread(this::accept, "raw-http-" + socket.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static RawHttpServer start(Answer answer) {
    try {
      return new RawHttpServer(answer);
    } catch (IOException e) {
      throw new AssertionError("cannot listen: " + e, e);
    }
  }

  /** {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** The head (request line and headers) of each request, in the order they came. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connections.add(connection);
        Thread thread = new Thread(() -> serve(connection), "raw-http-connection");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      requests.add(head(connection.getInputStream()));
      OutputStream out = connection.getOutputStream();
      answer.write(out);
      out.flush();
    } catch (IOException e) {
      // the client gave up: what the cases expect of it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length && head.size() < 65_536) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Stops listening and closes every connection. */
  @Override
  public void close() {
    try {
      socket.close();
      for (Socket connection : connections) {
        connection.close();
      }
    } catch (IOException e) {
      // closing: nothing left to do
    }
  }
}
