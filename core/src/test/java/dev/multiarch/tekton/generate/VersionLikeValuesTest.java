package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.Destination;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.ImageStreamTarget;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.Source;
import dev.multiarch.tekton.tasks.testing.HostTools;
import dev.multiarch.tekton.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Text that looks like a number, boolean, null or date ({@code 1.0}, {@code 0x1f}, {@code on},
 * {@code 2024-01-01}) in any free-text field is generated so that YAML readers read it back as the
 * same string: SnakeYAML (YAML 1.1 rules, as Go's reader in kubectl and Tekton) and {@code kubectl
 * kustomize} itself.
 */
class VersionLikeValuesTest {

  static final List<String> VALUES =
      List.of(
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
          "2024-01-01",
          "1_000",
          "1:20",
          "0b101",
          "+1",
          "-.inf",
          ".NaN",
          "Y",
          "=");

  /** Each free-text field of the spec, as a change of a valid spec. */
  static final Map<String, BiFunction<BuildSpec, String, BuildSpec>> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("metadata.name", (s, v) -> s.toBuilder().name(v).build());
    FIELDS.put("metadata.namespace", (s, v) -> s.toBuilder().namespace(v).build());
    FIELDS.put(
        "spec.imageStream.name",
        (s, v) ->
            s.toBuilder().imageStream(new ImageStreamTarget(v, s.imageStream().tag())).build());
    FIELDS.put(
        "spec.imageStream.tag",
        (s, v) ->
            s.toBuilder().imageStream(new ImageStreamTarget(s.imageStream().name(), v)).build());
    FIELDS.put(
        "spec.source.git.revision",
        (s, v) ->
            s.toBuilder()
                .source(
                    new Source(
                        s.source().gitUrl(),
                        v,
                        s.source().context(),
                        s.source().containerfile(),
                        s.source().buildArgs()))
                .build());
    FIELDS.put(
        "spec.source.context",
        (s, v) ->
            s.toBuilder()
                .source(
                    new Source(
                        s.source().gitUrl(),
                        s.source().gitRevision(),
                        v,
                        s.source().containerfile(),
                        s.source().buildArgs()))
                .build());
    FIELDS.put(
        "spec.source.containerfile",
        (s, v) ->
            s.toBuilder()
                .source(
                    new Source(
                        s.source().gitUrl(),
                        s.source().gitRevision(),
                        s.source().context(),
                        v,
                        s.source().buildArgs()))
                .build());
    FIELDS.put(
        "spec.source.buildArgs",
        (s, v) ->
            s.toBuilder()
                .source(
                    new Source(
                        s.source().gitUrl(),
                        s.source().gitRevision(),
                        s.source().context(),
                        s.source().containerfile(),
                        Map.of("VERSION", v)))
                .build());
    FIELDS.put(
        "spec.destination.image",
        (s, v) ->
            s.toBuilder()
                .destination(
                    new Destination(
                        "quay.io/org/" + v,
                        s.destination().tags(),
                        s.destination().credentialsSecret()))
                .build());
    FIELDS.put(
        "spec.destination.tags",
        (s, v) ->
            s.toBuilder()
                .destination(
                    new Destination(
                        s.destination().repository(),
                        List.of(v),
                        s.destination().credentialsSecret()))
                .build());
    FIELDS.put(
        "spec.destination.credentialsSecret",
        (s, v) ->
            s.toBuilder()
                .destination(
                    new Destination(s.destination().repository(), s.destination().tags(), v))
                .build());
    FIELDS.put(
        "spec.builderImage",
        (s, v) -> s.toBuilder().builderImage("quay.io/org/builder:" + v).build());
    FIELDS.put(
        "spec.binfmtImage",
        (s, v) -> s.toBuilder().binfmtImage("docker.io/tonistiigi/binfmt:" + v).build());
  }

  /** The model as JSON, which has no ambiguous scalars: what every YAML reader must read back. */
  private static final ObjectMapper JSON = YamlWriter.jsonMapper();

  @TempDir Path tmp;

  @Test
  void theValuesThatFailedBefore_areAccepted() {
    BuildSpec base = Specs.twoPlatforms();
    for (String[] accepted :
        new String[][] {
          {"spec.destination.tags", "1.0"},
          {"spec.source.git.revision", "1.0"},
          {"spec.imageStream.tag", "2"},
          {"spec.source.context", "2"},
          {"metadata.namespace", "1e3"},
          {"metadata.namespace", "0x1f"},
          {"spec.source.buildArgs", "on"},
          {"spec.destination.tags", "2024-01-01"}
        }) {
      BuildSpec spec = FIELDS.get(accepted[0]).apply(base, accepted[1]);
      assertThat(MultiArchTekton.from(spec).generate().files())
          .as("%s=%s", accepted[0], accepted[1])
          .isNotEmpty();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyAcceptedValue_readsBackAsTheSameString() {
    return VALUES.stream()
        .map(
            value ->
                DynamicTest.dynamicTest(
                    value,
                    () -> {
                      // Given the value in every field that accepts it; the others refuse it as bad
                      // input, never as a crash
                      List<String> acceptedBy = new ArrayList<>();
                      BuildSpec spec = Specs.twoPlatforms();
                      for (var field : FIELDS.entrySet()) {
                        try {
                          field.getValue().apply(Specs.twoPlatforms(), value);
                        } catch (InvalidValueException refused) {
                          continue;
                        }
                        spec = field.getValue().apply(spec, value);
                        acceptedBy.add(field.getKey());
                      }
                      assertThat(acceptedBy).as("fields accepting '%s'", value).isNotEmpty();

                      // When
                      GeneratedPipeline generated = MultiArchTekton.from(spec).generate();

                      // Then every document of the folder and of the stream reads back as the model
                      // wrote it
                      Map<String, Object> expected = expectedByKindAndName(generated);
                      List<Object> fromFiles = new ArrayList<>();
                      generated
                          .files()
                          .values()
                          .forEach(text -> new Yaml().loadAll(text).forEach(fromFiles::add));
                      assertReadsBack(value, expected, fromFiles, "files");
                      List<Object> fromStream = new ArrayList<>();
                      new Yaml().loadAll(generated.toYaml()).forEach(fromStream::add);
                      assertReadsBack(value, expected, fromStream, "stream");
                      assertThat(generated.toYaml()).as("value emitted").contains(value);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyAcceptedValue_survivesKubectlKustomize() {
    return VALUES.stream()
        .map(
            value ->
                DynamicTest.dynamicTest(
                    value,
                    () -> {
                      Path kubectl = HostTools.require("kubectl");
                      BuildSpec spec = Specs.twoPlatforms();
                      for (var field : FIELDS.values()) {
                        try {
                          spec = field.apply(spec, value);
                        } catch (InvalidValueException refused) {
                          // this field does not take the value
                        }
                      }
                      GeneratedPipeline generated = MultiArchTekton.from(spec).generate();
                      Path dir = tmp.resolve("out-" + VALUES.indexOf(value));
                      generated.writeTo(dir);

                      Process process =
                          new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                              .start();
                      String out =
                          new String(
                              process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                      String err =
                          new String(
                              process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                      assertThat(process.exitValue()).as("kubectl kustomize: %s", err).isZero();

                      List<Object> documents = new ArrayList<>();
                      new Yaml().loadAll(out).forEach(documents::add);
                      Map<String, Object> expected = expectedByKindAndName(generated);
                      expected
                          .keySet()
                          .removeIf(
                              key -> key.startsWith("PipelineRun/")); // not in the kustomization
                      assertReadsBack(value, expected, documents, "kubectl kustomize");
                    }));
  }

  private static void assertReadsBack(
      String value, Map<String, Object> expected, List<Object> documents, String source) {
    Map<String, Object> actual = new LinkedHashMap<>();
    for (Object document : documents) {
      // The kustomization and the volume claim template tkn takes are not resources with a name.
      if (document instanceof Map<?, ?> map && map.get("metadata") instanceof Map<?, ?>) {
        actual.put(key(map), document);
      }
    }
    for (var entry : expected.entrySet()) {
      assertThat(actual.get(entry.getKey()))
          .as("%s read back from %s with value '%s'", entry.getKey(), source, value)
          .isEqualTo(entry.getValue());
    }
  }

  private static Map<String, Object> expectedByKindAndName(GeneratedPipeline generated)
      throws JsonProcessingException {
    List<HasMetadata> all = new ArrayList<>(generated.resources());
    all.add(generated.pipelineRun());
    Map<String, Object> expected = new LinkedHashMap<>();
    for (HasMetadata resource : all) {
      Map<?, ?> tree = JSON.readValue(JSON.writeValueAsString(resource), Map.class);
      expected.put(key(tree), tree);
    }
    return expected;
  }

  private static String key(Map<?, ?> document) {
    Map<?, ?> metadata = (Map<?, ?>) document.get("metadata");
    Object name =
        metadata.get("name") != null ? metadata.get("name") : metadata.get("generateName");
    return document.get("kind") + "/" + name;
  }
}
