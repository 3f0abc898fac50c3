package dev.multiarch.tekton.validate.internal.structure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.validate.internal.structure.StructureCheck.Problem;
import org.junit.jupiter.api.Test;

class StructureCheckTypeTest {

  @Test
  void check_stringWhereArrayExpected_reportsArray() {
    JsonNode pipeline =
        Yaml.pipeline(
            """
        tasks:
          - name: a
            taskRef:
              name: x
          - name: b
            taskRef:
              name: x
            runAfter: a
        """);

    assertThat(StructureCheck.document(pipeline, "Pipeline"))
        .containsExactly(new Problem("spec.tasks[1].runAfter", "expected an array, got a string"));
  }

  @Test
  void check_wrongScalarTypes_reportsExpectedType() {
    JsonNode run =
        Yaml.taskRun(
            """
        taskRef:
          name: x
        retries: "2"
        serviceAccountName: 42
        podTemplate:
          hostNetwork: "true"
        """);

    assertThat(StructureCheck.document(run, "TaskRun"))
        .containsExactly(
            new Problem("spec.retries", "expected an integer, got a string"),
            new Problem("spec.serviceAccountName", "expected a string, got an integer"),
            new Problem("spec.podTemplate.hostNetwork", "expected a boolean, got a string"));
  }

  @Test
  void check_objectWhereStringExpected_reportsString() {
    JsonNode task = Yaml.task("steps:\n  - image:\n      name: busybox\n");

    assertThat(StructureCheck.document(task, "Task"))
        .containsExactly(new Problem("spec.steps[0].image", "expected a string, got an object"));
  }

  @Test
  void check_stringMaps_requireObjectsOfStrings() {
    JsonNode pipeline =
        Yaml.parse(
            """
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata:
          name: p
          labels:
            app.kubernetes.io/version: 2
            tier: web
          annotations: [a, b]
        spec:
          tasks: []
        """);

    assertThat(StructureCheck.document(pipeline, "Pipeline"))
        .containsExactly(
            new Problem(
                "metadata.labels.app.kubernetes.io/version", "expected a string, got an integer"),
            new Problem("metadata.annotations", "expected an object, got an array"));
  }

  @Test
  void check_nodeSelectorWithBooleanValue_reportsString() {
    JsonNode run =
        Yaml.taskRun("taskRef:\n  name: x\npodTemplate:\n  nodeSelector:\n    gpu: true\n");

    assertThat(StructureCheck.document(run, "TaskRun"))
        .containsExactly(
            new Problem("spec.podTemplate.nodeSelector.gpu", "expected a string, got a boolean"));
  }

  @Test
  void check_paramValueForms_acceptsStringArrayAndObjectOfStrings() {
    JsonNode run =
        Yaml.pipelineRun(
            """
        pipelineRef:
          name: p
        params:
          - name: s
            value: one
          - name: a
            value: [one, two]
          - name: o
            value:
              url: https://example.com
              commit: abc
        """);

    assertThat(StructureCheck.document(run, "PipelineRun")).isEmpty();
  }

  @Test
  void check_paramValueOfOtherShapes_reportsEachBadPart() {
    JsonNode run =
        Yaml.pipelineRun(
            """
        pipelineRef:
          name: p
        params:
          - name: n
            value: 3
          - name: a
            value: [one, 2]
          - name: o
            value:
              nested:
                deeper: x
        """);

    // A whole value of 3 is the string "3" for Tekton (ParamValue.UnmarshalJSON); inside an array
    // it is not.
    assertThat(StructureCheck.document(run, "PipelineRun"))
        .containsExactly(
            new Problem("spec.params[1].value[1]", "expected a string, got an integer"),
            new Problem("spec.params[2].value.nested", "expected a string, got an object"));
  }

  @Test
  void check_paramSpecDefault_isAParamValue() {
    JsonNode task =
        Yaml.task(
            "params:\n  - name: p\n    default: true\n  - name: q\n    default: [a, {b: c}]\n"
                + "steps: []\n");

    // A YAML boolean as the whole default is read as the string "true", as Tekton reads it.
    assertThat(StructureCheck.document(task, "Task"))
        .containsExactly(
            new Problem("spec.params[1].default[1]", "expected a string, got an object"));
  }

  @Test
  void check_durations_mustBeStrings() {
    JsonNode run =
        Yaml.pipelineRun(
            """
        pipelineRef:
          name: p
        timeouts:
          pipeline: 1h30m
          tasks: 90
          finally: 10m
        """);

    assertThat(StructureCheck.document(run, "PipelineRun"))
        .containsExactly(new Problem("spec.timeouts.tasks", "expected a string, got an integer"));
  }

  @Test
  void check_quantities_acceptStringsAndNumbers() {
    JsonNode task =
        Yaml.task(
            """
        steps:
          - image: busybox
            computeResources:
              requests:
                cpu: 2
                memory: 512Mi
              limits:
                cpu: 2.5
                memory: true
        """);

    assertThat(StructureCheck.document(task, "Task"))
        .containsExactly(
            new Problem(
                "spec.steps[0].computeResources.limits.memory",
                "expected a string or a number, got a boolean"));
  }

  @Test
  void check_intOrStrings_acceptStringsAndIntegers() {
    JsonNode task =
        Yaml.task(
            """
        steps:
          - image: busybox
        sidecars:
          - image: registry
            readinessProbe:
              httpGet:
                port: 5000
            livenessProbe:
              httpGet:
                port: http
            startupProbe:
              tcpSocket:
                port: 1.5
        """);

    assertThat(StructureCheck.document(task, "Task"))
        .containsExactly(
            new Problem(
                "spec.sidecars[0].startupProbe.tcpSocket.port",
                "expected a string or an integer, got a number"));
  }

  @Test
  void check_apiVersionAndKindOfWrongType_reportsString() {
    JsonNode task =
        Yaml.parse("apiVersion: 1\nkind: [Task]\nmetadata:\n  name: t\nspec:\n  steps: []\n");

    assertThat(StructureCheck.document(task, "Task"))
        .containsExactly(
            new Problem("apiVersion", "expected a string, got an integer"),
            new Problem("kind", "expected a string, got an array"));
  }

  @Test
  void check_nullListElement_reportsIt() {
    JsonNode task = Yaml.task("steps:\n  - image: busybox\n    args: [a, null]\n");

    assertThat(StructureCheck.document(task, "Task"))
        .containsExactly(new Problem("spec.steps[0].args[1]", "expected a string, got null"));
  }

  @Test
  void check_scalarWhereObjectExpected_reportsObject() {
    JsonNode run = Yaml.pipelineRun("pipelineRef: my-pipeline\n");

    assertThat(StructureCheck.document(run, "PipelineRun"))
        .containsExactly(new Problem("spec.pipelineRef", "expected an object, got a string"));
  }

  @Test
  void check_freeFormModelTypes_acceptAnything() {
    JsonNode task =
        Yaml.parse(
            """
        apiVersion: tekton.dev/v1
        kind: Task
        metadata:
          name: t
          creationTimestamp: null
          managedFields:
            - manager: kubectl
              fieldsV1:
                f:spec:
                  f:steps: {}
        spec:
          steps: []
        """);

    assertThat(StructureCheck.document(task, "Task")).isEmpty();
  }
}
