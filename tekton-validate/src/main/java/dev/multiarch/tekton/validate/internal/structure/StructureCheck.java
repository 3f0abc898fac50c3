package dev.multiarch.tekton.validate.internal.structure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Structural check of a Tekton v1 document against fabric8's tekton-model classes: unknown fields,
 * JSON types and required fields, at every level. What the fields mean (references, names,
 * expressions) is left to the rules.
 */
public final class StructureCheck {

  /** The only apiVersion this project writes and reads. */
  static final String API_VERSION = "tekton.dev/v1";

  private static final Map<String, Class<?>> KINDS =
      Map.of(
          "Pipeline",
          Pipeline.class,
          "Task",
          Task.class,
          "PipelineRun",
          PipelineRun.class,
          "TaskRun",
          TaskRun.class,
          "StepAction",
          io.fabric8.tekton.v1beta1.StepAction.class);

  /** StepAction is served as v1alpha1 and v1beta1 (the same fields); the rest as v1. */
  private static final Map<String, List<String>> API_VERSIONS =
      Map.of("StepAction", List.of("tekton.dev/v1beta1", "tekton.dev/v1alpha1"));

  /**
   * One structural problem: the path in Tekton's notation (spec.tasks[1].taskRef.name) and a
   * message.
   */
  public record Problem(String path, String message) {}

  private StructureCheck() {}

  /**
   * Checks a whole document (apiVersion/kind/metadata/spec) of kind Pipeline, Task, PipelineRun or
   * TaskRun. {@code status} is not checked. A field set to null counts as absent, as it does for
   * Tekton.
   *
   * @return the problems in document order, each with the path of the field concerned; empty when
   *     it is sound
   * @throws IllegalArgumentException if {@code kind} is not one of the four
   */
  public static List<Problem> document(JsonNode root, String kind) {
    Class<?> model = KINDS.get(kind);
    if (model == null) {
      throw new IllegalArgumentException(
          "kind must be one of Pipeline, Task, PipelineRun, TaskRun, StepAction, got '"
              + kind
              + "'");
    }
    if (root == null || !root.isObject()) {
      return List.of(new Problem("", "expected an object, got " + JsonTypes.describe(root)));
    }
    List<Problem> problems = new ArrayList<>();
    JsonNode apiVersion = root.path("apiVersion");
    List<String> versions = API_VERSIONS.getOrDefault(kind, List.of(API_VERSION));
    if (apiVersion.isTextual() && !versions.contains(apiVersion.asText())) {
      problems.add(
          new Problem(
              "apiVersion",
              "apiVersion must be "
                  + String.join(" or ", versions)
                  + ", got '"
                  + apiVersion.asText()
                  + "'"));
    }
    JsonNode actualKind = root.path("kind");
    if (actualKind.isTextual() && !kind.equals(actualKind.asText())) {
      problems.add(
          new Problem("kind", "kind must be " + kind + ", got '" + actualKind.asText() + "'"));
    }
    problems.addAll(Walker.check(withoutStatus(root), ModelFields.type(model)));
    return List.copyOf(problems);
  }

  /**
   * Checks a document of another kind against the fabric8 model class that reads it (an apps/v1
   * DaemonSet, a ServiceAccount): unknown fields, JSON types and the required fields this project
   * knows. {@code status} is not checked; nor are apiVersion and kind, which the caller chose the
   * class by.
   */
  public static List<Problem> model(JsonNode root, Class<?> model) {
    if (root == null || !root.isObject()) {
      return List.of(new Problem("", "expected an object, got " + JsonTypes.describe(root)));
    }
    return Walker.check(withoutStatus(root), ModelFields.type(model));
  }

  // Status is written by controllers, not by people; a shallow copy keeps the caller's tree
  // untouched.
  private static ObjectNode withoutStatus(JsonNode root) {
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    root.fields()
        .forEachRemaining(
            field -> {
              if (!field.getKey().equals("status")) {
                copy.set(field.getKey(), field.getValue());
              }
            });
    return copy;
  }
}
