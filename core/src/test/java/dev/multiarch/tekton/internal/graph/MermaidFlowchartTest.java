package dev.multiarch.tekton.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flowchart's text for what the examples do not have (their graphs are golden files under
 * examples/).
 */
class MermaidFlowchartTest {

  @Test
  void render_taskNamedLikeAKeywordOrQuoted_staysValid() {
    Pipeline pipeline =
        new PipelineBuilder()
            .withNewMetadata()
            .withName("p")
            .endMetadata()
            .withNewSpec()
            .addNewTask()
            .withName("end")
            .withNewTaskRef()
            .withName("say \"hi\"")
            .endTaskRef()
            .endTask()
            .endSpec()
            .build();

    String graph = MermaidFlowchart.render(pipeline);

    assertThat(graph).isEqualTo("flowchart LR\n  t_end[\"end<br/>Task say #quot;hi#quot;\"]\n");
  }

  @Test
  void render_matrixOfLiteralValues_fansOutToEachValue() {
    Pipeline pipeline =
        new PipelineBuilder()
            .withNewMetadata()
            .withName("p")
            .endMetadata()
            .withNewSpec()
            .addNewTask()
            .withName("a")
            .withNewTaskRef()
            .withName("t")
            .endTaskRef()
            .endTask()
            .addNewTask()
            .withName("b")
            .withNewTaskRef()
            .withName("t")
            .endTaskRef()
            .withRunAfter("a")
            .withNewMatrix()
            .addNewParam()
            .withName("X")
            .withValue(new ParamValue(List.of("1", "2")))
            .endParam()
            .endMatrix()
            .endTask()
            .endSpec()
            .build();

    String graph = MermaidFlowchart.render(pipeline);

    assertThat(graph)
        .isEqualTo(
            """
        flowchart LR
          t_a["a<br/>Task t"]
          subgraph t_b["b<br/>Task t<br/>matrix over X"]
            t_b_0["1"]
            t_b_1["2"]
          end
          t_a --> t_b_0
          t_a --> t_b_1
        """);
  }

  @Test
  void render_matrixOverWholeParamAndResultParam_fansOutToDefaultAndDrawsResultEdge() {
    Pipeline pipeline =
        new PipelineBuilder()
            .withNewMetadata()
            .withName("p")
            .endMetadata()
            .withNewSpec()
            .addNewParam()
            .withName("PLATFORMS")
            .withType("array")
            .withDefault(new ParamValue(List.of("linux/amd64", "linux/arm64")))
            .endParam()
            .addNewTask()
            .withName("resolve")
            .withNewTaskRef()
            .withName("r")
            .endTaskRef()
            .endTask()
            .addNewTask()
            .withName("build")
            .withNewTaskRef()
            .withName("b")
            .endTaskRef()
            .addNewParam()
            .withName("COMMIT")
            .withValue(new ParamValue("$(tasks.resolve.results.COMMIT)"))
            .endParam()
            .withNewMatrix()
            .addNewParam()
            .withName("PLATFORM")
            .withValue(new ParamValue("$(params.PLATFORMS[*])"))
            .endParam()
            .endMatrix()
            .endTask()
            .endSpec()
            .build();

    String graph = MermaidFlowchart.render(pipeline);

    assertThat(graph)
        .isEqualTo(
            """
        flowchart LR
          t_resolve["resolve<br/>Task r"]
          subgraph t_build["build<br/>Task b<br/>matrix over PLATFORM"]
            t_build_0["linux/amd64"]
            t_build_1["linux/arm64"]
          end
          t_resolve --> t_build_0
          t_resolve --> t_build_1
        """);
  }
}
