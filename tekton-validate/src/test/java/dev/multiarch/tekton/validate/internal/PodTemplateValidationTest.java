package dev.multiarch.tekton.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.validate.testing.RuleTable;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PodTemplateValidation} (Kubernetes' ValidatePodSpec on nodeSelector): a run's spec, the
 * findings.
 */
class PodTemplateValidationTest {

  private static final String KEY =
      "'%s' is not a label key; expected a label key: an optional DNS-1123 subdomain"
          + " prefix and '/' (such as kubernetes.io/), then a name of at most 63 letters, digits, '-', '_' and '.',"
          + " starting and ending with a letter or digit";
  private static final String VALUE =
      "'%s' is not a label value; expected a label value: empty, or at most 63 letters,"
          + " digits, '-', '_' and '.', starting and ending with a letter or digit";

  static Stream<Arguments> pipelineRun() {
    return Stream.of(
        Arguments.of(
            "the default selector",
            "taskRunSpecs: [{pipelineTaskName: b, podTemplate: {nodeSelector: "
                + "{kubernetes.io/arch: arm64, kubernetes.io/os: linux}}}]",
            List.of()),
        Arguments.of(
            "an empty value",
            "taskRunSpecs: [{pipelineTaskName: b, podTemplate: {nodeSelector: "
                + "{node-role.kubernetes.io/builder: ''}}}]",
            List.of()),
        Arguments.of(
            "a key with a space",
            "taskRunSpecs: [{pipelineTaskName: a}, {pipelineTaskName: b, podTemplate: "
                + "{nodeSelector: {'kubernetes.io/ arch': arm64}}}]",
            List.of(
                "taskRunSpecs[1].podTemplate.nodeSelector[kubernetes.io/ arch]: "
                    + KEY.formatted("kubernetes.io/ arch"))),
        Arguments.of(
            "an uppercase prefix",
            "taskRunTemplate: {podTemplate: {nodeSelector: {Example.com/pool: a}}}",
            List.of(
                "taskRunTemplate.podTemplate.nodeSelector[Example.com/pool]: "
                    + KEY.formatted("Example.com/pool"))),
        Arguments.of(
            "a value with a slash",
            "taskRunSpecs: [{pipelineTaskName: b, podTemplate: {nodeSelector: "
                + "{kubernetes.io/arch: arm/v7}}}]",
            List.of(
                "taskRunSpecs[0].podTemplate.nodeSelector[kubernetes.io/arch]: "
                    + VALUE.formatted("arm/v7"))),
        Arguments.of(
            "a value of 64 characters",
            "taskRunSpecs: [{pipelineTaskName: b, podTemplate: {nodeSelector: "
                + "{pool: "
                + "a".repeat(64)
                + "}}}]",
            List.of(
                "taskRunSpecs[0].podTemplate.nodeSelector[pool]: "
                    + VALUE.formatted("a".repeat(64)))),
        // ApplyPodTemplateReplacements (Tekton v1.3.0+) substitutes the TaskRun's params into the
        // pod template.
        Arguments.of(
            "a param as the value",
            "taskRunSpecs: [{pipelineTaskName: b, podTemplate: {nodeSelector: "
                + "{kubernetes.io/arch: $(params.arch)}}}]",
            List.of()),
        Arguments.of(
            "a param in part of the value",
            "taskRunTemplate: {podTemplate: {nodeSelector: "
                + "{pool: 'builders-$(params[\"pool.size\"])'}}}",
            List.of()),
        Arguments.of(
            "a param as the key",
            "taskRunSpecs: [{pipelineTaskName: b, podTemplate: {nodeSelector: "
                + "{'$(params.label)': 'true'}}}]",
            List.of()),
        Arguments.of(
            "a context variable is not substituted there",
            "taskRunSpecs: [{pipelineTaskName: b, "
                + "podTemplate: {nodeSelector: {pool: '$(context.pipelineRun.name)'}}}]",
            List.of(
                "taskRunSpecs[0].podTemplate.nodeSelector[pool]: "
                    + VALUE.formatted("$(context.pipelineRun.name)"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void pipelineRun(String name, String spec, List<String> expected) {
    assertThat(RuleTable.lines(PodTemplateValidation.pipelineRun(RuleTable.yaml(spec))))
        .containsExactlyElementsOf(expected);
  }

  @org.junit.jupiter.api.Test
  void taskRun_podTemplate_isCheckedToo() {
    assertThat(
            RuleTable.lines(
                PodTemplateValidation.taskRun(
                    RuleTable.yaml("podTemplate: {nodeSelector: {'-pool': x}}"))))
        .containsExactly("podTemplate.nodeSelector[-pool]: " + KEY.formatted("-pool"));
  }

  @org.junit.jupiter.api.Test
  void taskRun_paramInNodeSelector_isLeftToTheRun() {
    assertThat(
            RuleTable.lines(
                PodTemplateValidation.taskRun(
                    RuleTable.yaml(
                        "podTemplate: {nodeSelector: {kubernetes.io/arch: $(params.arch)}}"))))
        .isEmpty();
  }
}
