package dev.multiarch.tekton.validate.internal.structure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.validate.internal.structure.StructureCheck.Problem;
import org.junit.jupiter.api.Test;

class StructureCheckUnknownFieldTest {

  @Test
  void check_unknownField_suggestsClosest() {
    JsonNode pipeline =
        Yaml.pipeline(
            """
        tasks:
          - name: a
            taskRef:
              name: x
          - name: b
            taskRefs:
              name: x
        """);

    assertThat(StructureCheck.document(pipeline, "Pipeline"))
        .containsExactly(
            new Problem(
                "spec.tasks[1].taskRefs", "unknown field 'taskRefs'; did you mean 'taskRef'?"));
  }

  @Test
  void check_unknownFieldFarFromAll_listsKnownFieldsSorted() {
    JsonNode pipeline =
        Yaml.pipeline(
            """
        tasks:
          - name: a
            taskRef:
              name: x
            when:
              - input: a
                operator: in
                values: [a]
                foo: bar
        """);

    assertThat(StructureCheck.document(pipeline, "Pipeline"))
        .containsExactly(
            new Problem(
                "spec.tasks[0].when[0].foo",
                "unknown field 'foo'; known: cel, input, operator, values"));
  }

  @Test
  void check_additionalPropertiesField_isUnknownAndNotListed() {
    JsonNode pipeline = Yaml.pipeline("additionalProperties: {}\ntasks: []\n");

    assertThat(StructureCheck.document(pipeline, "Pipeline"))
        .containsExactly(
            new Problem(
                "spec.additionalProperties",
                "unknown field 'additionalProperties'; known: description, displayName,"
                    + " finally, params, results, tasks, workspaces"));
  }

  @Test
  void check_unknownTopLevelField_reportsItAndTheMissingSpec() {
    JsonNode task =
        Yaml.parse("apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: t\nspecs: {}\n");

    assertThat(StructureCheck.document(task, "Task"))
        .containsExactly(
            new Problem("specs", "unknown field 'specs'; did you mean 'spec'?"),
            new Problem("spec", "required field 'spec' is missing"));
  }

  @Test
  void check_unknownMetadataField_suggestsClosest() {
    JsonNode task =
        Yaml.parse(
            """
        apiVersion: tekton.dev/v1
        kind: Task
        metadata:
          name: t
          namespce: ci
          annotations:
            a: b
        spec:
          steps: []
        """);

    assertThat(StructureCheck.document(task, "Task"))
        .containsExactly(
            new Problem(
                "metadata.namespce", "unknown field 'namespce'; did you mean 'namespace'?"));
  }

  @Test
  void check_unknownFieldInInlineTaskSpecStep_reportsFullPath() {
    JsonNode pipeline =
        Yaml.pipeline(
            """
        tasks:
          - name: a
            taskSpec:
              steps:
                - name: s
                  image: busybox
                  scritp: echo hi
        """);

    assertThat(StructureCheck.document(pipeline, "Pipeline"))
        .containsExactly(
            new Problem(
                "spec.tasks[0].taskSpec.steps[0].scritp",
                "unknown field 'scritp'; did you mean 'script'?"));
  }

  @Test
  void check_customTaskInInlineTaskSpec_acceptsApiVersionKindMetadataAndSpec() {
    JsonNode pipeline =
        Yaml.pipeline(
            """
        tasks:
          - name: wait
            taskSpec:
              apiVersion: example.dev/v1alpha1
              kind: Wait
              metadata:
                labels:
                  a: b
              spec:
                anything: [1, {nested: true}]
        """);

    assertThat(StructureCheck.document(pipeline, "Pipeline")).isEmpty();
  }

  @Test
  void check_nameInInlineTaskSpecMetadata_listsLabelsAndAnnotations() {
    JsonNode pipeline =
        Yaml.pipeline(
            """
        tasks:
          - name: a
            taskSpec:
              metadata:
                name: x
              steps:
                - image: busybox
        """);

    assertThat(StructureCheck.document(pipeline, "Pipeline"))
        .containsExactly(
            new Problem(
                "spec.tasks[0].taskSpec.metadata.name",
                "unknown field 'name'; known: annotations, labels"));
  }

  @Test
  void check_unknownFieldInPipelineRunInlinePipelineSpec_reportsFullPath() {
    JsonNode run =
        Yaml.pipelineRun(
            """
        pipelineSpec:
          tasks:
            - name: a
              taskRef:
                name: x
              runAfterr: [b]
        """);

    assertThat(StructureCheck.document(run, "PipelineRun"))
        .containsExactly(
            new Problem(
                "spec.pipelineSpec.tasks[0].runAfterr",
                "unknown field 'runAfterr'; did you mean 'runAfter'?"));
  }

  @Test
  void check_unknownFieldsInTaskRunTaskSpec_reportsEach() {
    JsonNode run =
        Yaml.taskRun(
            """
        podTemplate:
          nodeSelectr:
            kubernetes.io/arch: arm64
        taskSpec:
          stepTemplate:
            envv: []
          steps:
            - image: busybox
              securityContext:
                privilegd: true
              env:
                - name: A
                  vaule: b
          sidecars:
            - name: registry
              image: registry
              readinesProbe: {}
          volumes:
            - name: cache
              emptydir: {}
        """);

    assertThat(StructureCheck.document(run, "TaskRun"))
        .containsExactly(
            new Problem(
                "spec.podTemplate.nodeSelectr",
                "unknown field 'nodeSelectr'; did you mean 'nodeSelector'?"),
            new Problem(
                "spec.taskSpec.stepTemplate.envv", "unknown field 'envv'; did you mean 'env'?"),
            new Problem(
                "spec.taskSpec.steps[0].securityContext.privilegd",
                "unknown field 'privilegd'; did you mean 'privileged'?"),
            new Problem(
                "spec.taskSpec.steps[0].env[0].vaule",
                "unknown field 'vaule'; did you mean 'value'?"),
            new Problem(
                "spec.taskSpec.sidecars[0].readinesProbe",
                "unknown field 'readinesProbe'; did you mean 'readinessProbe'?"),
            new Problem(
                "spec.taskSpec.volumes[0].emptydir",
                "unknown field 'emptydir'; did you mean 'emptyDir'?"));
  }

  @Test
  void check_resolverRefs_acceptsResolverAndParamsThatFabric8Lacks() {
    JsonNode pipeline =
        Yaml.pipeline(
            """
        tasks:
          - name: a
            taskRef:
              resolver: git
              params:
                - name: url
                  value: https://example.com/tasks.git
            taskSpec:
              steps:
                - ref:
                    resolver: cluster
                    params:
                      - name: name
                        value: build
        """);

    assertThat(StructureCheck.document(pipeline, "Pipeline")).isEmpty();
  }

  @Test
  void check_unknownFieldInTaskRefParam_reportsFullPath() {
    JsonNode run =
        Yaml.pipelineRun(
            """
        pipelineRef:
          resolver: hub
          params:
            - name: name
              vallue: p
        """);

    assertThat(StructureCheck.document(run, "PipelineRun"))
        .containsExactly(
            new Problem(
                "spec.pipelineRef.params[0].vallue",
                "unknown field 'vallue'; did you mean 'value'?"),
            new Problem("spec.pipelineRef.params[0].value", "required field 'value' is missing"));
  }
}
