package dev.multiarch.tekton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A docker-registry on a free loopback port that the test owns (so it outlives the run and can be
 * inspected), with skopeo helpers that read images back from it.
 */
final class TestRegistry implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String host;
  private final Process process;

  private TestRegistry(String host, Process process) {
    this.host = host;
    this.process = process;
  }

  static TestRegistry start(Path dir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String host = "127.0.0.1:" + port;
    Files.createDirectories(dir);
    Path config = dir.resolve("config.yml");
    Files.writeString(
        config,
        "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("data")
            + "\nhttp:\n  addr: "
            + host
            + "\n");
    Process process =
        new ProcessBuilder("docker-registry", "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    TestRegistry registry = new TestRegistry(host, process);
    for (int i = 0; i < 100; i++) {
      if (Commands.tryRun(
                  null,
                  "skopeo",
                  "list-tags",
                  "--tls-verify=false",
                  "docker://" + host + "/probe/none")
              .text()
              .contains("NAME_UNKNOWN")
          || !process.isAlive()) {
        break;
      }
      Thread.sleep(100);
    }
    if (!process.isAlive()) {
      throw new AssertionError(
          "docker-registry did not start: " + Files.readString(dir.resolve("registry.log")));
    }
    return registry;
  }

  String host() {
    return host;
  }

  /** The raw manifest (or index) at {@code reference}, e.g. {@code example/hello:1.0}. */
  JsonNode manifest(String reference) throws IOException {
    return JSON.readTree(
        Commands.run(
            "skopeo",
            "inspect",
            "--raw",
            "--tls-verify=false",
            "docker://" + host + "/" + reference));
  }

  /** The image config (architecture, os, ...) of a single-platform image. */
  JsonNode config(String reference) throws IOException {
    return JSON.readTree(
        Commands.run(
            "skopeo",
            "inspect",
            "--config",
            "--tls-verify=false",
            "docker://" + host + "/" + reference));
  }

  /** The digest skopeo computes for {@code reference}. */
  String digest(String reference) {
    return Commands.run(
            "skopeo",
            "inspect",
            "--format",
            "{{.Digest}}",
            "--tls-verify=false",
            "docker://" + host + "/" + reference)
        .trim();
  }

  /** True if the registry has {@code reference}. */
  boolean has(String reference) {
    return Commands.tryRun(
                null,
                "skopeo",
                "inspect",
                "--raw",
                "--tls-verify=false",
                "docker://" + host + "/" + reference)
            .code()
        == 0;
  }

  /** The tags of {@code repository}. */
  List<String> tags(String repository) throws IOException {
    Commands.Output output =
        Commands.tryRun(
            null,
            "skopeo",
            "list-tags",
            "--tls-verify=false",
            "docker://" + host + "/" + repository);
    List<String> tags = new ArrayList<>();
    if (output.code() == 0) {
      JSON.readTree(output.text()).path("Tags").forEach(tag -> tags.add(tag.asText()));
    }
    return tags;
  }

  /** The content of {@code file} in the image {@code reference}, from its last layer. */
  String fileInImage(String reference, String file, Path work) throws IOException {
    Path dir = Files.createTempDirectory(work, "image-");
    Commands.run(
        "skopeo",
        "copy",
        "--src-tls-verify=false",
        "docker://" + host + "/" + reference,
        "dir:" + dir);
    JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
    JsonNode layers = manifest.path("layers");
    String digest = layers.get(layers.size() - 1).path("digest").asText();
    Path layer = dir.resolve(digest.substring("sha256:".length()));
    return Commands.run("tar", "-xOf", layer.toString(), file);
  }

  @Override
  public void close() {
    process.destroy();
  }
}
