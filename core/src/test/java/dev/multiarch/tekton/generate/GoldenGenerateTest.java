package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The whole generated YAML of each spec, compared with its golden file. */
class GoldenGenerateTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  @TestFactory
  Stream<DynamicTest> generate_matchesGoldenFile() {
    return Specs.all().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
      String yaml = MultiArchTekton.from(entry.getValue()).generate().toYaml();
      GoldenFiles.assertCurrent(GOLDEN.resolve(entry.getKey() + ".yaml"), yaml);
    }));
  }

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
