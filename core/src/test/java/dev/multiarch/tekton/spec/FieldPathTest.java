package dev.multiarch.tekton.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.FieldPath;
import dev.multiarch.tekton.SpecField;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldPathTest {

  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of("metadata.name", SpecField.NAME, List.of(), "metadata.name"),
        Arguments.of("spec.platforms", SpecField.PLATFORMS, List.of(), "spec.platforms"),
        Arguments.of("spec.platforms[2]", SpecField.PLATFORMS, List.of(2), "spec.platforms[2]"),
        Arguments.of(
            "spec.native[1].platform",
            SpecField.NATIVE_PLATFORM,
            List.of(1),
            "spec.native[1].platform"),
        Arguments.of(
            "spec.native[0].nodeSelector",
            SpecField.NATIVE_NODE_SELECTOR,
            List.of(0),
            "spec.native[0].nodeSelector"),
        Arguments.of(
            "spec.native[1].tolerations[0].effect",
            SpecField.NATIVE_TOLERATIONS,
            List.of(1, 0),
            "spec.native[1].tolerations[0]"),
        Arguments.of(
            "spec.destination.tags[3]",
            SpecField.DESTINATION_TAGS,
            List.of(3),
            "spec.destination.tags[3]"),
        Arguments.of(
            "spec.source.buildArgs", SpecField.BUILD_ARGS, List.of(), "spec.source.buildArgs"),
        Arguments.of(
            "spec.resources.build.ephemeralStorage",
            SpecField.BUILD_EPHEMERAL_STORAGE,
            List.of(),
            "spec.resources.build.ephemeralStorage"));
  }

  @ParameterizedTest
  @MethodSource("paths")
  void of_pathInsideARow_givesTheRowAndItsIndexes(
      String path, SpecField field, List<Integer> indexes, String text) {
    Optional<FieldPath> resolved = FieldPath.of(path);

    assertThat(resolved).contains(new FieldPath(field, indexes));
    assertThat(resolved.orElseThrow()).hasToString(text);
  }

  static Stream<String> notRows() {
    return Stream.of(
        "",
        "spec",
        "spec.destination",
        "spec.native[0]",
        "spec.platform",
        "source",
        "--platforms",
        "[0]",
        "spec.platforms[x]",
        "metadata.name.",
        "spec.timeouts");
  }

  @ParameterizedTest
  @MethodSource("notRows")
  void of_pathOutsideEveryRow_isEmpty(String path) {
    assertThat(FieldPath.of(path)).isEmpty();
  }
}
