package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.tasks.testing.HostTools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's openssh-server on a free loopback port for the tests, as root: its host key and
 * configuration in the test's folder, public-key authentication only, for the one user key the test
 * made. Clients log in as root and reach repositories by absolute path.
 */
final class SshGitServer implements AutoCloseable {

  /** sshd refuses to start without its privilege separation directory (Debian's /run/sshd). */
  private static final Path PRIVSEP_DIR = Path.of("/run/sshd");

  private final Process process;
  private final int port;
  private final String hostKey;

  private SshGitServer(Process process, int port, String hostKey) {
    this.process = process;
    this.port = port;
    this.hostKey = hostKey;
  }

  /** Starts sshd in {@code dir}, letting in the holder of the private key of {@code userKey}. */
  static SshGitServer start(Path dir, Path userPublicKey) throws IOException, InterruptedException {
    Path sshd = HostTools.require("sshd").toAbsolutePath();
    Files.createDirectories(dir);
    Path hostKey = keyPair(dir.resolve("ssh_host_ed25519_key"));
    Files.copy(userPublicKey, dir.resolve("authorized_keys"));
    Files.createDirectories(PRIVSEP_DIR);
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path config = dir.resolve("sshd_config");
    Files.writeString(
        config,
        String.join(
            "\n",
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + hostKey,
            "PidFile none",
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "PermitRootLogin prohibit-password",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            // Without PAM, sshd refuses an account whose password is locked ('!' in /etc/shadow, as
            // some installs leave root's) even for a key; with PAM it lets PAM's account stack
            // decide.
            "UsePAM " + (rootPasswordLocked() ? "yes" : "no"),
            // The test's temporary folder is not laid out for sshd's ownership checks.
            "StrictModes no",
            ""));
    Process process =
        new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    SshGitServer server =
        new SshGitServer(
            process,
            port,
            Files.readString(hostKey.resolveSibling(hostKey.getFileName() + ".pub")));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return server;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    server.close();
    throw new AssertionError(
        "sshd did not listen on 127.0.0.1:"
            + port
            + ":\n"
            + Files.readString(dir.resolve("sshd.log")));
  }

  /**
   * Whether root's password field in /etc/shadow starts with '!', sshd's mark of a locked account.
   */
  private static boolean rootPasswordLocked() {
    try {
      return Files.readAllLines(Path.of("/etc/shadow")).stream()
          .anyMatch(line -> line.startsWith("root:!"));
    } catch (IOException e) {
      return false;
    }
  }

  /** Makes an ed25519 key pair without passphrase at {@code key} and {@code key}.pub. */
  static Path keyPair(Path key) {
    Commands.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", key.toString());
    return key;
  }

  /** An ssh URL of the repository at the absolute path {@code repository}. */
  String url(Path repository) {
    return "ssh://root@127.0.0.1:" + port + repository.toAbsolutePath();
  }

  /** The known_hosts line of this server's host key. */
  String knownHostsLine() {
    String[] fields = hostKey.strip().split(" ", 3);
    return "[127.0.0.1]:" + port + " " + fields[0] + " " + fields[1] + "\n";
  }

  /** A known_hosts line that names this server with another key, as after a changed host key. */
  String wrongKnownHostsLine(Path dir) throws IOException {
    Path other = keyPair(dir.resolve("other_host_key"));
    String[] fields =
        Files.readString(other.resolveSibling("other_host_key.pub")).strip().split(" ", 3);
    return "[127.0.0.1]:" + port + " " + fields[0] + " " + fields[1] + "\n";
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
