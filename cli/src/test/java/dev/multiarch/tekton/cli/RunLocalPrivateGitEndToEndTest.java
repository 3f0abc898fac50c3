package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.tasks.testing.HostTools;
import dev.multiarch.tekton.templates.ScriptTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-tool group: private git repositories, served by the tests on loopback, built by run-local
 * with the workspaces a cluster binds to Secrets: {@code basic-auth} for git's own http-backend
 * behind basic authentication, {@code ssh-directory} for Debian's sshd. Without them each run fails
 * within seconds with the line that names the workspace.
 */
@Tag("real-tools")
class RunLocalPrivateGitEndToEndTest {

  private static final String HELLO =
      GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml").toString();

  /** A run that fails for want of credentials does so in its first task, long before this. */
  private static final Duration FAILS_WITHIN = Duration.ofSeconds(30);

  @TempDir Path tmp;

  @BeforeEach
  void requireRealTools() {
    RealTools.require();
    HostTools.requireAll("sshd", "ssh", "ssh-keygen");
  }

  @Test
  void runLocal_httpBasicAuth_buildsWithBasicAuthWorkspace_andWithoutFailsNamingIt()
      throws Exception {
    Path root = Files.createDirectories(tmp.resolve("git"));
    String commit = bareRepository(root.resolve("private.git"));
    try (GitHttpServer server = GitHttpServer.start(root, "alice", "s3cret-token");
        TestRegistry registry = TestRegistry.start(tmp.resolve("registry"))) {
      String url = server.url() + "/private.git";
      Path basicAuth = Files.createDirectories(tmp.resolve("basic-auth"));
      Files.writeString(basicAuth.resolve(".gitconfig"), "[credential]\n\thelper = store\n");
      Files.writeString(
          basicAuth.resolve(".git-credentials"),
          server.url().replace("http://", "http://alice:s3cret-token@") + "\n");

      long start = System.nanoTime();
      CliTest.Result refused = runLocal(url, registry, "refused");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(refused.code()).as(refused.err()).isEqualTo(1);
      assertThat(refused.err())
          .contains(
              "ERROR: git: "
                  + url
                  + " wants credentials: bind the basic-auth workspace (.git-credentials and"
                  + " .gitconfig) through spec.source.git.credentialsSecret or"
                  + " --git-credentials-secret")
          .doesNotContain("cannot fetch");
      assertThat(took).isLessThan(FAILS_WITHIN);

      Path wrongPassword = Files.createDirectories(tmp.resolve("basic-auth-wrong"));
      Files.copy(basicAuth.resolve(".gitconfig"), wrongPassword.resolve(".gitconfig"));
      Files.writeString(
          wrongPassword.resolve(".git-credentials"),
          server.url().replace("http://", "http://alice:not-the-token@") + "\n");
      start = System.nanoTime();
      CliTest.Result wrong =
          runLocal(url, registry, "wrong", "--workspace", "basic-auth=" + wrongPassword);
      took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(wrong.code()).as(wrong.err()).isEqualTo(1);
      assertThat(wrong.err())
          .contains(
              "ERROR: git: "
                  + url
                  + " refused the credentials of the basic-auth workspace"
                  + " (spec.source.git.credentialsSecret, --git-credentials-secret)")
          .doesNotContain("not-the-token");
      assertThat(took).isLessThan(FAILS_WITHIN);

      CliTest.Result built =
          runLocal(url, registry, "built", "--workspace", "basic-auth=" + basicAuth);

      assertThat(built.code()).as(built.err()).isZero();
      assertBuiltCommit(commit, "built");
      assertThat(built.err()).doesNotContain("s3cret-token");
    }
  }

