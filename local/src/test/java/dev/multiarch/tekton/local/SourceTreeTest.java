package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.tasks.testing.HostTools;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What run-local takes as a source folder: regular files, folders and links only, never the root
 * folder, a pseudo file system or a folder holding the run's own folders, within the size and count
 * limits. Each refusal is an {@link InvalidValueException} naming the path at fault, thrown at once
 * (nothing is opened, so a FIFO cannot hang it).
 */
class SourceTreeTest {

  @TempDir Path tmp;

  private Throwable refusal(Path dir, Map<String, Path> runFolders) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> catchThrowable(() -> SourceTree.check(dir, runFolders)));
  }

  @Test
  void fifoDeviceOrSocketInside_isRefusedNamingIt() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/sub"));
    Files.writeString(src.resolve("Containerfile"), "FROM scratch\n");
    run(HostTools.require("mkfifo").toString(), src.resolve("pipe").toString());

    assertThat(refusal(tmp.resolve("src"), Map.of()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "source: '"
                + src.resolve("pipe")
                + "' is not allowed; expected a regular file, folder or link "
                + "inside the source, not a FIFO (named pipe)");

    Files.delete(src.resolve("pipe"));
    try (ServerSocketChannel socket =
        ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(src.resolve("socket")));
      assertThat(refusal(tmp.resolve("src"), Map.of()))
          .hasMessage(
              "source: '"
                  + src.resolve("socket")
                  + "' is not "
                  + "allowed; expected a regular file, folder or link inside the source, not a socket");
    }
  }

  @Test
  void deviceInside_isRefused() throws Exception {
    HostTools.requireRoot();
    Path src = Files.createDirectories(tmp.resolve("src"));
    run("mknod", src.resolve("null").toString(), "c", "1", "3");

    assertThat(refusal(src, Map.of()))
        .hasMessage(
            "source: '"
                + src.resolve("null")
                + "' is not allowed; expected "
                + "a regular file, folder or link inside the source, not a character device");
  }

  @Test
  void emptyPathRootAndPseudoFileSystems_areRefused() {
    assertThat(refusal(Path.of(""), Map.of()))
        .hasMessage(
            "source: '' is not allowed; expected an existing folder; "
                + "an empty path names none (it would copy the working folder)");
    assertThat(refusal(Path.of("/"), Map.of()))
        .hasMessage(
            "source: '/' is not allowed; expected a folder other " + "than the root folder");
    assertThat(refusal(Path.of("/proc/self"), Map.of()))
        .hasMessageStartingWith("source: '/proc/")
        .hasMessageEndingWith(
            "' is not allowed; expected a folder of files, not of the proc pseudo file system");
    assertThat(refusal(Path.of("/sys/kernel"), Map.of()))
        .hasMessage(
            "source: '/sys/kernel' is not allowed; "
                + "expected a folder of files, not of the sysfs pseudo file system");
  }

  @Test
  void sourceHoldingTheRunsOwnFolders_isRefused() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));

    assertThat(refusal(tmp, Map.of("the log folder", src.resolve("logs"))))
        .hasMessage(
            "source: '"
                + tmp
                + "' is not "
                + "allowed; expected a folder that does not hold the log folder "
                + src.resolve("logs")
                + " (the copy would "
                + "copy itself)");
  }

  @Test
  void treesOverTheLimits_areRefused() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    for (int i = 0; i < 5; i++) {
      Files.writeString(src.resolve("f" + i), "x".repeat(300));
    }

    assertThat(catchThrowable(() -> SourceTree.check(src, Map.of(), 5, 1 << 20)))
        .hasMessage(
            "source: '"
                + src
                + "' is not allowed; expected a folder of at most 5 files, folders and links");
    assertThat(catchThrowable(() -> SourceTree.check(src, Map.of(), 100, 1024)))
        .hasMessage(
            "source: '" + src + "' is not allowed; expected a folder of at most 1 KiB of files");
    assertThat(SourceTree.check(src, Map.of(), 6, 1500)).isEqualTo(src.toRealPath());
  }

  @Test
  void copy_keepsLinksAsLinksWithoutFollowingThem() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("Containerfile"), "FROM scratch\n");
    Files.createSymbolicLink(src.resolve("etc"), Path.of("/etc"));
    Path to = Files.createDirectories(tmp.resolve("to"));

    SourceTree.copy(SourceTree.check(src, Map.of()), to);

    assertThat(Files.readString(to.resolve("Containerfile"))).isEqualTo("FROM scratch\n");
    assertThat(Files.isSymbolicLink(to.resolve("etc"))).isTrue();
    assertThat(Files.readSymbolicLink(to.resolve("etc"))).isEqualTo(Path.of("/etc"));
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
  }
}
