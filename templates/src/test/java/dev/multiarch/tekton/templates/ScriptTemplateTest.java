package dev.multiarch.tekton.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScriptTemplateTest {

  private static final Map<String, Object> MODEL =
      Map.of(
          "platforms",
          List.of(
              Map.of(
                  "name",
                  "linux/amd64",
                  "qemuBinary",
                  "qemu-x86_64",
                  "nativeMachines",
                  List.of("x86_64")),
              Map.of(
                  "name",
                  "linux/arm64",
                  "qemuBinary",
                  "qemu-aarch64",
                  "nativeMachines",
                  List.of("aarch64", "arm64"))),
          "containerfile",
          "FROM quay.io/buildah/stable:v1.39.0",
          "delimiter",
          ScriptTemplate.CONTAINERFILE_DELIMITER);

  @ParameterizedTest
  @EnumSource(ScriptTemplate.class)
  void render_withPlatformModel_givesBashScriptEndingInOneNewline(ScriptTemplate template) {
    // When
    String script = template.render(MODEL);

    // Then
    assertThat(script)
        .startsWith("#!/usr/bin/env bash\n")
        .contains("set -euo pipefail\n")
        .endsWith("\n")
        .doesNotEndWith("\n\n")
        .doesNotContain("\r")
        .doesNotContain("[=")
        .doesNotContain("<#");
  }

  @Test
  void render_checkPlatform_rendersPlatformTableAsCase() {
    // When
    String script = ScriptTemplate.CHECK_PLATFORM.render(MODEL);

    // Then
    assertThat(script)
        .contains(
            "    \"linux/amd64\") QEMU_ENTRY=\"qemu-x86_64\"; NATIVE_MACHINES=(\"x86_64\") ;;\n")
        .contains(
            "    \"linux/arm64\") QEMU_ENTRY=\"qemu-aarch64\"; NATIVE_MACHINES=(\"aarch64\" \"arm64\") ;;\n")
        .contains("    \"linux/amd64\"|\"linux/arm64\") return 0 ;;\n")
        .contains("expected a known platform: linux/amd64, linux/arm64\"")
        .contains("${PLATFORM//\\//-}");
  }

  @Test
  void render_withoutPlatforms_failsNamingTheMissingVariable() {
    // Given
    Map<String, Object> empty = Map.of();

    // When / Then
    assertThatThrownBy(() -> ScriptTemplate.CHECK_PLATFORM.render(empty))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot render template check-platform.sh.ftl: ")
        .hasMessageContaining("platforms");
  }

  @Test
  void render_manifest_needsNoModelKeys() {
    // When
    String script = ScriptTemplate.MANIFEST_CREATE_AND_PUSH.render(Map.of());

    // Then
    assertThat(script).contains("buildah manifest");
  }

  @Test
  void containerfile_isSafeInsideTheQuotedHeredoc() {
    // Given: the script carries it between two delimiter lines, and Tekton substitutes $(...) in
    // scripts
    String containerfile = ScriptTemplate.containerfile();

    // Then
    assertThat(containerfile.lines())
        .as("no line may end the heredoc early")
        .doesNotContain(ScriptTemplate.CONTAINERFILE_DELIMITER);
    assertThat(containerfile).doesNotContain("$(").doesNotContain("\r").contains("FROM ");
  }

  @Test
  void render_builderImageContext_embedsContainerfileInQuotedHeredoc() {
    // When
    String script =
        ScriptTemplate.BUILDER_IMAGE_CONTEXT.render(
            Map.of(
                "platforms",
                MODEL.get("platforms"),
                "containerfile",
                ScriptTemplate.containerfile(),
                "delimiter",
                ScriptTemplate.CONTAINERFILE_DELIMITER));

    // Then
    assertThat(script)
        .contains(
            "cat > \"$CONTEXT_DIR/Containerfile\" <<'MULTIARCH_TEKTON_CONTAINERFILE'\n"
                + ScriptTemplate.containerfile()
                + "MULTIARCH_TEKTON_CONTAINERFILE\n");
  }
}
