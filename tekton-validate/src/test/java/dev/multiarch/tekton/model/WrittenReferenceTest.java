package dev.multiarch.tekton.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.References;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reference the generator writes ({@link References}) is read back by {@link Reference} as
 * what it wrote.
 */
class WrittenReferenceTest {

  static Stream<Arguments> written() {
    return Stream.of(
        Arguments.of(
            References.param("BUILDER_IMAGE"),
            "$(params.BUILDER_IMAGE)",
            "params",
            "params.BUILDER_IMAGE",
            ""),
        Arguments.of(
            References.arrayParam("PLATFORMS"),
            "$(params.PLATFORMS[*])",
            "params",
            "params.PLATFORMS",
            "*"),
        Arguments.of(
            References.result("resolve-commit", "COMMIT"),
            "$(tasks.resolve-commit.results.COMMIT)",
            "tasks",
            "tasks.resolve-commit.results.COMMIT",
            ""),
        Arguments.of(
            References.arrayResult("build", "IMAGE_REF"),
            "$(tasks.build.results.IMAGE_REF[*])",
            "tasks",
            "tasks.build.results.IMAGE_REF",
            "*"),
        Arguments.of(
            References.context("taskRun", "namespace"),
            "$(context.taskRun.namespace)",
            "context",
            "context.taskRun.namespace",
            ""),
        Arguments.of(
            References.workspacePath("source"),
            "$(workspaces.source.path)",
            "workspaces",
            "workspaces.source.path",
            ""),
        Arguments.of(
            References.workspaceBound("dockerconfig"),
            "$(workspaces.dockerconfig.bound)",
            "workspaces",
            "workspaces.dockerconfig.bound",
            ""));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource
  void written(String written, String text, String root, String key, String index) {
    // When
    var read = Reference.isolated(written);

    // Then
    assertThat(written).isEqualTo(text);
    assertThat(read)
        .hasValueSatisfying(
            reference -> {
              assertThat(reference.text()).isEqualTo(text);
              assertThat(reference.root()).isEqualTo(root);
              assertThat(reference.key()).isEqualTo(key);
              assertThat(reference.index()).isEqualTo(index);
              assertThat(reference.bracketed()).isFalse();
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void written_results_nameTheirTaskAndResult(String written, String task, String result) {
    // When
    Reference read = Reference.isolated(written).orElseThrow();

    // Then
    assertThat(read.isResult()).isTrue();
    assertThat(read.task()).hasValue(task);
    assertThat(read.result()).isEqualTo(result);
  }

  static Stream<Arguments> written_results_nameTheirTaskAndResult() {
    return Stream.of(
        Arguments.of(
            References.result("build-linux-arm64", "IMAGE_REF"), "build-linux-arm64", "IMAGE_REF"),
        Arguments.of(References.arrayResult("build", "IMAGE_REF"), "build", "IMAGE_REF"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void written_params_nameTheirParam(String written, String param, boolean whole) {
    // When
    Reference read = Reference.isolated(written).orElseThrow();

    // Then
    assertThat(read.paramName()).isEqualTo(param);
    assertThat(read.paramKey()).isEmpty();
    assertThat(read.whole()).isEqualTo(whole);
  }

  static Stream<Arguments> written_params_nameTheirParam() {
    return Stream.of(
        Arguments.of(References.param("EMULATORS"), "EMULATORS", false),
        Arguments.of(References.arrayParam("IMAGE_REFS"), "IMAGE_REFS", true));
  }
}
