package dev.multiarch.tekton.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconciler's substitution, as run-local uses it. */
class ScopeTest {

  private final Scope scope =
      new Scope()
          .put("params.IMAGE", "quay.io/example/hello")
          .put("params.dotted.name", "dotted")
          .put("tasks.build.results.IMAGE_DIGEST", "sha256:abc")
          .put("workspaces.source.path", "/tmp/source")
          .putArray("params.PLATFORMS", List.of("linux/amd64", "linux/arm64"));

  @Test
  void text_paramReference_isReplacedByItsValue() {
    // When
    String text = scope.text("push $(params.IMAGE) to $(workspaces.source.path)", "step push");

    // Then
    assertThat(text).isEqualTo("push quay.io/example/hello to /tmp/source");
  }

  @Test
  void text_bracketNames_areTheSameVariablesAsDottedNames() {
    // When
    String text = scope.text("$(params[\"IMAGE\"]) $(params['dotted.name'])", "step push");

    // Then
    assertThat(text).isEqualTo("quay.io/example/hello dotted");
  }

  @Test
  void text_taskResultAndArrayIndex_areResolved() {
    // When
    String text =
        scope.text("$(tasks.build.results.IMAGE_DIGEST) $(params.PLATFORMS[1])", "step push");

    // Then
    assertThat(text).isEqualTo("sha256:abc linux/arm64");
  }

  @Test
  void text_shellCommandSubstitution_isLeftAlone() {
    // When
    String text = scope.text("arch=$(uname -m); echo \"$(params.IMAGE)-$(date +%s)\"", "step push");

    // Then
    assertThat(text).isEqualTo("arch=$(uname -m); echo \"quay.io/example/hello-$(date +%s)\"");
  }

  @Test
  void text_valueLookingLikeAReference_isNotSubstitutedAgain() {
    // Given
    Scope tricky = new Scope().put("params.A", "$(params.B) and $1");

    // When
    String text = tricky.text("[$(params.A)]", "step s");

    // Then
    assertThat(text).isEqualTo("[$(params.B) and $1]");
  }

  @Test
  void text_unknownReference_throwsNamingWhereAndWhat() {
    assertThatThrownBy(() -> scope.text("echo $(params.MISSING)", "build step push script"))
        .isInstanceOf(UnresolvedReferenceException.class)
        .hasMessage(
            "build step push script: $(params.MISSING) cannot be resolved: nothing of that name is declared");
  }

  @Test
  void text_wholeArrayInAString_throwsSayingArraysAreUsedWhole() {
    assertThatThrownBy(() -> scope.text("echo $(params.PLATFORMS[*])", "step s"))
        .isInstanceOf(UnresolvedReferenceException.class)
        .hasMessage(
            "step s: $(params.PLATFORMS[*]) cannot be resolved: "
                + "an array can only be used whole, as an element of an array field");
  }

  @Test
  void text_arrayWithoutIndex_throwsSuggestingTheStarForm() {
    assertThatThrownBy(() -> scope.text("echo $(params.PLATFORMS)", "step s"))
        .isInstanceOf(UnresolvedReferenceException.class)
        .hasMessage(
            "step s: $(params.PLATFORMS) cannot be resolved: "
                + "it is an array; use $(params.PLATFORMS[*]) as a whole array element");
  }

  @Test
  void text_indexOutOfRange_throwsGivingTheArraySize() {
    assertThatThrownBy(() -> scope.text("$(params.PLATFORMS[2])", "step s"))
        .isInstanceOf(UnresolvedReferenceException.class)
        .hasMessage(
            "step s: $(params.PLATFORMS[2]) cannot be resolved: "
                + "index 2 is out of range; the array has 2 values");
  }

  @Test
  void text_indexIntoAString_throwsSayingItIsNoArray() {
    assertThatThrownBy(() -> scope.text("$(params.IMAGE[0])", "step s"))
        .isInstanceOf(UnresolvedReferenceException.class)
        .hasMessage("step s: $(params.IMAGE[0]) cannot be resolved: it is a string, not an array");
  }

  @Test
  void text_null_staysNull() {
    assertThat(scope.text(null, "step s")).isNull();
  }

  @Test
  void elements_wholeArrayElement_expandsToEveryValueInPlace() {
    // When
    List<String> args =
        scope.elements(List.of("--platforms", "$(params.PLATFORMS[*])", "$(params.IMAGE)"), "args");

    // Then
    assertThat(args)
        .containsExactly("--platforms", "linux/amd64", "linux/arm64", "quay.io/example/hello");
  }

  @Test
  void elements_starInsideALongerElement_throws() {
    assertThatThrownBy(() -> scope.elements(List.of("--platforms=$(params.PLATFORMS[*])"), "args"))
        .isInstanceOf(UnresolvedReferenceException.class)
        .hasMessage(
            "args: $(params.PLATFORMS[*]) cannot be resolved: "
                + "an array can only be used whole, as an element of an array field");
  }

  @Test
  void element_starOfAString_throwsSayingItIsNoArray() {
    assertThatThrownBy(() -> scope.element("$(params.IMAGE[*])", "args"))
        .isInstanceOf(UnresolvedReferenceException.class)
        .hasMessage("args: $(params.IMAGE[*]) cannot be resolved: it is a string, not an array");
  }

  @Test
  void elements_null_isEmpty() {
    assertThat(scope.elements(null, "args")).isEmpty();
  }

  @Test
  void putAll_laterValues_replaceEarlierOnes() {
    // Given
    Scope base = new Scope().put("params.A", "base").put("params.B", "kept");

    // When
    base.putAll(new Scope().put("params.A", "override"));

    // Then
    assertThat(base.text("$(params.A) $(params.B)", "s")).isEqualTo("override kept");
  }

  @Test
  void text_spacesOutsideTheQuotes_areNoReferenceAndStayAsText() {
    // Tekton's pkg/substitution reads params['x'] and params["x"] only as written: $(params[
    // 'IMAGE' ]) is no
    // reference for its webhook or its reconciler, so it reaches the step as it is.
    assertThat(scope.text("$(params[ 'IMAGE' ]) $(params['IMAGE'])", "step s"))
        .isEqualTo("$(params[ 'IMAGE' ]) quay.io/example/hello");
  }

  @Test
  void element_wholeArrayWithoutStar_expandsAsTektonsApplyArrayReplacements() {
    assertThat(scope.elements(List.of("$(params.PLATFORMS)", "x"), "args"))
        .containsExactly("linux/amd64", "linux/arm64", "x");
  }

  @Test
  void putObject_keys_areReachableByDotForm() {
    Scope objects =
        new Scope().putObject("params.git", java.util.Map.of("url", "https://x", "rev", "main"));

    assertThat(objects.text("$(params.git.url)@$(params.git.rev)", "s"))
        .isEqualTo("https://x@main");
  }
}
