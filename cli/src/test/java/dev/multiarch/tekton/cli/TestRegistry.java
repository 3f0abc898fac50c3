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
import java.util.Map;

/**
 * A docker-registry on a free loopback port that the test owns (so it outlives the run and can be
 * inspected), with skopeo helpers that read images back from it; optionally one that demands a
 * password (htpasswd), which the helpers then give, or one served over TLS, whose CA the helpers
 * then trust.
 */
final class TestRegistry implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String host;
  private final Process process;
  private final String creds;
  private final Path certDir;

  private TestRegistry(String host, Process process, String creds, Path certDir) {
    this.host = host;
    this.process = process;
    this.creds = creds;
    this.certDir = certDir;
  }

  static TestRegistry start(Path dir) throws IOException, InterruptedException {
    return start(dir, "", null, null, Map.of());
  }

  /**
   * A registry served over TLS with {@code certificate} and {@code key} (PEM), which the helpers
   * verify with the CAs of {@code certDir} ({@code *.crt}, as containers/image reads a cert dir).
   */
  static TestRegistry startWithTls(Path dir, Path certificate, Path key, Path certDir)
      throws IOException, InterruptedException {
    return start(
        dir,
        "",
        null,
        certDir,
        Map.of(
            "REGISTRY_HTTP_TLS_CERTIFICATE", certificate.toString(),
            "REGISTRY_HTTP_TLS_KEY", key.toString()));
  }

  /**
   * A registry that answers 401 to anyone without {@code user} and {@code password}, which the file
   * {@code htpasswd} holds (bcrypt, as docker-registry requires).
   */
  static TestRegistry startWithPassword(Path dir, Path htpasswd, String user, String password)
      throws IOException, InterruptedException {
    return start(
        dir,
        "auth:\n  htpasswd:\n    realm: test\n    path: " + htpasswd + "\n",
        user + ":" + password,
        null,
        Map.of());
  }

  private static TestRegistry start(
      Path dir, String auth, String creds, Path certDir, Map<String, String> env)
      throws IOException, InterruptedException {
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
            + "\n"
            + auth);
    ProcessBuilder builder =
        new ProcessBuilder("docker-registry", "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    TestRegistry registry = new TestRegistry(host, process, creds, certDir);
    for (int i = 0; i < 100; i++) {
      if (Commands.tryRun(null, registry.skopeo("list-tags", "docker://" + host + "/probe/none"))
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
        Commands.run(skopeo("inspect", "--raw", "docker://" + host + "/" + reference)));
  }

  /** The image config (architecture, os, ...) of a single-platform image. */
  JsonNode config(String reference) throws IOException {
    return JSON.readTree(
        Commands.run(skopeo("inspect", "--config", "docker://" + host + "/" + reference)));
  }

  /** The digest skopeo computes for {@code reference}. */
  String digest(String reference) {
    return Commands.run(
            skopeo("inspect", "--format", "{{.Digest}}", "docker://" + host + "/" + reference))
        .trim();
  }

  /** True if the registry has {@code reference}. */
  boolean has(String reference) {
    return Commands.tryRun(null, skopeo("inspect", "--raw", "docker://" + host + "/" + reference))
            .code()
        == 0;
  }

  /** The tags of {@code repository}. */
  List<String> tags(String repository) throws IOException {
    Commands.Output output =
        Commands.tryRun(null, skopeo("list-tags", "docker://" + host + "/" + repository));
    List<String> tags = new ArrayList<>();
    if (output.code() == 0) {
      JSON.readTree(output.text()).path("Tags").forEach(tag -> tags.add(tag.asText()));
    }
    return tags;
  }

  /** The content of {@code file} in the image {@code reference}, from its last layer. */
  String fileInImage(String reference, String file, Path work) throws IOException {
    List<Path> layers = layers(reference, work);
    return Commands.run("tar", "-xOf", layers.get(layers.size() - 1).toString(), file);
  }

  /** The layer blobs of the single-platform image {@code reference}, in order, as pushed. */
  List<Path> layers(String reference, Path work) throws IOException {
    Path dir = Files.createTempDirectory(work, "image-");
    List<String> copy =
        new ArrayList<>(
            certDir == null
                ? List.of("skopeo", "copy", "--src-tls-verify=false")
                : List.of("skopeo", "copy", "--src-cert-dir", certDir.toString()));
    if (creds != null) {
      copy.addAll(List.of("--src-creds", creds));
    }
    copy.addAll(List.of("docker://" + host + "/" + reference, "dir:" + dir));
    Commands.run(copy.toArray(String[]::new));
    List<Path> layers = new ArrayList<>();
    for (JsonNode layer : JSON.readTree(dir.resolve("manifest.json").toFile()).path("layers")) {
      layers.add(dir.resolve(layer.path("digest").asText().substring("sha256:".length())));
    }
    return layers;
  }

  /**
   * Pushes a two-platform (linux/amd64, linux/arm64) image of Debian's static busybox as {@code
   * /bin/busybox} to {@code reference}, built with buildah in a storage of its own under {@code
   * work}.
   */
  void pushBusyboxBase(String reference, Path work) throws IOException {
    List<String> buildah =
        List.of(
            "buildah",
            "--root",
            work.resolve("storage").toString(),
            "--runroot",
            work.resolve("run").toString(),
            "--storage-driver",
            "vfs");
    Commands.run(with(buildah, "manifest", "create", "localhost/base-list"));
    for (String arch : List.of("amd64", "arm64")) {
      String container =
          Commands.run(with(buildah, "from", "--name", "base-" + arch, "scratch")).strip();
      Commands.run(
          with(
              buildah,
              "copy",
              container,
              BuildContexts.busybox(BuildContexts.ARCHES.get(arch)).toString(),
              "/bin/busybox"));
      Commands.run(with(buildah, "config", "--os", "linux", "--arch", arch, container));
      Commands.run(with(buildah, "commit", "--rm", container, "localhost/base-" + arch));
      Commands.run(
          with(buildah, "manifest", "add", "localhost/base-list", "localhost/base-" + arch));
    }
    List<String> push =
        new ArrayList<>(
            certDir == null
                ? List.of("manifest", "push", "--all", "--tls-verify=false")
                : List.of("manifest", "push", "--all", "--cert-dir", certDir.toString()));
    if (creds != null) {
      push.addAll(List.of("--creds", creds));
    }
    push.addAll(List.of("localhost/base-list", "docker://" + reference));
    Commands.run(with(buildah, push.toArray(String[]::new)));
  }

  private static String[] with(List<String> command, String... more) {
    List<String> all = new ArrayList<>(command);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /**
   * A skopeo command against this registry: no TLS, or TLS verified with its CA, and the password
   * when it needs one.
   */
  private String[] skopeo(String verb, String... more) {
    List<String> command =
        new ArrayList<>(
            certDir == null
                ? List.of("skopeo", verb, "--tls-verify=false")
                : List.of("skopeo", verb, "--cert-dir", certDir.toString()));
    if (creds != null) {
      command.addAll(List.of("--creds", creds));
    }
    command.addAll(List.of(more));
    return command.toArray(String[]::new);
  }

  @Override
  public void close() {
    process.destroy();
  }
}
