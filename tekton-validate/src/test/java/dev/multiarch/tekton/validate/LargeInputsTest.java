package dev.multiarch.tekton.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.multiarch.tekton.validate.bench.HostileInputs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The large inputs of issue 20 give their results; how fast is {@code bench/validate.sh
 * --hostile}'s business, the bound here only stops a hang.
 */
class LargeInputsTest {

  private static final Duration HANG = Duration.ofSeconds(60);

  @Test
  void nearMissReferences_eachGetTheirSuggestion() {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("tasks.yaml", HostileInputs.manyTasks());
    texts.put("pipeline.yaml", HostileInputs.nearMissPipeline());

    ValidationReport report =
        assertTimeoutPreemptively(
            HANG, () -> TektonValidator.create().withReferenceHints().validate(texts));

    assertThat(report.documents()).isEqualTo(3_001);
    assertThat(report.problems()).hasSize(3_000);
    assertThat(report.problems().get(2_999).toString())
        .isEqualTo(
            "pipeline.yaml:9006: Pipeline/near-miss: spec.tasks[2999].taskRef.name: "
                + "[multiarch-tekton] Task 'biuld-2999' is not in the set; did you mean "
                + "'build-2999'? (fine if the cluster has it)");
  }

  @Test
  void unknownFields_eachReportedOnce() {
    ValidationReport report =
        assertTimeoutPreemptively(
            HANG,
            () ->
                TektonValidator.create()
                    .validate(Map.of("task.yaml", HostileInputs.unknownFields())));

    assertThat(report.problems()).hasSize(30_000);
    assertThat(report.problems().get(29_999).toString())
        .startsWith(
            "task.yaml:30009: Task/unknown-fields: spec.steps[0].unknownField29999: unknown field "
                + "'unknownField29999'; known: args, command,");
  }

  @Test
  void largeScalarManyStepsAndALargeMatrix_giveTheirResults() {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("scalar.yaml", HostileInputs.largeScalar());
    texts.put("steps.yaml", HostileInputs.manySteps());
    texts.put("matrix.yaml", HostileInputs.largeMatrix());

    ValidationReport report =
        assertTimeoutPreemptively(HANG, () -> TektonValidator.create().validate(texts));

    assertThat(report.documents()).isEqualTo(3);
    assertThat(report.problems())
        .extracting(ValidationProblem::toString)
        .containsExactly(
            "matrix.yaml:15: Pipeline/large-matrix: spec.tasks[0].matrix: 9000 combinations "
                + "exceed the maximum of 256");
  }
}
