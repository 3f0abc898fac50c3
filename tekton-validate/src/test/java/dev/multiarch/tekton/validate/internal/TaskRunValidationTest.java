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

/** {@link TaskRunValidation} (taskrun_validation.go): a TaskRunSpec, the flags, the findings. */
class TaskRunValidationTest {

  static Stream<Arguments> spec() {
    return Stream.of(
        row("a reference", "taskRef: {name: t}", DEFAULTS),
        row(
            "a ref with kind and apiVersion is no custom task here",
            "taskRef: {name: t, kind: Task, apiVersion: " + "tekton.dev/v1}",
            DEFAULTS),
        row(
            "a bundle resolver",
            "taskRef: {resolver: bundles, params: [{name: bundle, value: quay.io/x:1}]}",
            DEFAULTS),
        row("neither", "params: []", DEFAULTS, ": expected exactly one of taskRef or taskSpec"),
        row(
            "propagated param",
            "params: [{name: m, value: hi}]\ntaskSpec: {steps: [{name: s, image: x, script: "
                + "'echo $(params.m)'}]}",
            DEFAULTS),
        row(
            "param nobody passes",
            "taskSpec: {steps: [{name: s, image: x, script: 'echo $(params.m)'}]}",
            DEFAULTS,
            "taskSpec.steps[0].script: $(params.m) names undeclared param 'm'"),
        // validateInlineParameters: createParamSpecFromParam, then combineParamSpec with the spec's
        // declarations.
        row(
            "keys of a propagated object",
            "params: [{name: git, value: {url: u, commit: c}}]\ntaskSpec: {steps: "
                + "[{name: s, image: x, args: ['$(params.git.url)', '$(params.git.commit)']}]}",
            DEFAULTS),
        row(
            "a declared key the run does not pass",
            "params: [{name: git, value: {url: u}}]\ntaskSpec: {params: "
                + "[{name: git, type: object, properties: {url: {}, branch: {}}}], steps: [{name: s, image: x, args: "
                + "['$(params.git.branch)']}]}",
            DEFAULTS),
        row(
            "a key neither passed nor declared",
            "params: [{name: git, value: {url: u}}]\ntaskSpec: {steps: "
                + "[{name: s, image: x, args: ['$(params.git.tag)']}]}",
            DEFAULTS,
            "taskSpec.steps[0].args[0]: object param 'git' has no key 'tag'"),
        row(
            "inline spec disabled",
            "taskSpec: {steps: [{name: s, image: x}]}",
            DEFAULTS.with(FeatureFlags.DISABLE_INLINE_SPEC, "taskrun"),
            "taskSpec: taskSpec is not allowed: feature flag disable-inline-spec: \"taskrun\" includes taskrun"),
        row(
            "duplicate params",
            "taskRef: {name: t}\nparams: [{name: a, value: x}, {name: a, value: y}]",
            DEFAULTS,
            "params[1].name: duplicate param name 'a'"),
        row(
            "negative timeout",
            "taskRef: {name: t}\ntimeout: -5m",
            DEFAULTS,
            "timeout: timeout must not be negative, got '-5m'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void spec(String name, String yaml, FeatureFlags flags, List<String> expected) {
    assertThat(RuleTable.lines(TaskRunValidation.spec(RuleTable.yaml(yaml), flags)))
        .containsExactlyElementsOf(expected);
  }
}
