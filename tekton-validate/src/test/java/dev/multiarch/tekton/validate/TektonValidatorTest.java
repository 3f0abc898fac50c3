package dev.multiarch.tekton.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.validate.testing.TektonSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public validator: valid sets pass (no false alarms), and each planted defect, a small edit of
 * a valid document, is reported at the right file, line and path. The strict JSON schemas are a
 * second opinion: every document the validator accepts must pass them too.
 */
class TektonValidatorTest {

  /**
   * The known-good set in test resources {@code testing/}: matrix, when, finally, status, results,
   * workspaces.
   */
  static final List<String> FILES =
      List.of(
          "pipeline.yaml",
          "task-build.yaml",
          "task-manifest.yaml",
          "pipelinerun.yaml",
          "other.yaml");

  static Map<String, String> validSet() {
    Map<String, String> texts = new LinkedHashMap<>();
    FILES.forEach(file -> texts.put(file, read(file)));
    return texts;
  }

  @Test
  void validate_validSet_passes() {
    ValidationReport report = TektonValidator.create().validate(validSet());

    assertThat(report.problems()).isEmpty();
    assertThat(report.summary()).isEqualTo("5 passed, 0 failed");
  }

  @Test
  void validate_everyExampleGeneratedFolder_passes() throws IOException {
    for (String example : List.of("hello", "five-platforms", "in-pod", "inline-tasks")) {
      Path dir =
          GoldenFiles.projectRoot().resolve("examples").resolve(example).resolve("generated");
      List<Path> files;
      try (Stream<Path> list = Files.list(dir)) {
        files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      }

      ValidationReport report = TektonValidator.create().validateFiles(files);

      assertThat(report.problems()).as(example).isEmpty();
      assertThat(report.documents())
          .as(example)
          .isGreaterThanOrEqualTo(example.equals("inline-tasks") ? 2 : 4);
    }
  }

  /** One planted defect: replace {@code from} (unique in {@code file}) with {@code to}. */
  record Defect(String file, String from, String to, String path, String message) {
    @Override
    public String toString() {
      return file + " " + path;
    }
  }

