package dev.multiarch.tekton.tasks.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScriptChecksTest {

  @Test
  void forbiddenSubstitutions_findsTektonVariablesButNotResultPathsOrCommandSubstitution() {
    // Given
    String script =
        "echo \"$(params.IMAGE)\" $(tasks.build.results.X) $(context.taskRun.name)\n"
            + "cd \"$(workspaces.source.path)\"; x=\"$(params['A'])\"; d=\"$(date)\" > \"$(results.D.path)\"\n";

    // When / Then
    assertThat(ScriptChecks.forbiddenSubstitutions(script))
        .containsExactly(
            "$(params.IMAGE)",
            "$(tasks.build.results.X)",
            "$(context.taskRun.name)",
            "$(workspaces.source.path)",
            "$(params['A'])");
  }

  @Test
  void assertShellcheckClean_unquotedExpansion_failsNamingTheLabel() {
    // Given shellcheck on this host
    HostTools.require("shellcheck");
    String script = "#!/usr/bin/env bash\nx=$1\necho $x\n";

    // When / Then
    assertThatThrownBy(() -> ScriptChecks.assertShellcheckClean("demo/step", script))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("shellcheck of demo/step")
        .hasMessageContaining("SC2086");
  }

  @Test
  void assertBashSyntax_unclosedIf_fails() {
    // When / Then
    assertThatThrownBy(
            () -> ScriptChecks.assertBashSyntax("demo/step", "if true; then\n  echo hi\n"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("bash -n of demo/step");
  }
}
