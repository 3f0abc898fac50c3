package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.model.JsonNodes;
import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.FieldErrors;
import dev.multiarch.tekton.validate.RuleSet;
import dev.multiarch.tekton.validate.YamlDocs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a set of documents: each Tekton document against the rule classes of its kind (one per
 * Tekton {@code *_validation.go}), the references the set can resolve against what they resolve to,
 * and this project's rule sets added on top. Documents of other API groups are not Tekton's and are
 * passed over; Tekton kinds and versions this validator does not model are skipped, with a note
 * saying so.
 */
public final class TektonRules {

  private static final Set<String> V1_KINDS = Set.of("Pipeline", "Task", "PipelineRun", "TaskRun");

  /**
   * Tekton's API versions: under one of them, a kind the validator does not model is skipped, not
   * an error.
   */
  private static final Set<String> OTHER_VERSIONS =
      Set.of("tekton.dev/v1alpha1", "tekton.dev/v1beta1");

  private static final Set<String> STEP_ACTION_VERSIONS =
      Set.of("tekton.dev/v1alpha1", "tekton.dev/v1beta1");

  /**
   * One problem: the document, the path in it, the message, and whether it is this project's rule.
   */
  public record Finding(YamlDocs.Doc doc, String path, String message, boolean project) {}

  /** A Tekton document that was not checked, and why. */
  public record Skipped(YamlDocs.Doc doc, String why) {}

  /**
   * What a check of a set found: the findings in document order, the skipped documents, how many
   * were checked.
   */
  public record Result(List<Finding> findings, List<Skipped> skipped, int documents) {}

  private TektonRules() {}

  /**
   * Whether the document belongs to Tekton: a tekton.dev apiVersion, or a v1 kind with a wrong one.
   */
  public static boolean isTekton(YamlDocs.Doc doc) {
    return doc.root().path("apiVersion").asText("").startsWith("tekton.dev/")
        || V1_KINDS.contains(doc.kind());
  }

  /**
   * Checks every Tekton document of the set.
   *
   * @param flags the cluster's feature flags
   * @param ruleSets the rules added on top of Tekton's, in order
   * @param hints whether references Tekton accepts but that look like mistakes are reported (a name
   *     one typo away from one the set defines, a name it defines twice, a param the Task does not
   *     declare)
   */
  public static Result check(
      List<YamlDocs.Doc> docs, FeatureFlags flags, List<RuleSet> ruleSets, boolean hints) {
    ResolvedReferences.Catalog catalog =
        new ResolvedReferences.Catalog(
            docs.stream()
                .filter(
                    d ->
                        modelled(d)
                            && !"PipelineRun".equals(d.kind())
                            && !"TaskRun".equals(d.kind()))
                .toList());
    List<Finding> findings = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    int documents = 0;
    for (YamlDocs.Doc doc : docs) {
      if (!isTekton(doc)) {
        continue;
      }
      String apiVersion = doc.root().path("apiVersion").asText("");
      if (!modelled(doc) && OTHER_VERSIONS.contains(apiVersion)) {
        skipped.add(
            new Skipped(
                doc,
                apiVersion
                    + " "
                    + doc.kind()
                    + " is not checked (validate models tekton.dev/v1 "
                    + "Pipeline, Task, PipelineRun, TaskRun and StepAction)"));
        continue;
      }
      documents++;
      FieldErrors errs = FieldErrors.NONE;
      for (String path : doc.duplicateKeys()) {
        errs = errs.also(FieldErrors.of(path, "duplicate key: the field is given twice"));
      }
      if (!V1_KINDS.contains(doc.kind()) && !"StepAction".equals(doc.kind())) {
        errs =
            errs.also(
                FieldErrors.of(
                    "kind",
                    "'"
                        + doc.kind()
                        + "' is not a kind of tekton.dev/v1; expected one of "
                        + "Pipeline, Task, PipelineRun, TaskRun"));
      } else {
        errs = errs.also(document(doc, flags, catalog, new Added(ruleSets, hints)));
      }
      for (FieldErrors.Err err : errs.list()) {
        findings.add(new Finding(doc, err.path(), err.message(), err.project()));
      }
    }
    return new Result(findings, skipped, documents);
  }

  private static boolean modelled(YamlDocs.Doc doc) {
    String apiVersion = doc.root().path("apiVersion").asText("");
    return (V1_KINDS.contains(doc.kind()) && !OTHER_VERSIONS.contains(apiVersion))
        || ("StepAction".equals(doc.kind()) && STEP_ACTION_VERSIONS.contains(apiVersion));
  }

