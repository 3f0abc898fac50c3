package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.MultiArchTekton;
import org.junit.jupiter.api.Test;

/**
 * Generation is deterministic. The whole output of each example is compared with its committed
 * folder by the examples module ({@code ExamplesAreCurrentTest}), the project's one golden set.
 */
class DeterministicOutputTest {

  @Test
  void generate_twice_givesByteIdenticalOutput() {
    for (BuildSpec spec : Specs.all().values()) {
      // Given two independent generations of the same spec
      String first = MultiArchTekton.from(spec).generate().toYaml();
      String second = MultiArchTekton.from(spec.toBuilder().build()).generate().toYaml();

      // Then the YAML and the folder files are identical, and use only \n line endings
      assertThat(second).isEqualTo(first);
      assertThat(MultiArchTekton.from(spec).generate().files())
          .isEqualTo(MultiArchTekton.from(spec).generate().files());
      assertThat(first).doesNotContain("\r");
    }
  }
}
