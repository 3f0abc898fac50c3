package dev.multiarch.tekton.validate.internal;

import static dev.multiarch.tekton.validate.testing.RuleTable.ALPHA;
import static dev.multiarch.tekton.validate.testing.RuleTable.DEFAULTS;
import static dev.multiarch.tekton.validate.testing.RuleTable.STABLE;
import static dev.multiarch.tekton.validate.testing.RuleTable.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.testing.RuleTable;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TaskValidation} (task_validation.go), one row per case: a TaskSpec, the flags, the
 * findings.
 */
class TaskValidationTest {

  private static final String ARTIFACTS =
      "%s: artifacts need feature flag enable-artifacts: \"true\"";

  static Stream<Arguments> spec() {
    return Stream.of(
        row("a plain step", "steps: [{name: a, image: x}]", DEFAULTS),
        row("no steps", "params: []", DEFAULTS, "steps: a Task needs at least one step"),
        row(
            "image from the stepTemplate",
            "stepTemplate: {image: x}\nsteps: [{name: a, script: echo}]",
            DEFAULTS),
        row(
            "no image",
            "steps: [{name: a, script: echo}]",
            DEFAULTS,
            "steps[0].image: step image is required"),
        row(
            "script and command",
            "steps: [{name: a, image: x, script: echo, command: [sh]}]",
            DEFAULTS,
            "steps[0].script: step script and command are exclusive"),
        row(
            "duplicate step names",
            "steps: [{name: a, image: x}, {name: a, image: x}]",
            DEFAULTS,
            "steps[1].name: duplicate step name 'a'"),
        row(
            "step name not a DNS label",
            "steps: [{name: A_b, image: x}]",
            DEFAULTS,
            "steps[0].name: step name 'A_b' must be a DNS-1123 label"),
        row(
            "onError a param reference",
            "steps: [{name: a, image: x, onError: $(params.e)}]\nparams: [{name: e}]",
            DEFAULTS),
        row(
            "onError unknown",
            "steps: [{name: a, image: x, onError: ignore}]",
            DEFAULTS,
            "steps[0].onError: onError must be continue or stopAndFail, got 'ignore'"),
        row(
            "negative step timeout",
            "steps: [{name: a, image: x, timeout: -1s}]",
            DEFAULTS,
            "steps[0].timeout: timeout must not be negative, got '-1s'"),
        row(
            "mount under /tekton",
            "steps: [{name: a, image: x, volumeMounts: [{name: v, mountPath: /tekton/x}]}]",
            DEFAULTS,
            "steps[0].volumeMounts[0].mountPath: volumeMount cannot be mounted under /tekton/"),
        row(
            "stdoutConfig under beta",
            "steps: [{name: a, image: x, stdoutConfig: {path: /o}}]",
            DEFAULTS,
            "steps[0].stdoutConfig: stdoutConfig needs feature flag enable-api-fields: \"alpha\""),
        row(
            "stdoutConfig under alpha",
            "steps: [{name: a, image: x, stdoutConfig: {path: /o}}]",
            ALPHA),
        row(
            "a StepAction ref",
            "steps: [{name: a, ref: {name: act}, params: [{name: p, value: v}]}]",
            DEFAULTS),
        row(
            "a StepAction ref with an image",
            "steps: [{name: a, ref: {name: act}, image: x}]",
            DEFAULTS,
            "steps[0].image: image cannot be used with ref (the StepAction sets it)"),
        row(
            "StepActions switched off",
            "steps: [{name: a, ref: {name: act}}]",
            DEFAULTS.with(FeatureFlags.ENABLE_STEP_ACTIONS, "false"),
            "steps[0].ref: StepActions need feature flag enable-step-actions: \"true\""),
        row(
            "step params without ref",
            "steps: [{name: a, image: x, params: [{name: p, value: v}]}]",
            DEFAULTS,
            "steps[0].params: params can only be used with ref (a StepAction)"),
        row(
            "whole array isolated in args without [*]",
            "params: [{name: f, type: array}]\nsteps: [{name: a, image: x, args: ['$(params.f)']}]",
            DEFAULTS),
        row(
            "whole array in env",
            "params: [{name: f, type: array}]\n"
                + "steps: [{name: a, image: x, env: [{name: E, value: '$(params.f[*])'}]}]",
            DEFAULTS,
            "steps[0].env[0].value: array param reference $(params.f[*]) must stand alone as an element of command "
                + "or args (elsewhere use an index, $(params.f[0]))"),
        row(
            "array index in env",
            "params: [{name: f, type: array}]\n"
                + "steps: [{name: a, image: x, env: [{name: E, value: '$(params.f[1])'}]}]",
            DEFAULTS),
        // Stable since Tekton v0.56.0 (TEP-0075, TEP-0076): no flag, whatever enable-api-fields
        // says.
        row(
            "array index under stable",
            "params: [{name: f, type: array}]\n"
                + "steps: [{name: a, image: x, env: [{name: E, value: '$(params.f[1])'}]}]",
            STABLE),
        row(
            "object param, array and object results under stable",
            "params: [{name: git, type: object, properties: {url: {}, revision: {}}}]\n"
                + "results: [{name: digests, type: array}, {name: image, type: object, properties: {url: {}}}]\n"
                + "steps: [{name: a, image: x, args: ['$(params.git.url)'], script: 'echo > $(results.digests.path)'}]",
            STABLE),
        // validateArtifactsReferencesInStep (container_validation.go): script, command, args and
        // env values.
        row(
            "step artifacts path in a script",
            "steps: [{name: a, image: x, script: 'cat > $(step.artifacts.path)'}]",
            DEFAULTS,
            ARTIFACTS.formatted("steps[0].script")),
        row(
            "step artifacts path with the flag on",
            "steps: [{name: a, image: x, script: 'cat > " + "$(step.artifacts.path)'}]",
            DEFAULTS.with(FeatureFlags.ENABLE_ARTIFACTS, "true")),
        row(
            "task artifacts path in a script",
            "steps: [{name: a, image: x, script: 'cat > $(artifacts.path)'}]",
            DEFAULTS,
            ARTIFACTS.formatted("steps[0].script")),
        row(
            "an earlier step's outputs in args",
            "steps: [{name: p, image: x}, {name: c, image: x, "
                + "args: [--in, '$(steps.p.outputs.image)']}]",
            DEFAULTS,
            ARTIFACTS.formatted("steps[1].args[1]")),
        row(
            "an earlier step's inputs in command",
            "steps: [{name: c, image: x, command: ['$(steps.p.inputs.src)']}]",
            DEFAULTS,
            ARTIFACTS.formatted("steps[0].command[0]")),
        row(
            "a pipeline task's outputs in env",
            "steps: [{name: c, image: x, env: [{name: A, value: b}, {name: S, "
                + "value: '$(tasks.build.outputs.image)'}]}]",
            DEFAULTS,
            ARTIFACTS.formatted("steps[0].env[1].value")),
        row(
            "one finding per step",
            "steps: [{name: c, image: x, args: ['$(artifacts.path)', "
                + "'$(step.artifacts.path)']}]",
            DEFAULTS,
            ARTIFACTS.formatted("steps[0].args[0]")),
        row(
            "from the stepTemplate's env",
            "stepTemplate: {env: [{name: A, value: '$(step.artifacts.path)'}]}\n"
                + "steps: [{name: a, image: x}]",
            DEFAULTS,
            ARTIFACTS.formatted("steps[0]")),
        row(
            "a stepTemplate env entry the step replaces",
            "stepTemplate: {env: [{name: A, value: "
                + "'$(step.artifacts.path)'}]}\nsteps: [{name: a, image: x, env: [{name: A, value: b}]}]",
            DEFAULTS),
        row(
            "stepTemplate args the step replaces",
            "stepTemplate: {args: ['$(artifacts.path)']}\n"
                + "steps: [{name: a, image: x, args: [b]}]",
            DEFAULTS),
        row(
            "a step result is no artifact",
            "steps: [{name: c, image: x, args: ['$(steps.p.results.digest)']}]",
            DEFAULTS),
        row(
            "unknown context variable",
            "steps: [{name: a, image: x, args: ['$(context.taskRun.id)']}]",
            DEFAULTS,
            "steps[0].args[0]: context variable $(context.taskRun.id) is not one Tekton allows in a Task: "
                + "[context.task.name, context.task.retry-count, context.taskRun.name, context.taskRun.namespace, "
                + "context.taskRun.uid]"),
        row(
            "a result path not declared",
            "steps: [{name: a, image: x, script: 'echo > $(results.r.path)'}]",
            DEFAULTS,
            "steps[0].script: $(results.r.path) names undeclared result 'r'"),
        row(
            "duplicate volumes",
            "steps: [{name: a, image: x}]\nvolumes: [{name: v, emptyDir: {}}, {name: v, "
                + "emptyDir: {}}]",
            DEFAULTS,
            "volumes[1].name: duplicate volume name 'v'"),
        row(
            "workspace mount path taken by a step",
            "workspaces: [{name: w, mountPath: /data}]\nsteps: [{name: a, image: x, volumeMounts: [{name: v, "
                + "mountPath: /data}]}]",
            DEFAULTS,
            "workspaces[0].mountPath: duplicate workspace mountPath '/data'"),
        row(
            "step workspace not declared",
            "steps: [{name: a, image: x, workspaces: [{name: w}]}]",
            DEFAULTS,
            "steps[0].workspaces[0].name: step uses undeclared workspace 'w'"),
        row(
            "step and sidecar workspaces under stable",
            "workspaces: [{name: w}]\nsteps: [{name: a, image: x, "
                + "workspaces: [{name: w}]}]\nsidecars: [{name: s, image: x, workspaces: [{name: w}]}]",
            STABLE,
            "steps[0].workspaces: step workspaces need feature flag enable-api-fields: \"beta\"",
            "sidecars[0].workspaces: sidecar workspaces need feature flag enable-api-fields: \"beta\""),
        row(
            "step and sidecar workspaces under beta",
            "workspaces: [{name: w}]\nsteps: [{name: a, image: x, "
                + "workspaces: [{name: w}]}]\nsidecars: [{name: s, image: x, workspaces: [{name: w}]}]",
            DEFAULTS),
        row(
            "reserved sidecar name",
            "steps: [{name: a, image: x}]\nsidecars: [{name: tekton-log-results, image: x}]",
            DEFAULTS,
            "sidecars[0].name: sidecar name tekton-log-results is reserved"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void spec(String name, String yaml, FeatureFlags flags, List<String> expected) {
    assertThat(RuleTable.lines(TaskValidation.spec(RuleTable.yaml(yaml), flags)))
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> declaredUsage() {
    return Stream.of(
        row(
            "declared",
            "params: [{name: p}]\nsteps: [{name: a, image: x, args: ['$(params.p)']}]",
            DEFAULTS),
        row(
            "undeclared in a step",
            "steps: [{name: a, image: x, script: 'echo $(params.p)'}]",
            DEFAULTS,
            "steps[0].script: $(params.p) names undeclared param 'p'"),
        row(
            "propagated by the run",
            "steps: [{name: a, image: x, script: 'echo $(params.run)'}]",
            DEFAULTS),
        row(
            "undeclared in a sidecar: Tekton checks steps only",
            "steps: [{name: a, image: x}]\nsidecars: [{name: s, image: x, script: 'echo $(params.q)'}]",
            DEFAULTS),
        row(
            "object key missing",
            "params: [{name: o, type: object, properties: {a: {}}}]\n"
                + "steps: [{name: a, image: x, args: ['$(params.o.b)']}]",
            DEFAULTS,
            "steps[0].args[0]: object param 'o' has no key 'b'"),
        row(
            "object without properties",
            "params: [{name: o, type: object}]\nsteps: [{name: a, image: x}]",
            DEFAULTS,
            "params[0].properties: object param needs properties"),
        row(
            "too many dots",
            "steps: [{name: a, image: x, args: ['$(params.a.b.c)']}]",
            DEFAULTS,
            "steps[0].args[0]: $(params.a.b.c) is not a param reference Tekton reads: at most two dot-separated "
                + "parts after params (use params[\"a.b\"] for a name with dots)"),
        row(
            "spaces outside the quotes are no reference",
            "steps: [{name: a, image: x, args: [\"$(params[ 'p' ])\"]}]",
            DEFAULTS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void declaredUsage(String name, String yaml, FeatureFlags flags, List<String> expected) {
    Map<String, com.fasterxml.jackson.databind.JsonNode> propagated =
        Map.of("run", RuleTable.yaml("name: run"));
    assertThat(RuleTable.lines(TaskValidation.declaredUsage(RuleTable.yaml(yaml), propagated)))
        .containsExactlyElementsOf(expected);
  }
}
