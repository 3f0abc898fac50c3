package dev.multiarch.tekton.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.validate.TektonValidator;
import dev.multiarch.tekton.validate.ValidationProblem;
import dev.multiarch.tekton.validate.ValidationReport;
import dev.multiarch.tekton.validate.testing.ValidSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * This project's rules as the rule set {@link MultiArchTekton#validator()} adds on top of Tekton's:
 * planted into the validator's known-good set, each is reported with the project's tag at its file,
 * line and path, and none is reported by Tekton's rules alone ({@link TektonValidator#create()}).
 */
class MultiArchRulesTest {

  static Stream<Arguments> defects() {
    return Stream.of(
        Arguments.of(
            "task-manifest.yaml",
            "        echo \"manifest: ${STATUS} ${DIGEST}\"",
            "        echo \"manifest: $(params.STATUS)\"",
            "spec.steps[0].script",
            "pass the value through env"),
        Arguments.of(
            "task-build.yaml",
            "    - name: result\n      image: $(params.BUILDER_IMAGE)\n",
            "    - name: result\n      image: $(params.BUILDER_IMAGE)\n      securityContext:\n        privileged: true\n",
            "spec.steps[2].securityContext.privileged",
            "not declared in annotation multiarch-tekton.dev/privileged-steps"));
  }

  @ParameterizedTest(name = "{3}")
  @MethodSource("defects")
  void validator_plantedProjectDefect_isTaggedAtItsPathAndOnlyByTheRuleSet(
      String file, String from, String to, String path, String message) {
    Map<String, String> texts = validSet();
    assertThat(texts.get(file)).as("edit anchor").contains(from);
    texts.put(file, texts.get(file).replace(from, to));

    ValidationReport report = MultiArchTekton.validator().validate(texts);

    assertThat(report.problems())
        .anySatisfy(
            problem -> {
              assertThat(problem.file()).isEqualTo(file);
              assertThat(problem.path()).isEqualTo(path);
              assertThat(problem.message()).contains(message);
              assertThat(problem.project()).isTrue();
              assertThat(problem.toString()).contains(": " + ValidationProblem.PROJECT_TAG + " ");
            });
    assertThat(TektonValidator.create().validate(texts).problems()).isEmpty();
  }

  @Test
  void validator_runAllowingMoreThanTheDefaultTaskRunTimeout_namesEveryPipelineTaskWithoutOne() {
    // Given the run allows its tasks 3h, and the Pipeline's tasks have no timeout of their own
    Map<String, String> texts = validSet();
    texts.put(
        "pipelinerun.yaml",
        texts
            .get("pipelinerun.yaml")
            .replace(
                "    pipeline: 2h0m0s\n    tasks: 1h0m0s\n", "    pipeline: 4h\n    tasks: 3h\n"));

    // When
    ValidationReport report = MultiArchTekton.validator().validate(texts);

    // Then
    assertThat(report.problems())
        .extracting(p -> p.file() + ":" + p.line() + ": " + p.path() + ": " + p.message())
        .containsExactly(
            "pipelinerun.yaml:16: spec.timeouts: pipeline task 'build' has no timeout of its own, so Tekton stops its"
                + " TaskRun after its default of 1h (default-timeout-minutes) although timeouts.tasks is 3h; give the"
                + " pipeline task a timeout, or the PipelineRun a taskRunSpecs[].timeout for it",
            "pipelinerun.yaml:16: spec.timeouts: pipeline task 'manifest' has no timeout of its own, so Tekton stops its"
                + " TaskRun after its default of 1h (default-timeout-minutes) although timeouts.tasks is 3h; give the"
                + " pipeline task a timeout, or the PipelineRun a taskRunSpecs[].timeout for it");
    assertThat(TektonValidator.create().validate(texts).problems()).isEmpty();
  }

  static Stream<Arguments> credentialsInUrls() {
    String clean = "https://git.example.com/org/app.git";
    return Stream.of(
        Arguments.of(
            "https://alice:s3cret@git.example.com/org/app.git",
            null,
            List.of(
                "pipeline.yaml: spec.params[3].default: param 'GIT_URL' holds a user name, password"
                    + " or token in its URL ('https://***@git.example.com/org/app.git'), readable by"
                    + " anyone who may read this resource; give git's credentials as the"
                    + " .git-credentials of the basic-auth workspace's Secret"
                    + " (spec.source.git.credentialsSecret)")),
        Arguments.of(
            clean,
            "https://s3cret@git.example.com/org/app.git",
            List.of(
                "pipelinerun.yaml: spec.params[2].value: param 'GIT_URL' holds a user name, password"
                    + " or token in its URL ('https://***@git.example.com/org/app.git'), readable by"
                    + " anyone who may read this resource; give git's credentials as the"
                    + " .git-credentials of the basic-auth workspace's Secret"
                    + " (spec.source.git.credentialsSecret)")),
        Arguments.of(clean, "ssh://git@git.example.com/org/app.git", List.of()));
  }

  @ParameterizedTest(name = "default {0}, run value {1}")
  @MethodSource("credentialsInUrls")
  void validator_gitUrlParamWithCredentials_isTaggedWithoutTheSecret(
      String pipelineDefault, String runValue, List<String> expected) {
    // Given
    Map<String, String> texts = validSet();
    texts.put(
        "pipeline.yaml",
        texts
            .get("pipeline.yaml")
            .replaceFirst(
                "\n  workspaces:\n",
                "\n    - name: GIT_URL\n      type: string\n      default: "
                    + pipelineDefault
                    + "\n  workspaces:\n"));
    if (runValue != null) {
      texts.put(
          "pipelinerun.yaml",
          texts
              .get("pipelinerun.yaml")
              .replace(
                  "\n  timeouts:\n",
                  "\n    - name: GIT_URL\n      value: " + runValue + "\n  timeouts:\n"));
    }

    // When
    ValidationReport report = MultiArchTekton.validator().validate(texts);

    // Then
    assertThat(report.problems())
        .extracting(p -> p.file() + ": " + p.path() + ": " + p.message())
        .containsExactlyElementsOf(expected);
    assertThat(report.problems()).allSatisfy(p -> assertThat(p.project()).isTrue());
    assertThat(TektonValidator.create().validate(texts).problems()).isEmpty();
  }

  private static Map<String, String> validSet() {
    Map<String, String> texts = new LinkedHashMap<>();
    ValidSet.FILES.forEach(file -> texts.put(file, ValidSet.read(file)));
    return texts;
  }
}
