package dev.multiarch.tekton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Version-like text on the command line and in spec files generates, and reads back as the text
 * given.
 */
class GenerateVersionLikeValuesTest {

  /** Valid values of the required flags, each replaced where a test gives the flag itself. */
  private static final Map<String, String> BASE =
      Map.of(
          "--name",
          "app",
          "--namespace",
          "ci",
          "--platforms",
          "linux/amd64,linux/arm64",
          "--git-url",
          "https://git.example.com/app.git",
          "--destination",
          "quay.io/org/app:1");

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.0",
        "2",
        "010",
        "1e3",
        "0x1f",
        "0o17",
        "-1",
        ".inf",
        "yes",
        "no",
        "on",
        "off",
        "true",
        "null",
        "~",
        "2024-01-01"
      })
  void everyTextFlag_takesTheValue_orRefusesItAsBadInput_neverCrashes(String value) {
    for (String[] flag :
        new String[][] {
          {"--destination", "quay.io/org/app:" + value},
          {"--tag", value},
          {"--git-revision", value},
          {"--context", value},
          {"--containerfile", value},
          {"--namespace", value},
          {"--name", value},
          {"--image-stream", value},
          {"--tags", value},
          {"--credentials-secret", value},
          {"--build-arg", "V=" + value},
          {"--builder-image", "quay.io/org/b:" + value}
        }) {
      CliTest.Result result = run(flag[0], flag[1]);

      assertThat(result.code()).as("%s %s: %s", flag[0], flag[1], result.err()).isIn(0, 2);
      if (result.code() == 2) {
        assertThat(result.err())
            .as("%s %s", flag[0], flag[1])
            .startsWith("multiarch-tekton: " + flag[0] + ": '")
            .hasLineCount(1);
      }
    }
  }

  @Test
  void theIssuesExamples_generate_andEveryValueReadsBackAsTheText() {
    // When
    CliTest.Result result =
        run(
            "--destination",
            "quay.io/org/app:1.0",
            "--git-revision",
            "1.0",
            "--tag",
            "2",
            "--context",
            "2",
            "--namespace",
            "0x1f",
            "--build-arg",
            "V=on");

    // Then
    assertThat(result.code()).as(result.err()).isZero();
    List<Map<String, Object>> documents = documents(result.out());
    assertThat(documents)
        .allSatisfy(document -> assertThat(metadata(document).get("namespace")).isEqualTo("0x1f"));
    assertThat(pipelineParamDefaults(documents))
        .containsEntry("DESTINATION_TAGS", "1.0")
        .containsEntry("GIT_REVISION", "1.0")
        .containsEntry("TAG", "2")
        .containsEntry("CONTEXT", "2")
        .containsEntry("BUILD_ARGS", List.of("V=on"));
  }

  @Test
  void specFile_unquotedVersionLikeScalars_areTakenAsWritten() throws Exception {
    // Given a spec with unquoted 1.0, 2 and 1e3 where text is expected
    Path spec =
        Files.writeString(
            tmp.resolve("multiarch.yaml"),
            """
        apiVersion: multiarch-tekton.dev/v1alpha1
        kind: MultiArchBuild
        metadata: {name: app, namespace: 1e3}
        spec:
          platforms: [linux/amd64, linux/arm64]
          source:
            git: {url: "https://git.example.com/app.git", revision: 2}
            buildArgs: {V: 1.10}
          imageStream: {tag: 1.0}
          destination: {image: quay.io/org/app, tags: [1.0, 2]}
        """);

    // When
    CliTest.Result result = CliTest.run("generate", "-f", spec.toString());

    // Then
    assertThat(result.code()).as(result.err()).isZero();
    List<Map<String, Object>> documents = documents(result.out());
    assertThat(metadata(documents.get(0)).get("namespace")).isEqualTo("1e3");
    assertThat(pipelineParamDefaults(documents))
        .containsEntry("GIT_REVISION", "2")
        .containsEntry("TAG", "1.0")
        .containsEntry("DESTINATION_TAGS", "1.0 2")
        .containsEntry("BUILD_ARGS", List.of("V=1.10"));
  }

  @Test
  void specFile_listOrMapForATextField_isBadInputNamingTheField() throws Exception {
    Path spec =
        Files.writeString(
            tmp.resolve("multiarch.yaml"),
            """
        apiVersion: multiarch-tekton.dev/v1alpha1
        kind: MultiArchBuild
        metadata: {name: app, namespace: ci}
        spec:
          platforms: [linux/amd64, linux/arm64]
          imageStream: {tag: [1.0]}
          destination: {image: quay.io/org/app}
        """);

    CliTest.Result result = CliTest.run("generate", "-f", spec.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "multiarch-tekton: "
                + spec
                + ":6: spec.imageStream.tag: expected a string,"
                + " got a list\n");
  }

  private static CliTest.Result run(String... flags) {
    List<String> given = new ArrayList<>(List.of(flags));
    List<String> args = new ArrayList<>(List.of("generate"));
    BASE.forEach(
        (flag, value) -> {
          if (!given.contains(flag)) {
            args.addAll(List.of(flag, value));
          }
        });
    args.addAll(given);
    return CliTest.run(args.toArray(String[]::new));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> documents(String yaml) {
    List<Map<String, Object>> documents = new ArrayList<>();
    new Yaml().loadAll(yaml).forEach(document -> documents.add((Map<String, Object>) document));
    return documents;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Map<String, Object> document) {
    return (Map<String, Object>) document.get("metadata");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> pipelineParamDefaults(List<Map<String, Object>> documents) {
    Map<String, Object> pipeline =
        documents.stream().filter(d -> "Pipeline".equals(d.get("kind"))).findFirst().orElseThrow();
    Map<String, Object> defaults = new java.util.LinkedHashMap<>();
    for (Map<String, Object> param :
        (List<Map<String, Object>>) ((Map<String, Object>) pipeline.get("spec")).get("params")) {
      defaults.put((String) param.get("name"), param.get("default"));
    }
    return defaults;
  }
}
