package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.internal.yaml.YamlWriter;
import dev.multiarch.tekton.tasks.testing.ScriptChecks;
import dev.multiarch.tekton.testing.TektonRules;
import dev.multiarch.tekton.testing.TektonSchemas;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The rules every generated set keeps: valid against Tekton's strict schemas and admission rules, no
 * Tekton substitution inside scripts, scripts clean under shellcheck, privilege only where it belongs.
 */
class OutputRulesTest {

  @TestFactory
  Stream<DynamicTest> everySpec_passesSchemasAndAdmissionRules() {
    return Specs.all().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      GeneratedPipeline generated = MultiArchTekton.from(e.getValue()).generate();
      List<String> documents = documents(generated);
      for (String document : documents) {
        TektonSchemas.assertValid(e.getKey(), document);
      }
      TektonRules.assertClean(documents);
    }));
  }

  @TestFactory
  Stream<DynamicTest> everySpec_scriptsTakeValuesOnlyFromEnvAndPassShellcheck() {
    return Specs.all().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      for (Task task : MultiArchTekton.from(e.getValue()).generate().tasks()) {
        for (Step step : task.getSpec().getSteps()) {
          if (step.getScript() == null) {
            continue;
          }
          String label = task.getMetadata().getName() + "/" + step.getName();
          assertThat(ScriptChecks.forbiddenSubstitutions(step.getScript())).as(label).isEmpty();
          ScriptChecks.assertBashSyntax(label, step.getScript());
          ScriptChecks.assertShellcheckClean(label, step.getScript());
        }
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> everySpec_isPrivilegedOnlyWhereEmulatorsAreRegistered() {
    Map<String, List<String>> privilegedSteps = Map.of(
        "two-platforms", List.of("multiarch-binfmt/install", "multiarch-binfmt/verify"),
        "five-platforms", List.of("multiarch-binfmt/install", "multiarch-binfmt/verify",
            "multiarch-binfmt-cleanup/uninstall"),
        "in-pod", List.of("multiarch-buildah-in-pod/register-emulator"));
    return Specs.all().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      List<String> privileged = new ArrayList<>();
      for (Task task : MultiArchTekton.from(e.getValue()).generate().tasks()) {
        for (Step step : task.getSpec().getSteps()) {
          var context = step.getSecurityContext();
          if (context != null && Boolean.TRUE.equals(context.getPrivileged())) {
            privileged.add(task.getMetadata().getName() + "/" + step.getName());
          }
        }
      }
      assertThat(privileged).containsExactlyInAnyOrderElementsOf(privilegedSteps.get(e.getKey()));
    }));
  }

  private static List<String> documents(GeneratedPipeline generated) {
    List<String> documents = new ArrayList<>();
    for (HasMetadata resource : generated.resources()) {
      documents.add(YamlWriter.toYaml(resource));
    }
    documents.add(YamlWriter.toYaml(generated.pipelineRun()));
    return documents;
  }
}
