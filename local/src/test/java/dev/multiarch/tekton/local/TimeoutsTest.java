package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsTest {

  @Test
  void pipeline_noTimeouts_isTektonsDefaultOfAnHour() {
    assertThat(Timeouts.pipeline(new PipelineRunBuilder().withNewSpec().endSpec().build()))
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void pipeline_timeoutsWithoutPipeline_isTheDefault() {
    // Given
    PipelineRun run = new PipelineRunBuilder().withNewSpec().withNewTimeouts()
        .withTasks(new io.fabric8.kubernetes.api.model.Duration(Duration.ofMinutes(5))).endTimeouts().endSpec()
        .build();

    // When / Then
    assertThat(Timeouts.pipeline(run)).isEqualTo(Timeouts.DEFAULT);
  }

  @Test
  void pipeline_goDurationAsTheGeneratorWritesIt_isParsed() {
    assertThat(Timeouts.pipeline(untyped("1h30m"))).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void pipeline_typedDurationAsReadFromYaml_isUsed() {
    // Given
    PipelineRun run = new PipelineRunBuilder().withNewSpec().withNewTimeouts()
        .withPipeline(new io.fabric8.kubernetes.api.model.Duration(Duration.ofMinutes(45))).endTimeouts().endSpec()
        .build();

    // When / Then
    assertThat(Timeouts.pipeline(run)).isEqualTo(Duration.ofMinutes(45));
  }

  @Test
  void pipeline_zero_meansNoTimeout() {
    assertThat(Timeouts.pipeline(untyped("0s"))).isGreaterThan(Duration.ofDays(300));
    assertThat(Timeouts.pipeline(untyped("0"))).isGreaterThan(Duration.ofDays(300));
  }

  @Test
  void pipeline_notADuration_throwsNamingTheValue() {
    assertThatThrownBy(() -> Timeouts.pipeline(untyped("soon")))
        .isInstanceOf(LocalRunException.class)
        .hasMessage("PipelineRun timeouts.pipeline 'soon' is not a duration such as 1h30m");
  }

  private static PipelineRun untyped(String pipeline) {
    return new PipelineRunBuilder().withNewSpec().withNewTimeouts().addToAdditionalProperties("pipeline", pipeline)
        .endTimeouts().endSpec().build();
  }
}
