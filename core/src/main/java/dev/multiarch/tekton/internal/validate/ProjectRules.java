package dev.multiarch.tekton.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.tasks.TaskCatalog;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * This project's own rule on privilege, for any Task: a step may be privileged only if the Task declares it by name
 * in the annotation {@value #PRIVILEGED_STEPS}, so that a reviewer sees every privileged container in one place and
 * an edit cannot make one silently. (The other project rule, no substitution in scripts, is in {@link TaskRules}.)
 */
final class ProjectRules {

  /** The annotation listing a Task's privileged steps, comma-separated. */
  static final String PRIVILEGED_STEPS = TaskCatalog.PRIVILEGED_STEPS;

  private ProjectRules() {
  }

  static void privileged(Findings f, YamlDocs.Doc doc, JsonNode spec, String path, JsonNode metadata) {
    Set<String> declared = declared(metadata);
    boolean templatePrivileged = privileged(spec.path("stepTemplate"));
    if (templatePrivileged) {
      f.add(doc, path + ".stepTemplate.securityContext.privileged", "the stepTemplate makes every step privileged; "
          + "set privileged on the steps that need it and list them in annotation " + PRIVILEGED_STEPS);
    }
    List<JsonNode> steps = Nodes.list(spec.get("steps"));
    Set<String> privilegedSteps = new LinkedHashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      String name = step.path("name").asText("");
      if (privileged(step)) {
        privilegedSteps.add(name);
        if (!declared.contains(name)) {
          f.add(doc, path + ".steps[" + i + "].securityContext.privileged", "step '" + name + "' is privileged but "
              + "not declared in annotation " + PRIVILEGED_STEPS + " (declared: " + describe(declared) + ")");
        }
      }
    }
    for (String name : declared) {
      if (!privilegedSteps.contains(name)) {
        f.add(doc, annotationPath(path), "annotation " + PRIVILEGED_STEPS + " names '" + name + "', which is not a "
            + "privileged step of this Task");
      }
    }
  }

  private static boolean privileged(JsonNode container) {
    return container.path("securityContext").path("privileged").asBoolean(false);
  }

  private static Set<String> declared(JsonNode metadata) {
    String value = metadata.path("annotations").path(PRIVILEGED_STEPS).asText("");
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String describe(Set<String> declared) {
    return declared.isEmpty() ? "none" : String.join(", ", declared);
  }

  /** The annotation's path: {@code metadata.annotations.<name>} for a Task, under taskSpec for an inline one. */
  private static String annotationPath(String specPath) {
    String base = specPath.equals("spec") ? "" : specPath + ".";
    return base + "metadata.annotations." + PRIVILEGED_STEPS;
  }
}
