package dev.multiarch.tekton.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding example runs, and builds in code the same thing examples/hello/multiarch.yaml says.
 */
class EmbeddingExampleTest {

  @TempDir Path tmp;

  @Test
  void spec_inCode_equalsTheHelloSpecFile() {
    Path file = GoldenFiles.projectRoot().resolve("examples/hello/multiarch.yaml");

    assertThat(EmbeddingExample.spec()).isEqualTo(MultiArchTekton.fromSpecFile(file).spec());
  }

  @Test
  void main_withoutArguments_printsTheWholeYaml() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      EmbeddingExample.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .isEqualTo(MultiArchTekton.from(EmbeddingExample.spec()).generate().toYaml());
  }

  @Test
  void main_withFolder_writesTheKustomizeFolder() {
    Path dir = tmp.resolve("deploy");

    EmbeddingExample.main(new String[] {dir.toString()});

    assertThat(Files.exists(dir.resolve("kustomization.yaml"))).isTrue();
    assertThat(Files.exists(dir.resolve("pipeline-hello.yaml"))).isTrue();
  }
}
