package dev.multiarch.tekton.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Go duration parser the PipelineRun timeout rules use. */
class PipelineRunRulesTest {

  @Test
  void seconds_parsesGoDurations() {
    assertThat(PipelineRunRules.seconds("1h30m")).isEqualTo(5400.0);
    assertThat(PipelineRunRules.seconds("0")).isZero();
    assertThat(PipelineRunRules.seconds("90s")).isEqualTo(90.0);
    assertThat(PipelineRunRules.seconds("-1s")).isNull();
    assertThat(PipelineRunRules.seconds("1 h")).isNull();
  }
}
