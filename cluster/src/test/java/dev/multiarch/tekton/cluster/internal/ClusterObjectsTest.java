package dev.multiarch.tekton.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.tekton.v1.TaskRun;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClusterObjectsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A TaskRun's JSON and what of it is read: its name, conditions, steps and labels, or nothing.
   */
  static Stream<Arguments> taskRuns() {
    String good =
        "{'metadata':{'name':'a','labels':{'l':'v'}},'status':{'conditions':[{'type':'Succeeded'}],"
            + "'steps':[{'name':'s','container':'step-s'}]}}";
    return Stream.of(
        Arguments.of("well formed", good, "a [Succeeded] [s] {l=v}"),
        Arguments.of(
            "conditions a string",
            good.replace("[{'type':'Succeeded'}]", "'Succeeded'"),
            "a [] [s] {l=v}"),
        Arguments.of(
            "a condition a number",
            good.replace("[{'type':'Succeeded'}]", "[7]"),
            "a [] [s] {l=v}"),
        Arguments.of(
            "null among the steps",
            good.replace("[{'name':'s'", "[null,{'name':'s'"),
            "a [Succeeded] [s] {l=v}"),
        Arguments.of("labels a string", good.replace("{'l':'v'}", "'v'"), "a [Succeeded] [s] {}"),
        Arguments.of(
            "metadata a list",
            good.replace("{'name':'a','labels':{'l':'v'}}", "[1]"),
            "null [Succeeded] [s] {}"),
        Arguments.of("status a number", "{'metadata':{'name':'a'},'status':3}", "a null"),
        Arguments.of("not an object", "'junk'", "nothing"),
        Arguments.of("a list", "[1,2]", "nothing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("taskRuns")
  void read_dropsWhatTheModelCannotHold_andKeepsTheRest(String what, String json, String read)
      throws JsonProcessingException {
    Optional<TaskRun> run =
        ClusterObjects.read(JSON.readTree(json.replace('\'', '"')), TaskRun.class);

    assertThat(run.map(ClusterObjectsTest::summary).orElse("nothing")).isEqualTo(read);
  }

  private static String summary(TaskRun run) {
    if (run.getStatus() == null) {
      return run.getMetadata().getName() + " null";
    }
    return run.getMetadata().getName()
        + " "
        + (run.getStatus().getConditions() == null
            ? "null"
            : run.getStatus().getConditions().stream().map(c -> c.getType()).toList())
        + " "
        + (run.getStatus().getSteps() == null
            ? "null"
            : run.getStatus().getSteps().stream().map(s -> s.getName()).toList())
        + " "
        + run.getMetadata().getLabels();
  }
}
