package dev.multiarch.tekton.validate.internal.structure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.validate.internal.structure.GeneratedDocuments.Doc;
import dev.multiarch.tekton.validate.internal.structure.StructureCheck.Problem;
import dev.multiarch.tekton.validate.testing.TektonSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strict tekton.dev/v1 JSON schemas as a second opinion: broken documents are rejected by both,
 * sound ones are accepted by both, each rejection near the same place.
 */
class SchemaSecondOpinionTest {

  @ParameterizedTest
  @MethodSource("broken")
  void document_brokenDocument_isRejectedByBothNearTheSamePath(JsonNode root) {
    String kind = root.path("kind").asText();

    List<Problem> problems = StructureCheck.document(root, kind);
    List<String> schemaErrors = TektonSchemas.validate(root);

    assertThat(problems).as("this check").hasSize(1);
    assertThat(schemaErrors)
        .as("strict schema")
        .isNotEmpty()
        .anySatisfy(
            error -> assertThat(error).startsWith(jsonPath(parent(problems.get(0).path()))));
  }

  @ParameterizedTest
  @MethodSource("sound")
  void document_soundDocument_isAcceptedByBoth(JsonNode root) {
    String kind = root.path("kind").asText();

    assertThat(StructureCheck.document(root, kind)).as("this check").isEmpty();
    assertThat(TektonSchemas.validate(root)).as("strict schema").isEmpty();
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        pipeline(
            "unknown pipeline task field", "tasks:\n  - name: a\n    taskRefs:\n      name: x\n"),
        pipeline(
            "unknown inline step field",
            "tasks:\n  - name: a\n    taskSpec:\n      steps:\n        - image: busybox\n          scritp: x\n"),
        doc(
            "unknown metadata field",
            "apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: t\n"
                + "  namespce: ci\nspec:\n  steps: []\n"),
        doc(
            "unknown top-level field",
            "apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: t\n"
                + "spec:\n  steps: []\nextra: 1\n"),
        doc(
            "unknown podTemplate field",
            "apiVersion: tekton.dev/v1\nkind: TaskRun\nmetadata:\n  name: r\n"
                + "spec:\n  taskRef:\n    name: x\n  podTemplate:\n    nodeSelectr: {}\n"),
        task("unknown stepTemplate field", "stepTemplate:\n  envv: []\nsteps: []\n"),
        task(
            "unknown sidecar field", "steps: []\nsidecars:\n  - image: r\n    readinesProbe: {}\n"),
        task(
            "unknown env field",
            "steps:\n  - image: busybox\n    env:\n      - name: A\n        vaule: b\n"),
        task(
            "unknown securityContext field",
            "steps:\n  - image: busybox\n    securityContext:\n      privilegd: true\n"),
        run(
            "unknown inline pipelineSpec field",
            "pipelineSpec:\n  tasks:\n    - name: a\n      taskRef:\n        name: x\n      runAfterr: []\n"),
        pipeline("catch-all field name", "additionalProperties: {}\ntasks: []\n"),
        pipeline(
            "runAfter as a string",
            "tasks:\n  - name: a\n    taskRef:\n      name: x\n    runAfter: b\n"),
        pipeline(
            "retries as a string",
            "tasks:\n  - name: a\n    taskRef:\n      name: x\n    retries: '2'\n"),
        doc(
            "label value as an integer",
            "apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: t\n"
                + "  labels:\n    tier: 2\nspec:\n  steps: []\n"),
        run(
            "param value array with an integer",
            "pipelineRef:\n  name: p\nparams:\n  - name: n\n    value: [a, 2]\n"),
        run("timeout as an integer", "pipelineRef:\n  name: p\ntimeouts:\n  pipeline: 90\n"),
        task(
            "quantity as a boolean",
            "steps:\n  - image: busybox\n    computeResources:\n      limits:\n        cpu: true\n"),
        task(
            "int-or-string as a float",
            "steps: []\nsidecars:\n  - image: r\n    readinessProbe:\n      tcpSocket:\n        port: 1.5\n"),
        run(
            "hostNetwork as a string",
            "pipelineRef:\n  name: p\ntaskRunTemplate:\n  podTemplate:\n"
                + "    hostNetwork: 'yes'\n"),
        task("null list element", "steps:\n  - image: busybox\n    args: [a, null]\n"),
        doc("spec missing", "apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata:\n  name: p\n"),
        doc("metadata missing", "apiVersion: tekton.dev/v1\nkind: Pipeline\nspec:\n  tasks: []\n"),
        doc(
            "v1beta1",
            "apiVersion: tekton.dev/v1beta1\nkind: Pipeline\nmetadata:\n  name: p\nspec:\n  tasks: []\n"),
        pipeline(
            "param without value",
            "tasks:\n  - name: a\n    taskRef:\n      name: x\n    params:\n      - name: p\n"),
        task("param spec without name", "params:\n  - type: string\nsteps: []\n"),
        pipeline("pipeline result without value", "tasks: []\nresults:\n  - name: digest\n"),
        task("env without name", "steps:\n  - image: busybox\n    env:\n      - value: b\n"),
        task(
            "volumeMount without mountPath",
            "steps:\n  - image: busybox\n    volumeMounts:\n      - name: v\n"),
        task(
            "step workspace without name",
            "steps:\n  - image: busybox\n    workspaces:\n      - mountPath: /w\n"),
        run(
            "workspace binding without name",
            "pipelineRef:\n  name: p\nworkspaces:\n  - emptyDir: {}\n"),
        pipeline(
            "pipeline workspace without name", "tasks: []\nworkspaces:\n  - optional: true\n"));
  }

  static Stream<Arguments> sound() {
    List<Arguments> sound = new ArrayList<>();
    for (Doc doc : GeneratedDocuments.all()) {
      sound.add(Arguments.of(Named.of(doc.label(), doc.root())));
    }
    for (String file :
        List.of("pipeline.yaml", "task-build.yaml", "task-manifest.yaml", "pipelinerun.yaml")) {
      for (JsonNode root : Yaml.parseAll(resource("/testing/" + file))) {
        sound.add(Arguments.of(Named.of("testing/" + file, root)));
      }
    }
    sound.add(
        pipeline(
            "resolver refs",
            "tasks:\n  - name: a\n    taskRef:\n      resolver: git\n      params:\n"
                + "        - name: url\n          value: https://example.com/t.git\n"));
    sound.add(
        pipeline(
            "custom task",
            "tasks:\n  - name: wait\n    taskSpec:\n      apiVersion: example.dev/v1\n"
                + "      kind: Wait\n      spec:\n        duration: 1m\n"));
    sound.add(
        run(
            "param value forms",
            "pipelineRef:\n  name: p\nparams:\n  - name: s\n    value: one\n"
                + "  - name: a\n    value: [one, two]\n  - name: o\n    value:\n      url: https://example.com\n"));
    sound.add(
        task(
            "quantities and ports",
            "steps:\n  - image: busybox\n    computeResources:\n      requests:\n"
                + "        cpu: 2\n        memory: 512Mi\nsidecars:\n  - image: r\n    readinessProbe:\n      httpGet:\n"
                + "        port: 5000\n"));
    sound.add(
        pipeline(
            "cel when expression",
            "tasks:\n  - name: a\n    taskRef:\n      name: x\n    when:\n"
                + "      - cel: \"'a' == 'a'\"\n"));
    return sound.stream();
  }

  private static Arguments pipeline(String label, String spec) {
    return Arguments.of(Named.of(label, Yaml.pipeline(spec)));
  }

  private static Arguments task(String label, String spec) {
    return Arguments.of(Named.of(label, Yaml.task(spec)));
  }

  private static Arguments run(String label, String spec) {
    return Arguments.of(Named.of(label, Yaml.pipelineRun(spec)));
  }

  private static Arguments doc(String label, String yaml) {
    return Arguments.of(Named.of(label, Yaml.parse(yaml)));
  }

  // The schema reports an unknown or missing field at its parent object, a wrong type at the field
  // itself.
  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  private static String jsonPath(String path) {
    return path.isEmpty() ? "$" : "$." + path;
  }

  private static String resource(String name) {
    try (InputStream in = SchemaSecondOpinionTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
