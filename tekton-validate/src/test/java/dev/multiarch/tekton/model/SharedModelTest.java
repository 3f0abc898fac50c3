package dev.multiarch.tekton.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared model's smaller parts: the task graph, matrix fan-out, context variables, param fit.
 */
class SharedModelTest {

  @Test
  void taskGraph_dependencies_runAfterThenResultReferences() {
    assertThat(
            TaskGraph.dependencies(
                List.of("a"),
                List.of("$(tasks.b.results.r) $(tasks.c.status)", "$(tasks.a.results.x[*])")))
        .containsExactly("a", "b");
  }

  @Test
  void taskGraph_order_keepsPipelineOrderAmongReadyTasks() {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    deps.put("c", List.of("a"));
    deps.put("a", List.of());
    deps.put("b", List.of("outside"));

    assertThat(TaskGraph.of(deps).order()).containsExactly("a", "c", "b");
    assertThat(TaskGraph.of(deps).cycle()).isEmpty();
  }

  @Test
  void taskGraph_cycle_isNamedWithTheFirstTaskRepeated() {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    deps.put("a", List.of("b"));
    deps.put("b", List.of("a"));

    assertThat(TaskGraph.of(deps).cycle()).contains(List.of("a", "b", "a"));
    assertThatThrownBy(() -> TaskGraph.of(deps).order())
        .hasMessage("its tasks depend on each other in a cycle: a, b");
  }

  @Test
  void matrix_combinations_firstParamVariesFastest() {
    var combinations =
        MatrixFanOut.combinations(
            List.of(
                new MatrixFanOut.Param("os", List.of("linux", "mac")),
                new MatrixFanOut.Param("arch", List.of("amd64", "arm64"))));

    assertThat(combinations)
        .extracting(c -> c.get("os") + "/" + c.get("arch"))
        .containsExactly("linux/amd64", "mac/amd64", "linux/arm64", "mac/arm64");
  }

  @Test
  void matrix_count_addsIncludesThatMatchNoValue() {
    var params = List.of(new MatrixFanOut.Param("os", List.of("linux", "mac")));

    assertThat(
            MatrixFanOut.count(
                params, List.of(Map.of("os", "windows"), Map.of("os", "linux", "x", "y"))))
        .isEqualTo(3);
    assertThat(MatrixFanOut.count(List.of(), List.of(Map.of("a", "b"), Map.of("a", "c"))))
        .isEqualTo(2);
  }

  @Test
  void contextVariables_onlyTheKnownPrefixesAreChecked() {
    assertThat(ContextVariables.allowed(ContextVariables.PIPELINE, "context.pipelineRun.name"))
        .isTrue();
    assertThat(ContextVariables.allowed(ContextVariables.PIPELINE, "context.pipelineRun.id"))
        .isFalse();
    assertThat(ContextVariables.allowed(ContextVariables.PIPELINE, "context.taskRun.name"))
        .isTrue();
    assertThat(ContextVariables.allowed(ContextVariables.TASK, "context.task.retry-count"))
        .isTrue();
  }

  @Test
  void paramFit_missingAndWrongTypes_extraOnesAreOnlyNamed() {
    var declared =
        List.of(
            new ParamFit.Declared("a", "array", false),
            new ParamFit.Declared("s", "string", false),
            new ParamFit.Declared("d", "string", true),
            new ParamFit.Declared("u", "array", false));
    var passed =
        List.of(
            new ParamFit.Passed("a", "string"),
            new ParamFit.Passed("x", "string"),
            new ParamFit.Passed("u", ""));

    assertThat(ParamFit.check(declared, passed))
        .extracting(m -> m.describe("Task 't'"))
        .containsExactly(
            "param 'a' of Task 't' is declared array but is passed a string",
            "required param 's' of Task 't' is not passed");
    assertThat(ParamFit.undeclared(declared, passed)).containsExactly("x");
  }
}
