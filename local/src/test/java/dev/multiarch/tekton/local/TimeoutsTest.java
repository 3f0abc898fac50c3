package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunBuilder;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.PipelineTaskBuilder;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The timeouts as Tekton's controller computes them (pipelinerun.go createTaskRun passes only the
 * pipeline task's timeout on; TaskRun defaulting fills in default-timeout-minutes; a PipelineRun
 * without timeouts gets an hour).
 */
class TimeoutsTest {

  @Test
  void pipeline_noTimeouts_isTektonsDefaultOfAnHour() {
    assertThat(Timeouts.pipeline(new PipelineRunBuilder().withNewSpec().endSpec().build()))
        .contains(Duration.ofHours(1));
  }

  @Test
  void pipeline_timeoutsWithoutPipeline_isTheDefault() {
    PipelineRun run =
        new PipelineRunBuilder()
            .withNewSpec()
            .withNewTimeouts()
            .withTasks(duration(Duration.ofMinutes(5)))
            .endTimeouts()
            .endSpec()
            .build();

    assertThat(Timeouts.pipeline(run)).contains(Timeouts.DEFAULT);
    assertThat(Timeouts.tasks(run)).contains(Duration.ofMinutes(5));
    assertThat(Timeouts.finallyTasks(run)).isEmpty();
  }

  @Test
  void pipeline_goDurationAsText_isParsed() {
    assertThat(Timeouts.pipeline(untyped("1h30m"))).contains(Duration.ofMinutes(90));
  }

  @Test
  void pipeline_zero_meansNoTimeout() {
    assertThat(Timeouts.pipeline(untyped("0s"))).isEmpty();
    assertThat(Timeouts.pipeline(untyped("0"))).isEmpty();
  }

  @Test
  void pipeline_notADuration_throwsNamingTheValue() {
    assertThatThrownBy(() -> Timeouts.pipeline(untyped("soon")))
        .isInstanceOf(LocalRunException.class)
        .hasMessage("PipelineRun timeouts.pipeline 'soon' is not a duration such as 1h30m");
  }

  @Test
  void taskRun_withoutItsOwnTimeout_getsTheDefault_whateverThePipelineRunSays() {
    PipelineTask task = new PipelineTaskBuilder().withName("build").build();

    assertThat(Timeouts.taskRun(task, Duration.ofHours(1))).contains(Duration.ofHours(1));
    assertThat(Timeouts.taskRun(task, Duration.ZERO)).isEmpty();
  }

  @Test
  void taskRun_withItsOwnTimeout_getsIt_andZeroIsNone() {
    PipelineTask task =
        new PipelineTaskBuilder()
            .withName("build")
            .withTimeout(duration(Duration.ofHours(3)))
            .build();
    PipelineTask none =
        new PipelineTaskBuilder().withName("build").withTimeout(duration(Duration.ZERO)).build();

    assertThat(Timeouts.taskRun(task, Duration.ofHours(1))).contains(Duration.ofHours(3));
    assertThat(Timeouts.taskRun(none, Duration.ofHours(1))).isEqualTo(Optional.empty());
  }

  private static io.fabric8.kubernetes.api.model.Duration duration(Duration duration) {
    return new io.fabric8.kubernetes.api.model.Duration(duration);
  }

  private static PipelineRun untyped(String pipeline) {
    return new PipelineRunBuilder()
        .withNewSpec()
        .withNewTimeouts()
        .addToAdditionalProperties("pipeline", pipeline)
        .endTimeouts()
        .endSpec()
        .build();
  }
}
