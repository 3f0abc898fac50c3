package dev.multiarch.tekton.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.HostTools;
import dev.multiarch.tekton.tasks.testing.ScriptRunner;
import dev.multiarch.tekton.tasks.testing.ScriptRunner.Run;
import dev.multiarch.tekton.templates.ScriptTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolve-commit and fetch-source scripts against a real git repository on disk: one commit
 * resolved once, fetched exactly by every platform however the branch moves.
 */
class GitScriptsTest {

  @TempDir Path tmp;
  Path repo;
  String first;

  @BeforeEach
  void repository() throws Exception {
    HostTools.require("git");
    repo = Files.createDirectories(tmp.resolve("repo"));
    git(repo, "init", "--quiet", "--initial-branch=main");
    Files.writeString(repo.resolve("Containerfile"), "FROM scratch\n");
    git(repo, "add", ".");
    git(repo, "commit", "--quiet", "-m", "first");
    first = git(repo, "rev-parse", "HEAD");
  }

  @Test
  void resolve_branch_givesItsCommitAndTheUrl() throws Exception {
    // When
    Run run = resolve("file://" + repo, "main");

    // Then
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.result("COMMIT")).isEqualTo(first);
    assertThat(run.result("URL")).isEqualTo("file://" + repo);
    assertThat(run.stdout())
        .isEqualTo("resolved main of file://" + repo + " to commit " + first + "\n");
  }

  @Test
  void resolve_emptyRevision_givesTheDefaultBranchsCommit() throws Exception {
    Run run = resolve("file://" + repo, "");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.result("COMMIT")).isEqualTo(first);
  }

  @Test
  void resolve_withoutGitUrl_givesEmptyResults() throws Exception {
    Run run = resolve("", "main");

    assertThat(run.exitCode()).isZero();
    assertThat(run.result("COMMIT")).isEmpty();
    assertThat(run.result("URL")).isEmpty();
  }

  @Test
  void resolve_unknownBranch_failsNamingItAndTheUrlWithoutCredentials() throws Exception {
    Run run = resolve("file://user:s3cret@" + repo, "no-such-branch");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .endsWith("ERROR: cannot fetch 'no-such-branch' from file://" + repo + "\n")
        .doesNotContain("s3cret");
  }

  @Test
  void fetch_givenCommit_checksOutThatCommitEvenAfterTheBranchMoved() throws Exception {
    // Given the commit resolved, then a push to the branch
    String resolved = resolve("file://" + repo, "main").result("COMMIT");
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "second");

    // When a platform fetches afterwards
    Run run = fetch(Map.of("GIT_REVISION", "main", "GIT_COMMIT", resolved));

    // Then it builds the resolved commit, not the branch's new head
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(git(tmp.resolve("source/linux-arm64"), "rev-parse", "HEAD")).isEqualTo(first);
    assertThat(run.stdout())
        .isEqualTo(
            "checked out main at commit "
                + first
                + " into "
                + tmp.resolve("source/linux-arm64")
                + "\n");
  }

  @Test
  void fetch_withoutCommit_fetchesTheRevisionAsItIs() throws Exception {
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "second");

    Run run = fetch(Map.of("GIT_REVISION", "main", "GIT_COMMIT", ""));

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(git(tmp.resolve("source/linux-arm64"), "rev-parse", "HEAD"))
        .isEqualTo(git(repo, "rev-parse", "HEAD"));
  }

  @Test
  void fetch_malformedCommit_failsBeforeFetching() throws Exception {
    Run run = fetch(Map.of("GIT_REVISION", "main", "GIT_COMMIT", "abc123"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .isEqualTo(
            "ERROR: GIT_COMMIT 'abc123' is not allowed; expected a full commit id (40 or"
                + " 64 hex digits)\n");
  }

  private Run resolve(String url, String revision) throws Exception {
    Path work = Files.createTempDirectory(tmp, "resolve");
    return ScriptRunner.run(
        work,
        ScriptTemplate.RESOLVE_COMMIT.render(Map.of()),
        Map.of("GIT_URL", url, "GIT_REVISION", revision));
  }

  private Run fetch(Map<String, String> env) throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put("PLATFORM", "linux/arm64");
    all.put("GIT_URL", "file://" + repo);
    all.put("SOURCE_DIR", tmp.resolve("source").toString());
    Path work = Files.createTempDirectory(tmp, "fetch");
    return ScriptRunner.run(
        work, ScriptTemplate.FETCH_SOURCE.render(TaskParts.platformModel()), all);
  }

  private static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of("git", "-c", "user.name=t", "-c", "user.email=t@e", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
    return out;
  }
}
