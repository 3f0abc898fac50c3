package dev.multiarch.tekton.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.validate.testing.RuleTable;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ProjectRules}, one row per case: a TaskSpec, its metadata, the findings (all tagged). */
class ProjectRulesTest {

  private static final String ANNOTATED =
      "annotations: {multiarch-tekton.dev/privileged-steps: 'install'}";

  static Stream<Arguments> taskSpec() {
    return Stream.of(
        Arguments.of(
            "values through env",
            "steps: [{name: s, image: x, env: [{name: A, value: $(params.a)}], script: "
                + "'echo \"$A\" > $(results.r.path)'}]",
            "{}",
            List.of()),
        Arguments.of(
            "a param in a script",
            "steps: [{name: s, image: x, script: 'echo $(params.a)'}]",
            "{}",
            List.of(
                "steps[0].script: [multiarch-tekton] script contains $(params....): pass the value through env "
                    + "instead (only $(results.X.path) may appear in a script)")),
        Arguments.of(
            "a workspace path in a sidecar script",
            "steps: [{name: s, image: x}]\nsidecars: [{name: c, image: "
                + "x, script: 'ls $(workspaces.w.path)'}]",
            "{}",
            List.of(
                "sidecars[0].script: [multiarch-tekton] script "
                    + "contains $(workspaces....): pass the value through env instead (only $(results.X.path) may appear in a "
                    + "script)")),
        Arguments.of(
            "a declared privileged step",
            "steps: [{name: install, image: x, securityContext: {privileged: " + "true}}]",
            ANNOTATED,
            List.of()),
        Arguments.of(
            "an undeclared privileged step",
            "steps: [{name: run, image: x, securityContext: {privileged: " + "true}}]",
            "{}",
            List.of(
                "steps[0].securityContext.privileged: [multiarch-tekton] step 'run' is "
                    + "privileged but not declared in annotation multiarch-tekton.dev/privileged-steps (declared: none)")),
        Arguments.of(
            "a privileged stepTemplate",
            "stepTemplate: {securityContext: {privileged: true}}\nsteps: [{name: "
                + "install, image: x}]",
            "{}",
            List.of(
                "stepTemplate.securityContext.privileged: [multiarch-tekton] the "
                    + "stepTemplate makes every step privileged; set privileged on the steps that need it and list them in "
                    + "annotation multiarch-tekton.dev/privileged-steps")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void taskSpec(String name, String spec, String metadata, List<String> expected) {
    assertThat(
            RuleTable.lines(ProjectRules.taskSpec(RuleTable.yaml(spec), RuleTable.yaml(metadata))))
        .containsExactlyElementsOf(expected);
  }

  @org.junit.jupiter.api.Test
  void annotation_namingAStepThatIsNotPrivileged_isReportedAtTheAnnotation() {
    assertThat(
            RuleTable.lines(
                ProjectRules.annotation(
                    RuleTable.yaml("steps: [{name: install, image: x}]"),
                    RuleTable.yaml(ANNOTATED))))
        .containsExactly(
            "annotations.multiarch-tekton.dev/privileged-steps: "
                + "[multiarch-tekton] annotation multiarch-tekton.dev/privileged-steps names 'install', which is not a "
                + "privileged step of this Task");
  }

  private static final String TWO_TASKS =
      "tasks: [{name: build, taskRef: {name: b}}, {name: push, taskRef: {name: p},"
          + " timeout: 3h}]\nfinally: [{name: tidy, taskRef: {name: t}}]";

  private static String trap(String task, String limit) {
    return "timeouts: pipeline task '"
        + task
        + "' has no timeout of its own, so Tekton stops its TaskRun after its"
        + " default of 1h (default-timeout-minutes) although "
        + limit
        + "; give the pipeline task a timeout, or the"
        + " PipelineRun a taskRunSpecs[].timeout for it";
  }

  static Stream<Arguments> timeoutTrap() {
    return Stream.of(
        Arguments.of("no timeouts: the run's hour is the TaskRuns' hour", "{}", List.of()),
        Arguments.of("a pipeline timeout of an hour", "timeouts: {pipeline: 1h}", List.of()),
        Arguments.of(
            "a pipeline timeout of two hours",
            "timeouts: {pipeline: 2h}",
            List.of(
                "[multiarch-tekton] " + trap("build", "timeouts.pipeline is 2h"),
                "[multiarch-tekton] " + trap("tidy", "timeouts.pipeline is 2h"))),
        Arguments.of(
            "no timeout at all",
            "timeouts: {pipeline: '0'}",
            List.of(
                "[multiarch-tekton] " + trap("build", "the run has no timeout"),
                "[multiarch-tekton] " + trap("tidy", "the run has no timeout"))),
        Arguments.of(
            "tasks bounded to 45m, finally to 2h",
            "timeouts: {pipeline: 3h, tasks: 45m, finally: 2h}",
            List.of("[multiarch-tekton] " + trap("tidy", "timeouts.finally is 2h"))),
        Arguments.of(
            "a taskRunSpecs timeout counts as the task's own",
            "timeouts: {pipeline: 2h, tasks: 1h30m, "
                + "finally: 30m}\ntaskRunSpecs: [{pipelineTaskName: build, timeout: 90m}]",
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void timeoutTrap(String name, String runSpec, List<String> expected) {
    List<String> lines =
        RuleTable.lines(
            ProjectRules.timeoutTrap(RuleTable.yaml(runSpec), RuleTable.yaml(TWO_TASKS)));

    assertThat(lines.stream().map(l -> l.replaceFirst("^timeouts: ", "")).toList())
        .containsExactlyElementsOf(
            expected.stream()
                .map(l -> l.replace("timeouts: pipeline task", "pipeline task"))
                .toList());
  }
}