  static Stream<Defect> defects() {
    return Stream.of(
        // Structure: unknown fields, types, required fields.
        new Defect(
            "pipeline.yaml",
            "      taskRef:\n        name: demo-manifest",
            "      taskRefs:\n        name: demo-manifest",
            "spec.tasks[1].taskRefs",
            "unknown field 'taskRefs'; did you mean 'taskRef'?"),
        new Defect(
            "task-build.yaml",
            "      workingDir: $(workspaces.source.path)",
            "      workinDir: $(workspaces.source.path)",
            "spec.steps[1].workinDir",
            "unknown field 'workinDir'; did you mean 'workingDir'?"),
        new Defect(
            "pipelinerun.yaml",
            "  timeouts:\n",
            "  timeout:\n",
            "spec.timeout",
            "unknown field 'timeout'; did you mean 'timeouts'?"),
        new Defect(
            "pipeline.yaml",
            "      runAfter:\n        - build\n",
            "      runAfter: build\n",
            "spec.tasks[1].runAfter",
            "expected an array"),
        new Defect(
            "task-manifest.yaml",
            "    - name: IMAGE_REFS\n      type: array\n",
            "    - type: array\n",
            "spec.params[1].name",
            "required field 'name' is missing"),
        new Defect(
            "pipeline.yaml",
            "apiVersion: tekton.dev/v1\nkind: Pipeline",
            "apiVersion: tekton.dev/v1\nkind: Pipline",
            "kind",
            "'Pipline' is not a kind of tekton.dev/v1"),
        new Defect(
            "pipeline.yaml",
            "metadata:\n  name: demo\n",
            "metadata:\n  name: demo\n  name: demo2\n",
            "metadata.name",
            "duplicate key"),
        // Pipeline admission rules.
        new Defect(
            "pipeline.yaml",
            "      runAfter:\n        - build\n",
            "      runAfter:\n        - biuld\n",
            "spec.tasks[1].runAfter[0]",
            "runAfter names 'biuld', which is not a task in tasks"),
        new Defect(
            "pipeline.yaml",
            "        - build\n",
            "        - report\n",
            "spec.tasks[1].runAfter[0]",
            "finally task"),
        new Defect(
            "pipeline.yaml",
            "    - name: build\n      taskRef:\n",
            "    - name: build\n      runAfter:\n        - manifest\n      taskRef:\n",
            "spec.tasks",
            "cycle"),
        new Defect(
            "pipeline.yaml",
            "    - name: report\n",
            "    - name: build\n",
            "spec.finally[0].name",
            "duplicate"),
        new Defect(
            "pipeline.yaml",
            "    - name: report\n",
            "    - name: Report\n",
            "spec.finally[0].name",
            "DNS-1123 label"),
        new Defect(
            "pipeline.yaml",
            "metadata:\n  name: demo\n",
            "metadata:\n  name: Demo_Pipeline\n",
            "metadata.name",
            "DNS-1123 subdomain"),
        new Defect(
            "pipeline.yaml",
            "    - name: report\n      taskRef:\n        name: demo-report\n",
            "    - name: report\n      taskRef:\n        name: demo-report\n      taskSpec:\n        steps:\n          - image: x\n",
            "spec.finally[0]",
            "exactly one of taskRef or taskSpec"),
        new Defect(
            "pipeline.yaml",
            "          operator: notin",
            "          operator: nin",
            "spec.tasks[1].when[0].operator",
            "in or notin"),
        new Defect(
            "pipeline.yaml",
            "          values:\n            - \"\"\n",
            "          values: []\n",
            "spec.tasks[1].when[0].values",
            "must not be empty"),
        new Defect(
            "pipeline.yaml",
            "        - name: RUN\n          value: $(context.pipelineRun.name)",
            "        - name: RUN\n          value: $(context.pipelineRun.id)",
            "spec.tasks[0].params[2].value",
            "context"),
        new Defect(
            "pipeline.yaml",
            "        - name: IMAGE\n          value: $(params.image)\n        - name: BUILDER_IMAGE",
            "        - name: IMAGE\n          value: $(params.imag)\n        - name: BUILDER_IMAGE",
            "spec.tasks[0].params[0].value",
            "imag"),
        new Defect(
            "pipeline.yaml",
            "        - name: RUN\n          value: $(context.pipelineRun.name)",
            "        - name: RUN\n          value: $(tasks.status)",
            "spec.tasks[0].params[2].value",
            "tasks.status"),
        new Defect(
            "pipeline.yaml",
            "          value: $(tasks.build.results.IMAGE_REF[*])",
            "          value: $(tasks.build.results.IMAGE_REF)",
            "spec.tasks[1].params[1].value",
            "[*]"),
        new Defect(
            "pipeline.yaml",
            "      params:\n        - name: IMAGE\n          value: $(params.image)\n        - name: BUILDER_IMAGE",
            "      params:\n        - name: PLATFORM\n          value: linux/amd64\n        - name: IMAGE\n          value: $(params.image)\n        - name: BUILDER_IMAGE",
            "spec.tasks[0].matrix.params[0].name",
            "in both matrix.params and params"),
        new Defect(
            "pipeline.yaml",
            "            value: $(params.platforms[*])",
            "            value: $(params.image)",
            "spec.tasks[0].matrix.params[0].value",
            "array"),
        new Defect(
            "pipeline.yaml",
            "    - name: dockerconfig\n      optional: true\n",
            "    - name: shared\n      optional: true\n",
            "spec.workspaces[1].name",
            "duplicate"),
        new Defect(
            "pipeline.yaml",
            "        - name: source\n          workspace: shared",
            "        - name: source\n          workspace: sharde",
            "spec.tasks[0].workspaces[0].workspace",
            "sharde"),
        new Defect(
            "pipeline.yaml",
            "    - name: IMAGE_DIGEST\n      value: $(tasks.manifest.results.IMAGE_DIGEST)\n",
            "    - name: IMAGE_DIGEST\n      value: $(tasks.manifset.results.IMAGE_DIGEST)\n",
            "spec.results[0].value",
            "manifset"),
        new Defect(
            "pipeline.yaml",
            "    - name: image\n      type: string\n",
            "    - name: image\n      type: str\n",
            "spec.params[1].type",
            "string, array or object"),
        new Defect(
            "pipeline.yaml",
            "    - name: builder-image\n      type: string\n      default: quay.io",
            "    - name: builder-image\n      type: array\n      default: quay.io",
            "spec.params[2].default",
            "array"),
        new Defect(
            "pipeline.yaml",
            "    - name: builder-image\n",
            "    - name: image\n",
            "spec.params[2].name",
            "duplicate"),
        new Defect(
            "pipeline.yaml",
            "      params:\n        - name: DIGEST\n",
            "      runAfter:\n        - build\n      params:\n        - name: DIGEST\n",
            "spec.finally[0].runAfter",
            "runAfter"),
        // Cross-document: the Pipeline against its Tasks.
        new Defect(
            "pipeline.yaml",
            "        - name: RUN\n          value: $(context.pipelineRun.name)\n",
            "        - name: RUN\n          value: $(context.pipelineRun.name)\n        - name: EXTRA\n          value: x\n",
            "spec.tasks[0].params[3].name",
            "EXTRA"),
        new Defect(
            "task-build.yaml",
            "    - name: IMAGE\n      type: string\n    - name: BUILDER_IMAGE",
            "    - name: IMAGE\n      type: string\n    - name: TAG\n      type: string\n    - name: BUILDER_IMAGE",
            "spec.tasks[0].params",
            "TAG"),
        new Defect(
            "pipeline.yaml",
            "          value: $(tasks.build.results.IMAGE_REF[*])",
            "          value: $(tasks.build.results.IMAGE_REFS[*])",
            "spec.tasks[1].params[1].value",
            "IMAGE_REFS"),
        new Defect(
            "pipeline.yaml",
            "      workspaces:\n        - name: source\n          workspace: shared\n",
            "",
            "spec.tasks[0].workspaces",
            "source"),
        new Defect(
            "pipeline.yaml",
            "        name: demo-manifest",
            "        name: demo-manifests",
            "spec.tasks[1].taskRef.name",
            "demo-manifests"),
        // Task admission rules.
        new Defect(
            "task-build.yaml",
            "    - name: result\n      image: $(params.BUILDER_IMAGE)\n",
            "    - name: result\n",
            "spec.steps[2].image",
            "image is required"),
        new Defect(
            "task-build.yaml",
            "    - name: result\n",
            "    - name: build\n",
            "spec.steps[2].name",
            "duplicate step name"),
        new Defect(
            "task-build.yaml",
            "    - name: check-platform\n",
            "    - name: Check_Platform\n",
            "spec.steps[0].name",
            "DNS-1123 label"),
        new Defect(
            "task-manifest.yaml",
            "    - name: IMAGE_DIGEST\n      type: string\n",
            "    - name: IMAGE_DIGEST\n      type: number\n",
            "spec.results[0].type",
            "string, array or object"),
        new Defect(
            "task-build.yaml",
            "        - name: TASKRUN\n          value: $(context.taskRun.name)",
            "        - name: TASKRUN\n          value: $(context.taskRun.id)",
            "spec.steps[2].env[1].value",
            "context"),
        new Defect(
            "task-build.yaml",
            "        - $(params.BUILD_ARGS[*])\n        - --tag",
            "        - $(params.BUILD_AGRS[*])\n        - --tag",
            "spec.steps[1].args[2]",
            "BUILD_AGRS"),
        new Defect(
            "task-build.yaml",
            "    - name: varlibcontainers\n      emptyDir: {}\n",
            "    - name: varlibcontainers\n      emptyDir: {}\n    - name: varlibcontainers\n      emptyDir: {}\n",
            "spec.volumes[1].name",
            "duplicate"),
        new Defect(
            "task-manifest.yaml",
            "      image: quay.io/multiarch-tekton/buildah-qemu:1.39.0-1\n      env:\n        - name: IMAGE",
            "      image: quay.io/multiarch-tekton/buildah-qemu:1.39.0-1\n      command:\n        - sh\n      env:\n        - name: IMAGE",
            "spec.steps[0].script",
            "exclusive"),
        // PipelineRun rules.
        new Defect(
            "pipelinerun.yaml",
            "    finally: 10m\n",
            "    finally: 1h30m\n",
            "spec.timeouts",
            "exceed the pipeline timeout"),
        new Defect(
            "pipelinerun.yaml",
            "    - name: dockerconfig\n      secret:\n",
            "    - name: shared\n      secret:\n",
            "spec.workspaces[1].name",
            "duplicate"),
        new Defect(
            "pipelinerun.yaml",
            "  pipelineRef:\n    name: demo\n",
            "  pipelineRef:\n    name: demo\n  status: Stopped\n",
            "spec.status",
            "Cancelled"),
        new Defect(
            "pipelinerun.yaml",
            "    - name: image\n      value: quay.io/example/app:1.0\n    - name: platforms",
            "    - name: image\n      value: quay.io/example/app:1.0\n    - name: image\n      value: x\n    - name: platforms",
            "spec.params[1].name",
            "duplicate"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defects")
  void validate_plantedDefect_isReportedAtItsFileLineAndPath(Defect defect) {
    Map<String, String> texts = validSet();
    String original = texts.get(defect.file());
    assertThat(original.indexOf(defect.from()))
        .as("edit anchor")
        .isNotNegative()
        .isEqualTo(original.lastIndexOf(defect.from()));
    String edited = original.replace(defect.from(), defect.to());
    texts.put(defect.file(), edited);

    ValidationReport report = TektonValidator.create().withReferenceHints().validate(texts);

    assertThat(report.passed()).isFalse();
    assertThat(report.problems())
        .as(
            "problems:%n  %s",
            String.join("\n  ", report.problems().stream().map(Object::toString).toList()))
        .anySatisfy(
            problem -> {
              assertThat(problem.path()).isEqualTo(defect.path());
              assertThat(problem.message()).contains(defect.message());
            });
    ValidationProblem found =
        report.problems().stream()
            .filter(p -> p.path().equals(defect.path()) && p.message().contains(defect.message()))
            .findFirst()
            .orElseThrow();
    String line =
        texts.get(found.file()).lines().skip(found.line() - 1L).findFirst().orElse("").strip();
    assertThat(namesAField(defect.path(), line))
        .as(
            "line %d of %s, '%s', holds a field of %s",
            found.line(), found.file(), line, defect.path())
        .isTrue();
  }

  /**
   * True if {@code line} is where a field of {@code path} (or, for a missing one, an ancestor) is
   * written.
   */
  private static boolean namesAField(String path, String line) {
    String bare = line.startsWith("- ") ? line.substring(2) : line;
    for (String segment : path.split("\\.", -1)) {
      String key = segment.replaceAll("\\[\\d+\\]$", "");
      if (bare.startsWith(key + ":") || (segment.endsWith("]") && line.startsWith("- "))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void defectTable_hasAtLeastFortyDefects() {
    assertThat(defects().count()).isGreaterThanOrEqualTo(40);
  }

  /** Second opinion: every Tekton document validate accepts also passes the strict JSON schemas. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("defects")
  void documentsValidateAccepts_passTheStrictSchemas(Defect defect) {
    Map<String, String> texts = validSet();
    texts.put(defect.file(), texts.get(defect.file()).replace(defect.from(), defect.to()));
    ValidationReport report = TektonValidator.create().validate(texts);

    texts.forEach(
        (file, text) -> {
          boolean flagged = report.problems().stream().anyMatch(p -> p.file().equals(file));
          if (!flagged) {
            assertThat(TektonSchemas.validate(text))
                .as("%s is accepted by validate but not by the schemas", file)
                .isEmpty();
          }
        });
  }

  @Test
  void validate_alphaOnlyField_isRejectedUnderBetaAndAcceptedUnderAlpha() {
    Map<String, String> texts = validSet();
    texts.put(
        "task-manifest.yaml",
        texts
            .get("task-manifest.yaml")
            .replace(
                "    - name: push\n",
                "    - name: push\n      stdoutConfig:\n        path: /tmp/out\n"));

    ValidationReport beta = TektonValidator.create().validate(texts);
    ValidationReport alpha =
        TektonValidator.create()
            .withFeatureFlags(FeatureFlags.defaults().with("enable-api-fields", "alpha"))
            .validate(texts);

    assertThat(beta.problems())
        .extracting(ValidationProblem::toString)
        .containsExactly(
            "task-manifest.yaml:19: Task/demo-manifest: spec.steps[0].stdoutConfig: stdoutConfig needs "
                + "feature flag enable-api-fields: \"alpha\"");
    assertThat(alpha.problems()).isEmpty();
  }

  @Test
  void validate_problem_printsAsFileLineKindNamePathMessage() {
    Map<String, String> texts = validSet();
    texts.put(
        "pipeline.yaml",
        texts.get("pipeline.yaml").replace("        - build\n", "        - biuld\n"));

    ValidationReport report = TektonValidator.create().validate(texts);

    assertThat(report.problems())
        .extracting(ValidationProblem::toString)
        .containsExactly(
            "pipeline.yaml:41: Pipeline/demo: spec.tasks[1].runAfter[0]: runAfter names 'biuld', which is not a task "
                + "in tasks");
    assertThat(report.summary())
        .isEqualTo("4 passed, 1 failed (1 Tekton problem, 0 [multiarch-tekton])");
  }

  @Test
  void validate_notYaml_throwsWithFileAndLine() {
    Map<String, String> texts = validSet();
    texts.put("broken.yaml", "apiVersion: tekton.dev/v1\nkind: Task\nspec: [\n");

    assertThatThrownBy(() -> TektonValidator.create().validate(texts))
        .isInstanceOf(YamlInputException.class)
        .hasMessageStartingWith("broken.yaml:4: not valid YAML: ");
  }

  @Test
  void validate_inlineTaskSpecOfTheGeneratedPipeline_isCheckedFieldByField() throws IOException {
    Path example =
        GoldenFiles.projectRoot()
            .resolve("examples/inline-tasks/generated/pipeline-hello-inline.yaml");
    String text = Files.readString(example);
    String edited =
        text.replaceFirst(
            "\n( +)securityContext:\n( +)privileged: true\n",
            "\n$1securityContex:\n$2privileged: true\n");

    ValidationReport report = TektonValidator.create().validate(Map.of("inline.yaml", edited));

    assertThat(report.problems())
        .extracting(ValidationProblem::path, ValidationProblem::message)
        .contains(
            tuple(
                "spec.tasks[1].taskSpec.steps[1].securityContex",
                "unknown field 'securityContex'; did you mean 'securityContext'?"));
  }

  @Test
  void validate_pipelineRunWithInlinePipelineSpec_getsThePipelineRules() {
    // The valid Pipeline's spec, indented under the PipelineRun's pipelineSpec.
    String pipelineSpec = read("pipeline.yaml").split("\nspec:\n", 2)[1].replace("\n", "\n  ");
    String run =
        "apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata:\n  name: inline\nspec:\n"
            + "  pipelineSpec:\n  "
            + pipelineSpec.stripTrailing()
            + "\n";
    Map<String, String> texts = new LinkedHashMap<>(validSet());
    texts.remove("pipelinerun.yaml");
    texts.put("inline-run.yaml", run.replace("        - build\n", "        - biuld\n"));

    ValidationReport report = TektonValidator.create().validate(texts);

    assertThat(report.problems())
        .extracting(ValidationProblem::toString)
        .contains(
            "inline-run.yaml:42: PipelineRun/inline: spec.pipelineSpec.tasks[1].runAfter[0]: runAfter names 'biuld', "
                + "which is not a task in tasks");
  }

  @Test
  void validate_oneProblemReachedByTwoRules_isPrintedOnce() {
    Map<String, String> texts = validSet();
    // The matrix rule and the Pipeline's param-usage rule both see this value; the line is the
    // same.
    texts.put(
        "pipeline.yaml",
        texts
            .get("pipeline.yaml")
            .replace(
                "            value: $(params.platforms[*])",
                "            value: $(params.platforms)"));

    ValidationReport report = TektonValidator.create().validate(texts);

    assertThat(report.problems())
        .extracting(ValidationProblem::toString)
        .containsExactly(
            "pipeline.yaml:28: Pipeline/demo: spec.tasks[0].matrix.params[0].value: array param 'platforms' must be used "
                + "whole as $(params.platforms[*]) here");
  }

  static String read(String file) {
    try (InputStream in = TektonValidatorTest.class.getResourceAsStream("/testing/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
