package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.FolderDifference;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.OutputFolderException;
import dev.multiarch.tekton.Placement;
import dev.multiarch.tekton.Source;
import dev.multiarch.tekton.WriteOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Pipelines-as-Code folder ({@code GeneratedPipeline.pacFiles()}, {@code --pac-dir}). */
class PacFolderTest {

  @TempDir Path tmp;

  private static Map<String, String> pacFiles(BuildSpec spec) {
    return MultiArchTekton.from(spec).generate().pacFiles();
  }

  @Test
  void pacFiles_holdTasksPipelineAndTwoRuns_onlyTektonKinds_noNamespace() {
    Map<String, String> files = pacFiles(Specs.twoPlatforms());

    assertThat(files.keySet())
        .containsExactly(
            "task-multiarch-resolve-commit.yaml",
            "task-multiarch-binfmt.yaml",
            "task-multiarch-buildah.yaml",
            "task-multiarch-manifest.yaml",
            "pipeline-hello.yaml",
            "pipelinerun-hello-push.yaml",
            "pipelinerun-hello-pull-request.yaml");
    files.forEach(
        (name, text) -> {
          assertThat(text).as(name).contains("\napiVersion: tekton.dev/v1\n");
          assertThat(text).as(name).doesNotContain("\n  namespace:");
        });
  }

  @Test
  void pushRun_matchesPushesToTheBranch_clonesPacsRevision_withPacsGitSecret() {
    String run = pacFiles(Specs.twoPlatforms()).get("pipelinerun-hello-push.yaml");

    assertThat(run)
        .contains(
            "  annotations:\n"
                + "    pipelinesascode.tekton.dev/max-keep-runs: \"5\"\n"
                + "    pipelinesascode.tekton.dev/on-event: \"[push]\"\n"
                + "    pipelinesascode.tekton.dev/on-target-branch: \"[main]\"\n"
                + "    pipelinesascode.tekton.dev/target-namespace: demo\n"
                + "    tekton.dev/auto-cleanup-pvc: \"true\"\n"
                + "  generateName: hello-push-\n")
        .contains(
            "  params:\n"
                + "    - name: GIT_URL\n"
                + "      value: \"{{ repo_url }}\"\n"
                + "    - name: GIT_REVISION\n"
                + "      value: \"{{ revision }}\"\n"
                + "  pipelineRef:\n")
        .contains(
            "    - name: basic-auth\n"
                + "      secret:\n"
                + "        secretName: \"{{ git_auth_secret }}\"\n")
        .contains("    - pipelineTaskName: binfmt\n      serviceAccountName: hello-privileged\n")
        .doesNotContain("pull_request_number");
  }

  @Test
  void pullRequestRun_publishesItsOwnTag_neverTheReleaseTags() {
    String run = pacFiles(Specs.twoPlatforms()).get("pipelinerun-hello-pull-request.yaml");

    assertThat(run)
        .contains("    pipelinesascode.tekton.dev/on-event: \"[pull_request]\"\n")
        .contains("  generateName: hello-pr-\n")
        .contains(
            "    - name: TAG\n"
                + "      value: \"pr-{{ pull_request_number }}\"\n"
                + "    - name: DESTINATION_TAGS\n"
                + "      value: \"pr-{{ pull_request_number }}\"\n");
  }

  @Test
  void runs_areTheGeneratedRun_butForMetadataParamsAndGitSecret() {
    BuildSpec spec =
        Specs.twoPlatforms().toBuilder()
            .source(Specs.twoPlatforms().source().withGitSecrets("git-https", ""))
            .build();
    String generated = MultiArchTekton.from(spec).generate().files().get("pipelinerun-hello.yaml");
    String push = pacFiles(spec).get("pipelinerun-hello-push.yaml");

    assertThat(
            push.substring(push.indexOf("\n  pipelineRef:"))
                .replace("\"{{ git_auth_secret }}\"", "git-https"))
        .isEqualTo(generated.substring(generated.indexOf("\n  pipelineRef:")));
  }

