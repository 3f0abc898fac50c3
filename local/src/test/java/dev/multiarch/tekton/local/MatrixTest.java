package dev.multiarch.tekton.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multiarch.tekton.model.Scope;
import dev.multiarch.tekton.model.UnresolvedReferenceException;
import io.fabric8.tekton.v1.MatrixBuilder;
import io.fabric8.tekton.v1.ParamValue;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixTest {

  private final Scope scope =
      new Scope()
          .putArray("params.PLATFORMS", List.of("linux/amd64", "linux/arm64", "linux/arm/v7"))
          .putArray("params.NONE", List.of());

  @Test
  void combinations_oneParamFromAnArrayParam_isOnePerValueInOrder() {
    // Given
    io.fabric8.tekton.v1.Matrix matrix =
        new MatrixBuilder()
            .addNewParam()
            .withName("PLATFORM")
            .withValue(new ParamValue(List.of("$(params.PLATFORMS[*])")))
            .endParam()
            .build();

    // When
    List<Map<String, String>> combinations =
        Matrix.combinations(matrix, scope, "pipeline task build");

    // Then
    assertThat(combinations)
        .containsExactly(
            Map.of("PLATFORM", "linux/amd64"),
            Map.of("PLATFORM", "linux/arm64"),
            Map.of("PLATFORM", "linux/arm/v7"));
  }

  @Test
  void combinations_twoParams_followTektonsOrderWhereTheFirstParamVariesFastest() {
    // Given: Tekton's Matrix.FanOut distributes each later param's values over the combinations so
    // far
    io.fabric8.tekton.v1.Matrix matrix =
        new MatrixBuilder()
            .addNewParam()
            .withName("PLATFORM")
            .withValue(new ParamValue(List.of("linux/amd64", "linux/arm64")))
            .endParam()
            .addNewParam()
            .withName("FLAVOR")
            .withValue(new ParamValue(List.of("slim", "full")))
            .endParam()
            .build();

    // When
    List<Map<String, String>> combinations =
        Matrix.combinations(matrix, scope, "pipeline task build");

    // Then
    assertThat(combinations)
        .containsExactly(
            Map.of("PLATFORM", "linux/amd64", "FLAVOR", "slim"),
            Map.of("PLATFORM", "linux/arm64", "FLAVOR", "slim"),
            Map.of("PLATFORM", "linux/amd64", "FLAVOR", "full"),
            Map.of("PLATFORM", "linux/arm64", "FLAVOR", "full"));
    assertThat(combinations.get(0).keySet()).containsExactly("PLATFORM", "FLAVOR");
  }

  @Test
  void combinations_include_extendsTheCombinationItAgreesWith_andAddsOneMatchingNone() {
    // Given: Tekton's FanOut with include (overwriteCombinations, then addNewCombinations)
    io.fabric8.tekton.v1.Matrix matrix =
        new MatrixBuilder()
            .addNewParam()
            .withName("PLATFORM")
            .withValue(new ParamValue(List.of("$(params.PLATFORMS[*])")))
            .endParam()
            .addNewInclude()
            .withName("emulate-linux-arm64")
            .addNewParam()
            .withName("PLATFORM")
            .withValue(new ParamValue("linux/arm64"))
            .endParam()
            .addNewParam()
            .withName("EMULATORS")
            .withValue(new ParamValue("linux/arm64"))
            .endParam()
            .endInclude()
            .addNewInclude()
            .withName("extra")
            .addNewParam()
            .withName("PLATFORM")
            .withValue(new ParamValue("linux/s390x"))
            .endParam()
            .endInclude()
            .build();

    // When
    List<Map<String, String>> combinations =
        Matrix.combinations(matrix, scope, "pipeline task build");

    // Then
    assertThat(combinations)
        .containsExactly(
            Map.of("PLATFORM", "linux/amd64"),
            Map.of("PLATFORM", "linux/arm64", "EMULATORS", "linux/arm64"),
            Map.of("PLATFORM", "linux/arm/v7"),
            Map.of("PLATFORM", "linux/s390x"));
    assertThat(Matrix.label(matrix, combinations.get(1))).isEqualTo("linux/arm64");
  }

  @Test
  void combinations_includeAddingAParamToEveryCombination_extendsEachOne() {
    // Given: an include naming no matrix param agrees with every combination
    io.fabric8.tekton.v1.Matrix matrix =
        new MatrixBuilder()
            .addNewParam()
            .withName("PLATFORM")
            .withValue(new ParamValue(List.of("linux/amd64", "linux/arm64")))
            .endParam()
            .addNewInclude()
            .addNewParam()
            .withName("FLAVOR")
            .withValue(new ParamValue("slim"))
            .endParam()
            .endInclude()
            .build();

    // When / Then
    assertThat(Matrix.combinations(matrix, scope, "pipeline task build"))
        .containsExactly(
            Map.of("PLATFORM", "linux/amd64", "FLAVOR", "slim"),
            Map.of("PLATFORM", "linux/arm64", "FLAVOR", "slim"));
  }

  @Test
  void combinations_emptyArray_throwsNamingTheTask() {
    // Given
    io.fabric8.tekton.v1.Matrix matrix =
        new MatrixBuilder()
            .addNewParam()
            .withName("PLATFORM")
            .withValue(new ParamValue(List.of("$(params.NONE[*])")))
            .endParam()
            .build();

    // When / Then
    assertThatThrownBy(() -> Matrix.combinations(matrix, scope, "pipeline task build"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pipeline task build: the matrix has no combinations (an empty array param)");
  }

  @Test
  void combinations_moreThanTektonAllows_throwsGivingTheCount() {
    // Given
    List<String> seventeen = Collections.nCopies(17, "x");
    io.fabric8.tekton.v1.Matrix matrix =
        new MatrixBuilder()
            .addNewParam()
            .withName("A")
            .withValue(new ParamValue(seventeen))
            .endParam()
            .addNewParam()
            .withName("B")
            .withValue(new ParamValue(seventeen))
            .endParam()
            .build();

    // When / Then
    assertThatThrownBy(() -> Matrix.combinations(matrix, scope, "pipeline task build"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "pipeline task build: the matrix has 289 combinations; Tekton allows at most 256");
  }

  @Test
  void combinations_unknownReference_throwsNamingTheMatrixParam() {
    // Given
    io.fabric8.tekton.v1.Matrix matrix =
        new MatrixBuilder()
            .addNewParam()
            .withName("PLATFORM")
            .withValue(new ParamValue(List.of("$(params.MISSING[*])")))
            .endParam()
            .build();

    // When / Then
    assertThatThrownBy(() -> Matrix.combinations(matrix, scope, "pipeline task build"))
        .isInstanceOf(UnresolvedReferenceException.class)
        .hasMessage(
            "pipeline task build matrix param PLATFORM: $(params.MISSING[*]) cannot be resolved: "
                + "nothing of that name is declared");
  }
}
