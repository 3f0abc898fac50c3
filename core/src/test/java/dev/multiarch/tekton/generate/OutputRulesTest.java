package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.tasks.testing.ScriptChecks;
import dev.multiarch.tekton.testing.TektonRules;
import dev.multiarch.tekton.validate.testing.TektonSchemas;
import dev.multiarch.tekton.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.tekton.v1.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The rules every generated set keeps: valid against Tekton's strict schemas and admission rules,
 * no Tekton substitution inside scripts, scripts clean under shellcheck, privilege only where it
 * belongs.
 */
class OutputRulesTest {

  @TestFactory
  Stream<DynamicTest> everySpec_passesSchemasAndAdmissionRules() {
    return Specs.all().entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () -> {
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
    return Specs.all().entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () -> {
                      Map<String, Step> steps =
                          GeneratedSteps.of(MultiArchTekton.from(e.getValue()).generate());
                      assertThat(steps).isNotEmpty();
                      for (Map.Entry<String, Step> step : steps.entrySet()) {
                        String script = step.getValue().getScript();
                        if (script != null) {
                          assertThat(ScriptChecks.forbiddenSubstitutions(script))
                              .as(step.getKey())
                              .isEmpty();
                          ScriptChecks.assertBashSyntax(step.getKey(), script);
                          ScriptChecks.assertShellcheckClean(step.getKey(), script);
                        }
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everySpec_isPrivilegedOnlyWhereEmulatorsAreRegistered() {
    Map<String, List<String>> privilegedSteps =
        Map.of(
            "two-platforms", List.of("binfmt/release-unusable", "binfmt/install", "binfmt/verify"),
            "five-platforms",
                List.of(
                    "binfmt/release-unusable",
                    "binfmt/install",
                    "binfmt/verify",
                    "binfmt-cleanup/uninstall"),
            "in-pod", List.of("build/release-unusable", "build/register-emulator"),
            "inline", List.of("binfmt/release-unusable", "binfmt/install", "binfmt/verify"),
            "hybrid", List.of("binfmt/release-unusable", "binfmt/install", "binfmt/verify"),
            // Nothing emulated, nothing privileged; in placement daemonset the privilege is the
            // DaemonSet's alone.
            "all-native", List.of(),
            "daemonset", List.of());
    return Specs.all().entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () -> {
                      List<String> privileged = new ArrayList<>();
                      GeneratedSteps.of(MultiArchTekton.from(e.getValue()).generate())
                          .forEach(
                              (label, step) -> {
                                var context = step.getSecurityContext();
                                if (context != null
                                    && Boolean.TRUE.equals(context.getPrivileged())) {
                                  privileged.add(label);
                                }
                              });
                      assertThat(privileged)
                          .containsExactlyInAnyOrderElementsOf(privilegedSteps.get(e.getKey()));
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