  private static FieldErrors document(
      YamlDocs.Doc doc, FeatureFlags flags, ResolvedReferences.Catalog catalog, Added added) {
    JsonNode root = doc.root();
    JsonNode spec = root.path("spec");
    FieldErrors errs = Structure.check(doc);
    errs = errs.also(MetadataValidation.objectMetadata(root.get("metadata")).viaField("metadata"));
    if (!spec.isObject()) {
      return errs;
    }
    switch (doc.kind()) {
      case "Task" -> {
        errs = errs.also(TaskValidation.spec(spec, flags).viaField("spec"));
        errs = errs.also(TaskValidation.declaredUsage(spec, java.util.Map.of()).viaField("spec"));
        errs = errs.also(added.of(r -> r.taskSpec(spec, root.get("metadata"))).viaField("spec"));
        errs =
            errs.also(
                added.of(r -> r.taskMetadata(spec, root.get("metadata"))).viaField("metadata"));
        errs = errs.also(added.hints(ResolvedReferences.steps(spec, catalog)).viaField("spec"));
      }
      case "TaskRun" -> {
        errs = errs.also(TaskRunValidation.spec(spec, flags).viaField("spec"));
        errs = errs.also(PodTemplateValidation.taskRun(spec).viaField("spec"));
        if (spec.path("taskSpec").isObject()) {
          errs = errs.also(inlineTask(spec.get("taskSpec"), added).viaField("spec.taskSpec"));
          errs =
              errs.also(
                  added
                      .hints(ResolvedReferences.steps(spec.get("taskSpec"), catalog))
                      .viaField("spec.taskSpec"));
        }
        if (spec.has("taskRef")) {
          ResolvedReferences.Resolved task =
              ResolvedReferences.resolve(spec.get("taskRef"), "Task", catalog);
          errs = errs.also(added.hints(task.errs()).viaField("spec.taskRef"));
          if (task.spec() != null) {
            errs =
                errs.also(
                    added
                        .hints(
                            ResolvedReferences.run(
                                spec,
                                task.spec(),
                                "Task '" + spec.path("taskRef").path("name").asText() + "'"))
                        .viaField("spec"));
          }
        }
      }
      case "Pipeline" -> {
        errs = errs.also(PipelineValidation.spec(spec, flags).viaField("spec"));
        errs = errs.also(PipelineValidation.standalone(spec).viaField("spec"));
        errs = errs.also(inlineTasks(spec, added).viaField("spec"));
        errs = errs.also(added.hints(ResolvedReferences.pipeline(spec, catalog)).viaField("spec"));
        errs = errs.also(added.of(r -> r.pipelineSpec(spec)).viaField("spec"));
      }
      case "PipelineRun" -> {
        JsonNode referenced = null;
        if (spec.has("pipelineRef")) {
          ResolvedReferences.Resolved pipeline =
              ResolvedReferences.resolve(spec.get("pipelineRef"), "Pipeline", catalog);
          errs = errs.also(added.hints(pipeline.errs()).viaField("spec.pipelineRef"));
          referenced = pipeline.spec();
        }
        errs = errs.also(PipelineRunValidation.spec(spec, referenced, flags).viaField("spec"));
        errs = errs.also(PodTemplateValidation.pipelineRun(spec).viaField("spec"));
        JsonNode pipelineSpec =
            spec.path("pipelineSpec").isObject() ? spec.get("pipelineSpec") : referenced;
        errs = errs.also(added.of(r -> r.pipelineRunSpec(spec, pipelineSpec)).viaField("spec"));
        if (spec.path("pipelineSpec").isObject()) {
          errs =
              errs.also(inlineTasks(spec.get("pipelineSpec"), added).viaField("spec.pipelineSpec"));
          errs =
              errs.also(
                  added
                      .of(r -> r.pipelineSpec(spec.get("pipelineSpec")))
                      .viaField("spec.pipelineSpec"));
          errs =
              errs.also(
                  added
                      .hints(ResolvedReferences.pipeline(spec.get("pipelineSpec"), catalog))
                      .viaField("spec.pipelineSpec"));
        } else if (referenced != null) {
          errs =
              errs.also(
                  added
                      .hints(
                          ResolvedReferences.run(
                              spec,
                              referenced,
                              "Pipeline '" + spec.path("pipelineRef").path("name").asText() + "'"))
                      .viaField("spec"));
        }
      }
      case "StepAction" -> {
        errs = errs.also(StepActionValidation.spec(spec, flags).viaField("spec"));
        errs = errs.also(added.of(r -> r.stepActionSpec(spec)).viaField("spec"));
      }
      default -> {
        // not reached: the caller passes only the kinds above
      }
    }
    return errs;
  }

  /** The added rules on each inline taskSpec of a PipelineSpec; paths relative to the spec. */
  private static FieldErrors inlineTasks(JsonNode pipelineSpec, Added added) {
    FieldErrors errs = FieldErrors.NONE;
    for (String section : List.of("tasks", "finally")) {
      List<JsonNode> tasks = JsonNodes.list(pipelineSpec.get(section));
      for (int i = 0; i < tasks.size(); i++) {
        JsonNode taskSpec = tasks.get(i).get("taskSpec");
        if (taskSpec != null && taskSpec.has("steps")) {
          errs =
              errs.also(inlineTask(taskSpec, added).viaField("taskSpec").viaFieldIndex(section, i));
        }
      }
    }
    return errs;
  }

  private static FieldErrors inlineTask(JsonNode taskSpec, Added added) {
    JsonNode metadata = taskSpec.get("metadata");
    return added
        .of(r -> r.taskSpec(taskSpec, metadata))
        .also(added.of(r -> r.taskMetadata(taskSpec, metadata)).viaField("metadata"));
  }

  /**
   * What is reported beyond Tekton's rules: the rule sets added on top, and the reference hints if
   * asked for.
   */
  private record Added(List<RuleSet> ruleSets, boolean hints) {

    /** What the reference checks found, without the hints unless they were asked for. */
    FieldErrors hints(FieldErrors found) {
      return hints ? found : found.tektonOnly();
    }

    /** What the rule sets find, each finding marked as theirs. */
    FieldErrors of(Function<RuleSet, FieldErrors> rule) {
      FieldErrors errs = FieldErrors.NONE;
      for (RuleSet ruleSet : ruleSets) {
        errs = errs.also(rule.apply(ruleSet).asProject());
      }
      return errs;
    }
  }
}
