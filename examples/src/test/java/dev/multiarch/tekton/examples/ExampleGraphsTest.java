package dev.multiarch.tekton.examples;

import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each example's {@code graph.mmd} is what {@code graph} prints for it now: the Mermaid flowchart's
 * golden file.
 */
class ExampleGraphsTest {

  @TestFactory
  Stream<DynamicTest> example_graph_isCurrent() throws IOException {
    return ExamplesAreCurrentTest.specFiles().stream()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec.getParent().getFileName().toString(),
                    () -> {
                      Path golden = spec.getParent().resolve("graph.mmd");
                      GoldenFiles.assertCurrent(
                          golden, MultiArchTekton.fromSpecFile(spec).generate().toMermaid());
                    }));
  }
}
