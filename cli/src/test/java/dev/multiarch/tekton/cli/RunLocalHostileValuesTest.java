package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile text in every user-controlled field that reaches a step script: either validation rejects
 * it with one line naming the flag (exit 2, nothing runs), or it travels through the generated
 * Pipeline as inert data. Each payload tries five ways of running {@code touch} on a marker folder;
 * the folder must stay empty.
 */
class RunLocalHostileValuesTest {

  private static final String HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml").toString();

  @TempDir Path tmp;
  private Path markers;

  @BeforeEach
  void markerFolder() throws IOException {
    markers = Files.createDirectories(tmp.resolve("markers"));
  }

  @AfterEach
  void noInjectedCommandRan() throws IOException {
    try (Stream<Path> files = Files.list(markers)) {
      assertThat(files).as("files an injected command created").isEmpty();
    }
  }

  /** Every shell and Tekton-unsafe construct, each trying to create its own marker. */
  private String payload() {
    String m = markers.toString();
    return "x $(touch "
        + m
        + "/a) `touch "
        + m
        + "/b` ; touch "
        + m
        + "/c \"q\" 's' | touch "
        + m
        + "/d && touch "
        + m
        + "/e";
  }

  static Stream<String> rejectedFlags() {
    return Stream.of(
        "--name",
        "--namespace",
        "--platforms",
        "--node-platform",
        "--git-url",
        "--git-revision",
        "--image-stream",
        "--tag",
        "--destination",
        "--tags",
        "--credentials-secret",
        "--builder-image",
        "--binfmt-image",
        "--placement",
        "--format");
  }

  @ParameterizedTest
  @MethodSource("rejectedFlags")
  void runLocal_hostileValue_isRejectedNamingTheFlag(String flag) {
    CliTest.Result run = CliTest.run("run-local", "-f", HELLO, flag, payload());

    assertThat(run.code()).isEqualTo(2);
    // Shown as far as a message shows a value: its first 200 characters, and how many more there
    // were.
    String payload = payload();
    assertThat(payload.length()).isGreaterThan(200);
    assertThat(run.err())
        .startsWith(
            "multiarch-tekton: "
                + flag
                + ": '"
                + payload.substring(0, 200)
                + "'... ("
                + (payload.length() - 200)
                + " more characters) is not allowed; expected ")
        .hasLineCount(1);
  }

  @Test
  void runLocal_hostileBuildArgName_isRejected() {
    CliTest.Result run =
        CliTest.run("run-local", "-f", HELLO, "--build-arg", "K;touch " + markers + "/k=1");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("multiarch-tekton: --build-arg: 'K;touch " + markers + "/k' is not allowed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--context", "--containerfile", "--build-arg"})
  void runLocal_newlineInAFreeTextField_isRejected(String flag) {
    String injected = "a\ntouch " + markers + "/n";

    CliTest.Result run =
        CliTest.run(
            "run-local",
            "-f",
            HELLO,
            flag,
            flag.equals("--build-arg") ? "V=" + injected : injected);

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("multiarch-tekton: " + flag + ": ")
        .contains("control characters")
        .hasLineCount(1);
  }

  /**
   * Real-tool group: the free-text fields (context folder, Containerfile name, build-arg value)
   * carry the payload through params, env and args into buildah, the build succeeds, and the
   * build-arg arrives byte for byte.
   */
  @Test
  @Tag("real-tools")
  void runLocal_hostileContextContainerfileAndBuildArg_areCarriedInertly() throws Exception {
    RealTools.require();
    // A comma too: buildah splits --file at commas (the flags above would split their own lists at
    // it).
    String hostile = payload() + ",touch " + markers + "/f";
    Path source = tmp.resolve("source");
    Path context =
        BuildContexts.unameContext(
            source.resolve(hostile),
            "ARG V",
            "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"printf '%s' \\\"$V\\\" > /v.txt\"]");
    Path containerfile = context.resolve(hostile + ".Containerfile");
    Files.createDirectories(containerfile.getParent());
    Files.move(context.resolve("Containerfile"), containerfile);

    try (TestRegistry registry = TestRegistry.start(tmp.resolve("registry"))) {
      CliTest.Result run =
          CliTest.run(
              "run-local",
              "-f",
              HELLO,
              "--source",
              source.toString(),
              "--registry",
              registry.host(),
              "--context",
              hostile,
              "--containerfile",
              hostile + ".Containerfile",
              "--build-arg",
              "V=" + hostile,
              "--log-dir",
              tmp.resolve("logs").toString());

      assertThat(run.code()).as(run.err()).isZero();
      for (String platform : new String[] {"linux-amd64", "linux-arm64"}) {
        assertThat(registry.fileInImage("demo/hello:latest-" + platform, "v.txt", tmp))
            .isEqualTo(hostile);
      }
    }
  }
}
