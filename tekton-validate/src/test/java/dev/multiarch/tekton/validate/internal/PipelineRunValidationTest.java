package dev.multiarch.tekton.validate.internal;

import static dev.multiarch.tekton.validate.testing.RuleTable.DEFAULTS;
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
 * {@link PipelineRunValidation} (pipelinerun_validation.go): a PipelineRunSpec, the flags, the
 * findings.
 */
class PipelineRunValidationTest {

  private static final String REF = "pipelineRef: {name: p}\n";

  static Stream<Arguments> spec() {
    return Stream.of(
        row("a reference", REF, DEFAULTS),
        row(
            "neither",
            "params: []",
            DEFAULTS,
            ": expected exactly one of pipelineRef or pipelineSpec"),
        row(
            "propagated param",
            "params: [{name: G, value: hi}]\npipelineSpec: {tasks: [{name: a, taskSpec: "
                + "{steps: [{name: s, image: x, script: 'echo $(params.G)'}]}}]}",
            DEFAULTS),
        row(
            "propagated from another task's params",
            "pipelineSpec: {tasks: [{name: a, params: [{name: C, value: c}],"
                + " taskSpec: {steps: [{name: s, image: x}]}}, {name: b, taskSpec: {steps: [{name: s, image: x, args: "
                + "['$(params.C)']}]}}]}",
            DEFAULTS),
        row(
            "declared nowhere",
            "pipelineSpec: {tasks: [{name: a, taskSpec: {steps: [{name: s, image: x, args: "
                + "['$(params.G)']}]}}]}",
            DEFAULTS,
            "pipelineSpec.tasks[0].taskSpec.steps[0].args[0]: $(params.G) names undeclared param 'G'"),
        // validateInlineParameters: the run's object, the pipeline task's keys
        // (appendPipelineTaskParams), the
        // declarations (combineParamSpec).
        row(
            "a propagated object a pipeline task adds keys to",
            "params: [{name: git, value: {url: u, commit: c}}]\n"
                + "pipelineSpec: {tasks: [{name: a, params: [{name: git, value: {branch: main, url: v}}], taskSpec: "
                + "{steps: [{name: s, image: x, args: ['$(params.git.url)', '$(params.git.commit)', "
                + "'$(params.git.branch)']}]}}]}",
            DEFAULTS),
        row(
            "an object key nobody passes",
            "params: [{name: git, value: {url: u}}]\npipelineSpec: {tasks: [{name: a, "
                + "params: [{name: git, value: {branch: main}}], taskSpec: {steps: [{name: s, image: x, args: "
                + "['$(params.git.tag)']}]}}]}",
            DEFAULTS,
            "pipelineSpec.tasks[0].taskSpec.steps[0].args[0]: object param 'git' has no key 'tag'"),
        row(
            "keys the Pipeline declares for a passed object",
            "params: [{name: git, value: {url: u}}]\n"
                + "pipelineSpec: {params: [{name: git, type: object, properties: {url: {}, revision: {}}}], tasks: "
                + "[{name: a, taskSpec: {steps: [{name: s, image: x, args: ['$(params.git.revision)']}]}}]}",
            DEFAULTS),
        row(
            "an object only a pipeline task passes",
            "pipelineSpec: {tasks: [{name: a, params: [{name: o, value: "
                + "{k: v}}], taskSpec: {steps: [{name: s, image: x, args: ['$(params.o.k)']}]}}]}",
            DEFAULTS),
        row(
            "propagated workspace",
            "workspaces: [{name: w, emptyDir: {}}]\npipelineSpec: {tasks: [{name: a, "
                + "workspaces: [{name: w}], taskSpec: {steps: [{name: s, image: x}]}}]}",
            DEFAULTS),
        row(
            "inline spec disabled",
            "pipelineSpec: {tasks: [{name: a, taskRef: {name: t}}]}",
            DEFAULTS.with(FeatureFlags.DISABLE_INLINE_SPEC, "pipelinerun"),
            "pipelineSpec: pipelineSpec is not allowed: feature flag disable-inline-spec: \"pipelinerun\" includes "
                + "pipelinerun"),
        row(
            "result in params",
            REF + "params: [{name: a, value: $(tasks.x.results.y)}]",
            DEFAULTS,
            "params[0].value: result references are not allowed in PipelineRun params"),
        row(
            "bad status",
            REF + "status: Stopped",
            DEFAULTS,
            "status: status must be one of [Cancelled, CancelledRunFinally, PipelineRunPending, StoppedRunFinally]"),
        row(
            "projected workspace with sources",
            REF + "workspaces: [{name: w, projected: {sources: [{configMap: " + "{name: c}}]}}]",
            DEFAULTS),
        row(
            "projected workspace without sources",
            REF + "workspaces: [{name: w, projected: {sources: []}}]",
            DEFAULTS,
            "workspaces[0].projected.sources: projected needs sources"),
        row(
            "two volume sources",
            REF + "workspaces: [{name: w, emptyDir: {}, secret: {secretName: s}}]",
            DEFAULTS,
            "workspaces[0]: expected exactly one volume source of [persistentVolumeClaim, volumeClaimTemplate, "
                + "emptyDir, configMap, secret, projected, csi], got [emptyDir, secret]"),
        row(
            "tasks over the default pipeline timeout",
            REF + "timeouts: {tasks: 2h}",
            DEFAULTS,
            "timeouts.tasks: tasks timeout exceeds the pipeline timeout"),
        row("no pipeline timeout", REF + "timeouts: {pipeline: '0', tasks: 5h}", DEFAULTS),
        row(
            "negative timeout",
            REF + "timeouts: {pipeline: -1h}",
            DEFAULTS,
            "timeouts.pipeline: pipeline must not be negative, got '-1h'"),
        row(
            "not a duration",
            REF + "timeouts: {pipeline: 1 hour}",
            DEFAULTS,
            "timeouts.pipeline: '1 hour' is not a duration such as 1h30m, 90s or 0"),
        row(
            "a duration past Go's range, once taken for a negative one",
            REF + "timeouts: {pipeline: 2562048h}",
            DEFAULTS,
            "timeouts.pipeline: '2562048h' is longer than the longest duration, "
                + "2562047h47m16.854775807s (Go's time: invalid duration)"),
        row(
            "a duration past Go's range, once taken for a short one",
            REF + "timeouts: {pipeline: 99999999999999999999h}",
            DEFAULTS,
            "timeouts.pipeline: '99999999999999999999h' is longer than the longest duration, "
                + "2562047h47m16.854775807s (Go's time: invalid duration)"),
        row(
            "taskRunSpec over the tasks timeout",
            REF
                + "timeouts: {tasks: 30m}\ntaskRunSpecs: [{pipelineTaskName: a,"
                + " timeout: 45m}]",
            DEFAULTS,
            "taskRunSpecs[0].timeout: taskRunSpec timeout exceeds the pipeline's tasks"
                + " timeout"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void spec(String name, String yaml, FeatureFlags flags, List<String> expected) {
    assertThat(RuleTable.lines(PipelineRunValidation.spec(RuleTable.yaml(yaml), null, flags)))
        .containsExactlyElementsOf(expected);
  }
}
