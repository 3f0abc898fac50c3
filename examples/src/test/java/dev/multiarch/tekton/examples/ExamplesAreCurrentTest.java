package dev.multiarch.tekton.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.Containerfiles;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.generate.GeneratedSteps;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.tasks.testing.HostTools;
import dev.multiarch.tekton.tasks.testing.ScriptChecks;
import dev.multiarch.tekton.testing.KubernetesModels;
import dev.multiarch.tekton.testing.TektonRules;
import dev.multiarch.tekton.validate.testing.TektonSchemas;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example under examples/ ships its generated folder, and that folder must be what the
 * current code generates (cdk8s-style): a stale example fails the build. Each example's output is
 * also held to the schemas, the admission rules and the script rules.
 */
class ExamplesAreCurrentTest {

  private static final Path EXAMPLES = GoldenFiles.projectRoot().resolve("examples");

  static List<Path> specFiles() throws IOException {
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      return dirs.map(d -> d.resolve("multiarch.yaml"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
  }

  @Test
  void examples_includeTheDocumentedOnes() throws IOException {
    assertThat(specFiles())
        .extracting(p -> p.getParent().getFileName().toString())
        .contains(
            "hello",
            "five-platforms",
            "in-pod",
            "inline-tasks",
            "hybrid",
            "all-native",
            "daemonset",
            "staging",
            "cross-go");
  }

  @Test
  void crossGo_containerfileRunsNothingOnTheTargetPlatform() throws IOException {
    assertThat(
            Containerfiles.firstTargetInstruction(EXAMPLES.resolve("cross-go/src/Containerfile")))
        .isEmpty();
    assertThat(MultiArchTekton.fromSpecFile(EXAMPLES.resolve("cross-go/multiarch.yaml")).spec())
        .satisfies(spec -> assertThat(spec.crossCompiled()).isTrue())
        .satisfies(spec -> assertThat(spec.emulatedPlatforms()).isEmpty());
  }

  @TestFactory
  Stream<DynamicTest> example_generatedFolder_isCurrent() throws IOException {
    return specFiles().stream()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec.getParent().getFileName().toString(),
                    () -> {
                      Map<String, String> files =
                          MultiArchTekton.fromSpecFile(spec).generate().files();
                      GoldenFiles.assertFolderMatches(spec.getParent().resolve("generated"), files);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> example_output_keepsEveryRule() throws IOException {
    return specFiles().stream()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec.getParent().getFileName().toString(),
                    () -> {
                      GeneratedPipeline generated = MultiArchTekton.fromSpecFile(spec).generate();
                      List<String> documents = new ArrayList<>();
                      for (String content : generated.files().values()) {
                        documents.add(content);
                      }
                      for (String document : documents) {
                        TektonSchemas.assertValid(spec.toString(), document);
                        KubernetesModels.assertValid(spec.toString(), document);
                      }
                      TektonRules.assertClean(documents);
                      GeneratedSteps.of(generated)
                          .forEach(
                              (label, step) -> {
                                if (step.getScript() != null) {
                                  assertThat(ScriptChecks.forbiddenSubstitutions(step.getScript()))
                                      .as("%s %s", spec, label)
                                      .isEmpty();
                                }
                              });
                    }));
  }

  /**
   * Each example's committed folder is what {@code oc apply -k} reads: kustomize builds it, every
   * resource in it.
   */
  @TestFactory
  Stream<DynamicTest> example_generatedFolder_buildsWithKubectlKustomize() throws IOException {
    return specFiles().stream()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec.getParent().getFileName().toString(),
                    () -> {
                      Path kubectl = HostTools.require("kubectl");
                      GeneratedPipeline generated = MultiArchTekton.fromSpecFile(spec).generate();
                      Process kustomize =
                          new ProcessBuilder(
                                  kubectl.toString(),
                                  "kustomize",
                                  spec.getParent().resolve("generated").toString())
                              .redirectErrorStream(true)
                              .start();
                      String out =
                          new String(
                              kustomize.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                      assertThat(kustomize.waitFor(60, TimeUnit.SECONDS)).isTrue();
                      assertThat(kustomize.exitValue()).as(out).isZero();
                      for (HasMetadata resource : generated.resources()) {
                        assertThat(out)
                            .contains("kind: " + resource.getKind() + "\n")
                            .contains("name: " + resource.getMetadata().getName() + "\n");
                      }
                    }));
  }
}