  @Test
  void sshKey_givesWayToPacsToken_andAPipelineWithoutCredentialsGetsTheWorkspace() {
    BuildSpec ssh =
        Specs.twoPlatforms().toBuilder()
            .source(
                new Source("git@github.com:example/hello.git", "main", null, null, Map.of())
                    .withGitSecrets("", "git-ssh"))
            .build();

    for (BuildSpec spec : List.of(ssh, Specs.twoPlatforms())) {
      Map<String, String> files = pacFiles(spec);
      assertThat(files.get("pipeline-hello.yaml")).contains("    - name: basic-auth\n");
      assertThat(files.get("pipelinerun-hello-push.yaml"))
          .contains("secretName: \"{{ git_auth_secret }}\"")
          .doesNotContain("ssh-directory");
    }
  }

  @Test
  void maxKeepRuns_comesFromTheSpec() {
    Map<String, String> files =
        pacFiles(Specs.twoPlatforms().toBuilder().pacMaxKeepRuns(12).build());

    assertThat(files.get("pipelinerun-hello-pull-request.yaml"))
        .contains("    pipelinesascode.tekton.dev/max-keep-runs: \"12\"\n");
  }

  @Test
  void maxKeepRuns_outOfRange_isRefused() {
    assertThatThrownBy(() -> Specs.twoPlatforms().toBuilder().pacMaxKeepRuns(0).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "spec.pac.maxKeepRuns: '0' is not allowed; expected a whole number of runs, 1 to 9999");
  }

  @Test
  void inlineTasks_leaveOnlyThePipelineAndTheRuns() {
    Map<String, String> files =
        pacFiles(Specs.twoPlatforms().toBuilder().inlineTasks(true).build());

    assertThat(files.keySet())
        .containsExactly(
            "pipeline-hello.yaml",
            "pipelinerun-hello-push.yaml",
            "pipelinerun-hello-pull-request.yaml");
  }

  @Test
  void everyPlacement_givesAFolder() {
    for (Placement placement : Placement.values()) {
      Map<String, String> files =
          pacFiles(Specs.twoPlatforms().toBuilder().placement(placement).build());
      assertThat(files).as(placement.toString()).containsKey("pipelinerun-hello-pull-request.yaml");
    }
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            "no git repository",
            (UnaryOperator<BuildSpec>) s -> s.toBuilder().source(Source.workspace()).build(),
            "spec.source.git.url: '' is not allowed; expected a git repository for"
                + " Pipelines-as-Code, which builds the repository it runs for"),
        Arguments.of(
            "no branch",
            (UnaryOperator<BuildSpec>)
                s ->
                    s.toBuilder()
                        .source(Source.git("https://github.com/example/hello.git", ""))
                        .build(),
            "spec.source.git.revision: '' is not allowed; expected a branch for Pipelines-as-Code:"
                + " pushes to it and pull requests into it build"),
        Arguments.of(
            "a name too long for the runs",
            (UnaryOperator<BuildSpec>) s -> s.toBuilder().name("a".repeat(53)).build(),
            "metadata.name: '"
                + "a".repeat(53)
                + "' is not allowed; expected at most 52 characters for Pipelines-as-Code, whose"
                + " runs are named <name>-push-xxxxx"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void pacFiles_refuseWhatPacCannotBuild(
      String label, UnaryOperator<BuildSpec> change, String message) {
    BuildSpec spec = change.apply(Specs.twoPlatforms());

    assertThatThrownBy(() -> pacFiles(spec))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(message);
  }

  @Test
  void writePacTo_thenComparePacTo_isEqual_andAForeignFileIsRefused() throws IOException {
    var generated = MultiArchTekton.from(Specs.twoPlatforms()).generate();
    Path dir = tmp.resolve(".tekton");

    generated.writePacTo(dir);

    assertThat(generated.comparePacTo(dir)).isEmpty();
    assertThat(generated.compareTo(dir))
        .extracting(FolderDifference::toString)
        .contains("missing: kustomization.yaml", "extra: pipelinerun-hello-push.yaml");
    Files.writeString(dir.resolve("other.yaml"), "kind: ConfigMap\n");
    assertThatThrownBy(() -> generated.writePacTo(dir, WriteOption.OVERWRITE_EDITED_FILES))
        .isInstanceOf(OutputFolderException.class)
        .hasMessage(
            dir
                + ": not writing there, it holds files multiarch-tekton did not write: other.yaml;"
                + " choose an empty folder or one multiarch-tekton wrote");
  }
}
