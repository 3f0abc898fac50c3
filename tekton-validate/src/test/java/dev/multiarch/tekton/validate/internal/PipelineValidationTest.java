package dev.multiarch.tekton.validate.internal;

import static dev.multiarch.tekton.validate.testing.RuleTable.ALPHA;
import static dev.multiarch.tekton.validate.testing.RuleTable.DEFAULTS;
import static dev.multiarch.tekton.validate.testing.RuleTable.STABLE;
import static dev.multiarch.tekton.validate.testing.RuleTable.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.testing.RuleTable;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PipelineValidation} (pipeline_validation.go), one row per case: a PipelineSpec, the flags,
 * the findings.
 */
class PipelineValidationTest {

  private static final String T = "taskRef: {name: t}";

  static Stream<Arguments> spec() {
    return Stream.of(
        row("one task", "tasks: [{name: a, " + T + "}]", DEFAULTS),
        row("task timeout", "tasks: [{name: a, timeout: 1h30m, " + T + "}]", DEFAULTS),
        row(
            "task timeout not a duration",
            "tasks: [{name: a, timeout: banana, " + T + "}]",
            DEFAULTS,
            "tasks[0].timeout: 'banana' is not a duration such as 1h30m, 90s or 0"),
        row(
            "finally timeout beyond Go's range",
            "tasks: [{name: a, " + T + "}]\nfinally: [{name: f, timeout: 9999999h, " + T + "}]",
            DEFAULTS,
            "finally[0].timeout: '9999999h' is longer than the longest duration, "
                + "2562047h47m16.854775807s (Go's time: invalid duration)"),
        // Tekton's Pipeline webhook reads it; the TaskRun made from it is what gets refused.
        row("task timeout negative", "tasks: [{name: a, timeout: -1m, " + T + "}]", DEFAULTS),
        row(
            "empty spec",
            "{}",
            DEFAULTS,
            ": expected at least one of description, params, tasks, workspaces, got none"),
        row("params only: not empty", "params: [{name: p}]", DEFAULTS),
        row(
            "task name not a label",
            "tasks: [{name: A, " + T + "}]",
            DEFAULTS,
            "tasks[0].name: pipeline task name 'A' must be a DNS-1123 label (lower case, digits, '-', <= 63)"),
        row(
            "name in tasks and finally",
            "tasks: [{name: a, " + T + "}]\nfinally: [{name: a, " + T + "}]",
            DEFAULTS,
            "finally[0].name: duplicate pipeline task name 'a' across tasks and finally"),
        row(
            "ref and spec",
            "tasks: [{name: a, " + T + ", taskSpec: {steps: [{name: s, image: x}]}}]",
            DEFAULTS,
            "tasks[0]: expected exactly one of taskRef or taskSpec"),
        row(
            "pipelineRef under beta",
            "tasks: [{name: a, pipelineRef: {name: p}}]",
            DEFAULTS,
            "tasks[0].pipelineRef: pipelineRef in a pipeline task needs feature flag enable-api-fields: \"alpha\""),
        row("pipelineRef under alpha", "tasks: [{name: a, pipelineRef: {name: p}}]", ALPHA),
        row(
            "inline spec disabled",
            "tasks: [{name: a, taskSpec: {steps: [{name: s, image: x}]}}]",
            DEFAULTS.with(FeatureFlags.DISABLE_INLINE_SPEC, "pipeline,taskrun"),
            "tasks[0].taskSpec: taskSpec is not allowed: feature flag disable-inline-spec: \"pipeline,taskrun\" "
                + "includes pipeline"),
        row(
            "custom task without apiVersion",
            "tasks: [{name: a, taskRef: {name: w, kind: Wait}}]",
            DEFAULTS,
            "tasks[0].taskRef.apiVersion: a custom task needs apiVersion as group/version"),
        row(
            "custom task",
            "tasks: [{name: a, taskRef: {name: w, kind: Wait, apiVersion: wait.dev/v1}}]",
            DEFAULTS),
        row(
            "onError a param reference",
            "params: [{name: e}]\ntasks: [{name: a, " + T + ", onError: $(params.e)}]",
            DEFAULTS),
        row(
            "onError continue with retries",
            "tasks: [{name: a, " + T + ", onError: continue, retries: 2}]",
            DEFAULTS,
            "tasks[0].onError: onError continue cannot be combined with retries"),
        row(
            "onError under stable",
            "tasks: [{name: a, " + T + ", onError: continue}]",
            STABLE,
            "tasks[0].onError: onError needs feature flag enable-api-fields: \"beta\""),
        row(
            "runAfter unknown",
            "tasks: [{name: a, " + T + ", runAfter: [b]}]",
            DEFAULTS,
            "tasks[0].runAfter[0]: runAfter names 'b', which is not a task in tasks"),
        row(
            "cycle through a result",
            "tasks: [{name: a, "
                + T
                + ", runAfter: [b]}, {name: b, "
                + T
                + ", params: [{name: p, value: $(tasks.a.results.r)}]}]",
            DEFAULTS,
            "tasks: cycle in the task graph: a -> b -> a"),
        row(
            "status in a dag task",
            "tasks: [{name: a, "
                + T
                + "}, {name: b, "
                + T
                + ", params: [{name: p, value: $(tasks.a.status)}]}]",
            DEFAULTS,
            "tasks[1].params[0].value: $(tasks.a.status) is only allowed in finally tasks"),
        row(
            "status in finally",
            "tasks: [{name: a, "
                + T
                + "}]\nfinally: [{name: f, "
                + T
                + ", params: [{name: p, value: $(tasks.a.status)}, {name: q, value: $(tasks.status)}]}]",
            DEFAULTS),
        row(
            "finally reads a finally result",
            "tasks: [{name: a, "
                + T
                + "}]\nfinally: [{name: f, "
                + T
                + "}, {name: g, "
                + T
                + ", params: [{name: p, value: $(tasks.f.results.r)}]}]",
            DEFAULTS,
            "finally[1].params[0].value: $(tasks.f.results.r) names 'f', which is not a task in tasks (it is a "
                + "finally task)"),
        row(
            "unknown root",
            "tasks: [{name: a, " + T + ", params: [{name: p, value: $(param.x)}]}]",
            DEFAULTS,
            "tasks[0].params[0].value: $(param.x) must start with one of [params, tasks, finally, context, "
                + "workspaces, results]"),
        row(
            "unknown pipeline context",
            "tasks: [{name: a, "
                + T
                + ", params: [{name: p, value: "
                + "$(context.pipelineRun.id)}]}]",
            DEFAULTS,
            "tasks[0].params[0].value: context variable "
                + "$(context.pipelineRun.id) is not one Tekton allows in a Pipeline: [context.pipeline.name, "
                + "context.pipelineRun.name, context.pipelineRun.namespace, context.pipelineRun.uid, "
                + "context.pipelineTask.retries]"),
        row(
            "matrixed result not whole",
            "tasks: [{name: a, "
                + T
                + ", matrix: {params: [{name: x, value: [1, 2]}]}},"
                + " {name: b, "
                + T
                + ", params: [{name: p, value: $(tasks.a.results.r)}]}]",
            DEFAULTS,
            "tasks[1].params[0].value: 'a' is matrixed: consume its result as $(tasks.a.results.r[*])"),
        row(
            "artifacts without the flag",
            "tasks: [{name: a, "
                + T
                + "}, {name: b, "
                + T
                + ", params: [{name: p, value: $(tasks.a.outputs.image)}]}]",
            DEFAULTS,
            "tasks[1].params[0].value: artifacts need feature flag enable-artifacts: \"true\""),
        row(
            "result of a missing task",
            "tasks: [{name: a, " + T + "}]\nresults: [{name: r, value: " + "$(tasks.b.results.x)}]",
            DEFAULTS,
            "results[0].value: $(tasks.b.results.x) names 'b', which is not in " + "tasks"),
        row(
            "duplicate workspaces",
            "tasks: [{name: a, " + T + "}]\nworkspaces: [{name: w}, {name: w}]",
            DEFAULTS,
            "workspaces[1].name: duplicate workspace name 'w'"),
        row(
            "finally without tasks",
            "finally: [{name: f, " + T + "}]",
            DEFAULTS,
            "finally: finally tasks need at least one task in tasks"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void spec(String name, String yaml, FeatureFlags flags, List<String> expected) {
    assertThat(RuleTable.lines(PipelineValidation.spec(RuleTable.yaml(yaml), flags)))
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> standalone() {
    return Stream.of(
        row(
            "declared params",
            "params: [{name: p}]\ntasks: [{name: a, "
                + T
                + ", params: [{name: x, value: "
                + "$(params.p)}]}]",
            DEFAULTS),
        row(
            "undeclared in task params",
            "tasks: [{name: a, " + T + ", params: [{name: x, value: $(params.p)}]}]",
            DEFAULTS,
            "tasks[0].params[0].value: $(params.p) names undeclared param 'p'"),
        row(
            "inline steps use a Pipeline param",
            "params: [{name: p}]\ntasks: [{name: a, taskSpec: {steps: [{name: s,"
                + " image: x, args: ['$(params.p)']}]}}]",
            DEFAULTS),
        row(
            "inline stepTemplate is not checked",
            "tasks: [{name: a, taskSpec: {stepTemplate: {env: [{name: E, "
                + "value: $(params.q)}]}, steps: [{name: s, image: x}]}}]",
            DEFAULTS),
        row(
            "inline step uses an undeclared param",
            "tasks: [{name: a, taskSpec: {steps: [{name: s, image: x, "
                + "args: ['$(params.q)']}]}}]",
            DEFAULTS,
            "tasks[0].taskSpec.steps[0].args[0]: $(params.q) names undeclared param 'q'"),
        row(
            "whole array as an array element",
            "params: [{name: l, type: array}]\ntasks: [{name: a, "
                + T
                + ", params: [{name: x, value: ['$(params.l)', y]}]}]",
            DEFAULTS),
        row(
            "whole array in a string value",
            "params: [{name: l, type: array}]\ntasks: [{name: a, "
                + T
                + ", params: [{name: x, value: 'a $(params.l[*])'}]}]",
            DEFAULTS,
            "tasks[0].params[0].value: array param reference $(params.l[*]) must stand alone as the whole value"),
        row(
            "workspace not declared",
            "tasks: [{name: a, " + T + ", workspaces: [{name: s, workspace: w}]}]",
            DEFAULTS,
            "tasks[0].workspaces[0].workspace: binds pipeline workspace 'w', which is not declared in "
                + "spec.workspaces []"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void standalone(String name, String yaml, FeatureFlags flags, List<String> expected) {
    assertThat(RuleTable.lines(PipelineValidation.standalone(RuleTable.yaml(yaml))))
        .containsExactlyElementsOf(expected);
  }
}
