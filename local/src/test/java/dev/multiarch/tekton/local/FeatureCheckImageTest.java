package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.tekton.v1.ParamSpecBuilder;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.StepBuilder;
import io.fabric8.tekton.v1.TaskSpec;
import io.fabric8.tekton.v1.TaskSpecBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which image {@link FeatureCheck#image} says a step runs: a whole param reference reads the
 * param's default.
 */
class FeatureCheckImageTest {

  static Stream<Arguments> image() {
    return Stream.of(
        Arguments.of("quay.io/buildah/stable", "quay.io/buildah/stable"),
        Arguments.of("$(params.BINFMT_IMAGE)", "tonistiigi/binfmt"),
        Arguments.of("$(params[\"BINFMT_IMAGE\"])", "tonistiigi/binfmt"),
        Arguments.of("$(params['BINFMT_IMAGE'])", "tonistiigi/binfmt"),
        Arguments.of("$(params.UNDECLARED)", "$(params.UNDECLARED)"),
        Arguments.of("$(params.NO_DEFAULT)", "$(params.NO_DEFAULT)"),
        Arguments.of("$(params.BINFMT_IMAGE[0])", "$(params.BINFMT_IMAGE[0])"),
        Arguments.of("$(params.BINFMT_IMAGE.key)", "$(params.BINFMT_IMAGE.key)"),
        Arguments.of("$(params.BINFMT_IMAGE):latest", "$(params.BINFMT_IMAGE):latest"),
        Arguments.of("$(context.taskRun.name)", "$(context.taskRun.name)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void image(String written, String expected) {
    // Given
    Step step = new StepBuilder().withName("register").withImage(written).build();
    TaskSpec spec =
        new TaskSpecBuilder()
            .withParams(
                new ParamSpecBuilder()
                    .withName("BINFMT_IMAGE")
                    .withDefault(new ParamValue("tonistiigi/binfmt"))
                    .build(),
                new ParamSpecBuilder().withName("NO_DEFAULT").build())
            .withSteps(List.of(step))
            .build();

    // When / Then
    assertThat(FeatureCheck.image(step, spec)).isEqualTo(expected);
  }
}