  @Test
  void runLocal_ssh_buildsWithSshDirectoryWorkspace_andFailsWithoutItOrWithAWrongHostKey()
      throws Exception {
    Path repository = tmp.resolve("git/private.git");
    String commit = bareRepository(repository);
    Path keys = Files.createDirectories(tmp.resolve("keys"));
    Path userKey = SshGitServer.keyPair(keys.resolve("id_ed25519"));
    try (SshGitServer server =
            SshGitServer.start(tmp.resolve("sshd"), keys.resolve("id_ed25519.pub"));
        TestRegistry registry = TestRegistry.start(tmp.resolve("registry"))) {
      String url = server.url(repository);
      // As the steps print it: without the user part, as CHAINS-GIT_URL publishes it.
      String shown = url.replace("ssh://root@", "ssh://");
      Path sshDirectory = Files.createDirectories(tmp.resolve("ssh-directory"));
      Files.copy(userKey, sshDirectory.resolve("id_ed25519"));
      Path wrongHosts = Files.createDirectories(tmp.resolve("ssh-directory-wrong-host-key"));
      Files.copy(userKey, wrongHosts.resolve("id_ed25519"));
      Files.writeString(wrongHosts.resolve("known_hosts"), server.wrongKnownHostsLine(keys));
      Path noHosts = Files.createDirectories(tmp.resolve("ssh-directory-no-known-hosts"));
      Files.copy(userKey, noHosts.resolve("id_ed25519"));
      Files.writeString(sshDirectory.resolve("known_hosts"), server.knownHostsLine());

      long start = System.nanoTime();
      CliTest.Result without = runLocal(url, registry, "without");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      CliTest.Result wrongKey =
          runLocal(url, registry, "wrong", "--workspace", "ssh-directory=" + wrongHosts);
      CliTest.Result noKnownHosts =
          runLocal(url, registry, "no-known-hosts", "--workspace", "ssh-directory=" + noHosts);

      assertThat(without.code()).as(without.err()).isEqualTo(1);
      assertThat(without.err())
          .contains(
              "ERROR: git: cannot check the host key of "
                  + shown
                  + ": bind the ssh-directory workspace, with the server's key in known_hosts,"
                  + " through spec.source.git.sshSecret or --git-ssh-secret");
      assertThat(took).isLessThan(FAILS_WITHIN);
      assertThat(wrongKey.code()).as(wrongKey.err()).isEqualTo(1);
      assertThat(wrongKey.err())
          .contains(
              "ERROR: git: the host key of "
                  + shown
                  + " is not the one in known_hosts of the ssh-directory workspace"
                  + " (spec.source.git.sshSecret, --git-ssh-secret)");
      assertThat(noKnownHosts.code()).as(noKnownHosts.err()).isEqualTo(1);
      assertThat(noKnownHosts.err())
          .contains(
              "ERROR: the ssh-directory workspace holds no known_hosts, so the host key of "
                  + shown
                  + " cannot be checked: add the server's key (ssh-keyscan HOST) as known_hosts to"
                  + " the Secret of spec.source.git.sshSecret (--git-ssh-secret)");

      // The server's host key known (as creds-init's .ssh would give it), but no key: run-local's
      // fresh HOME has no .ssh, so the resolve-commit script runs here with one.
      Path home = Files.createDirectories(tmp.resolve("home-known-hosts-only/.ssh")).getParent();
      Files.writeString(home.resolve(".ssh/known_hosts"), server.knownHostsLine());
      ScriptRun noKey = resolveCommit(home, url);

      assertThat(noKey.code()).as(noKey.output()).isEqualTo(1);
      assertThat(noKey.output())
          .contains(
              "ERROR: git: "
                  + shown
                  + " wants an ssh key: bind the ssh-directory workspace (a private key and"
                  + " known_hosts) through spec.source.git.sshSecret or --git-ssh-secret");

      CliTest.Result built =
          runLocal(url, registry, "built", "--workspace", "ssh-directory=" + sshDirectory);

      assertThat(built.code()).as(built.err()).isZero();
      assertBuiltCommit(commit, "built");
    }
  }

  /**
   * Without the basic-auth workspace, the credentials Tekton's credential initialisation copied
   * into the step's HOME from a ServiceAccount Secret annotated tekton.dev/git-0 still serve.
   */
  @Test
  void resolveCommit_credentialsInHomeFromCredsInit_areUsed() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("git"));
    String commit = bareRepository(root.resolve("private.git"));
    try (GitHttpServer server = GitHttpServer.start(root, "alice", "s3cret-token")) {
      Path home = Files.createDirectories(tmp.resolve("tekton-home"));
      Files.writeString(home.resolve(".gitconfig"), "[credential]\n\thelper = store\n");
      Files.writeString(
          home.resolve(".git-credentials"),
          server.url().replace("http://", "http://alice:s3cret-token@") + "\n");
      ScriptRun run = resolveCommit(home, server.url() + "/private.git");

      assertThat(run.code()).as(run.output()).isZero();
      assertThat(Files.readString(tmp.resolve("results/COMMIT"))).isEqualTo(commit);
    }
  }

  private record ScriptRun(int code, String output) {}

  /**
   * Runs the resolve-commit script with {@code home} as the step's HOME (as Tekton's credential
   * initialisation leaves it) and results in {@code tmp/results}.
   */
  private ScriptRun resolveCommit(Path home, String url) throws Exception {
    Path results = Files.createDirectories(tmp.resolve("results"));
    Path script = tmp.resolve("resolve.sh");
    Files.writeString(
        script,
        ScriptTemplate.RESOLVE_COMMIT
            .render(Map.of())
            .replace("$(results.COMMIT.path)", results.resolve("COMMIT").toString())
            .replace("$(results.URL.path)", results.resolve("URL").toString()));
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    builder.environment().put("HOME", home.toString());
    builder.environment().put("GIT_URL", url);
    builder.environment().put("GIT_REVISION", "");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new ScriptRun(process.waitFor(), output);
  }

  private CliTest.Result runLocal(String url, TestRegistry registry, String logs, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run-local",
                "-f",
                HELLO,
                "--git-url",
                url,
                "--registry",
                registry.host(),
                "--log-dir",
                tmp.resolve("logs-" + logs).toString()));
    args.addAll(List.of(more));
    return CliTest.run(args.toArray(String[]::new));
  }

  /** Every platform's build, the emulated arm64 one too, checked out the repository's commit. */
  private void assertBuiltCommit(String commit, String logs) throws IOException {
    for (String platform : new String[] {"linux-amd64", "linux-arm64"}) {
      assertThat(
              Files.readString(
                  tmp.resolve("logs-" + logs)
                      .resolve("build-" + platform + "/01-fetch-source.log")))
          .contains("at commit " + commit);
    }
  }

  /** A bare repository at {@code bare} holding a buildable context; gives its commit. */
  private String bareRepository(Path bare) throws IOException {
    Path work = BuildContexts.unameContext(tmp.resolve("work-" + bare.getFileName()));
    return BuildContexts.bareRepository(work, bare);
  }
}
