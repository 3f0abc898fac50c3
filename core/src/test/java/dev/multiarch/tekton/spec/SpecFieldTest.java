package dev.multiarch.tekton.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.SpecField;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

class SpecFieldTest {

  static Stream<Arguments> keys() {
    return Stream.of(
        Arguments.of("", List.of("apiVersion", "kind", "metadata", "spec")),
        Arguments.of("metadata", List.of("name", "namespace")),
        Arguments.of(
            "spec",
            List.of(
                "platforms",
                "nodePlatform",
                "native",
                "source",
                "imageStream",
                "staging",
                "destination",
                "proxy",
                "caBundle",
                "serviceAccount",
                "builderImage",
                "binfmtImage",
                "placement",
                "emulationNodeSelector",
                "format",
                "cleanupEmulators",
                "inlineTasks",
                "timeouts",
                "retries",
                "resources",
                "workspace",
                "pac",
                "crossCompiled",
                "cache")),
        Arguments.of("spec.native[]", List.of("platform", "nodeSelector", "tolerations")),
        Arguments.of(
            "spec.source", List.of("git", "context", "containerfile", "buildArgs", "buildSecret")),
        Arguments.of(
            "spec.source.git", List.of("url", "revision", "credentialsSecret", "sshSecret")),
        Arguments.of("spec.resources", List.of("build")),
        Arguments.of(
            "spec.resources.build", List.of("cpu", "memory", "ephemeralStorage", "cpuLimit")),
        Arguments.of("spec.staging", List.of("repository")),
        Arguments.of("spec.workspace", List.of("storageClassName", "size")),
        Arguments.of("spec.pac", List.of("maxKeepRuns")),
        Arguments.of("spec.platforms", List.of()));
  }

  @ParameterizedTest
  @MethodSource("keys")
  void keysUnder_givesTheKeysOfTheMapInTableOrder(String parent, List<String> keys) {
    assertThat(SpecField.keysUnder(parent)).containsExactlyElementsOf(keys);
  }

  @ParameterizedTest
  @EnumSource(SpecField.class)
  void fullYaml_setsEveryFieldOfTheTable(SpecField field) throws IOException {
    Object document;
    try (InputStream in = SpecFieldTest.class.getResourceAsStream("/spec/full.yaml")) {
      document = new Yaml().load(in);
    }

    assertThat(valuesAt(document, field.path().split("\\.")))
        .as("core/src/test/resources/spec/full.yaml sets %s", field.path())
        .isNotEmpty()
        .doesNotContainNull();
  }

  @Test
  void everyRow_hasAPathTypeAndDescription_andADefaultUnlessRequired() {
    for (SpecField field : SpecField.values()) {
      assertThat(field.path()).as(field.name()).matches("[A-Za-z]+((\\[])?\\.[A-Za-z]+)*");
      assertThat(field.type()).as(field.name()).isNotBlank();
      assertThat(field.description()).as(field.name()).isNotBlank().doesNotEndWith(".");
      assertThat(field.defaultValue().isEmpty()).as(field.name()).isEqualTo(field.required());
    }
  }

  /** The values at the path, one per item of each list on the way ({@code native[]}). */
  private static List<Object> valuesAt(Object node, String[] keys) {
    if (keys.length == 0) {
      return java.util.Collections.singletonList(node);
    }
    String key = keys[0];
    boolean list = key.endsWith("[]");
    Object value =
        node instanceof Map<?, ?> map
            ? map.get(list ? key.substring(0, key.length() - 2) : key)
            : null;
    if (value == null) {
      return List.of();
    }
    String[] rest = java.util.Arrays.copyOfRange(keys, 1, keys.length);
    if (!list) {
      return valuesAt(value, rest);
    }
    return value instanceof List<?> items
        ? items.stream().flatMap(item -> valuesAt(item, rest).stream()).toList()
        : List.of();
  }
}
