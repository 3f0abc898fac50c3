package dev.multiarch.tekton.validate.internal.structure;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Tekton documents the project generates and commits, <code>examples/*&#47;generated/*.yaml
 * </code>, keeping only Pipeline, Task, PipelineRun and TaskRun documents.
 */
final class GeneratedDocuments {

  static final Set<String> KINDS = Set.of("Pipeline", "Task", "PipelineRun", "TaskRun");

  /**
   * One document and where it came from ({@code examples/hello/generated/pipeline-hello.yaml#0}).
   */
  record Doc(String label, String kind, JsonNode root) {}

  private GeneratedDocuments() {}

  static List<Doc> all() {
    Path root = projectRoot();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> examples = Files.list(root.resolve("examples"))) {
      for (Path example : examples.sorted().toList()) {
        files.addAll(yamlFiles(example.resolve("generated")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Doc> docs = new ArrayList<>();
    for (Path file : files) {
      List<JsonNode> roots = Yaml.parseAll(read(file));
      for (int i = 0; i < roots.size(); i++) {
        String kind = roots.get(i).path("kind").asText();
        if (KINDS.contains(kind)) {
          docs.add(new Doc(root.relativize(file) + "#" + i, kind, roots.get(i)));
        }
      }
    }
    return List.copyOf(docs);
  }

  private static List<Path> yamlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Surefire runs in core/; walking up also works from the project root or an IDE's working
  // directory.
  private static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples"))
          && Files.isDirectory(dir.resolve("core/src/test/resources"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "project root (with examples/ and core/) not found above " + Path.of("").toAbsolutePath());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
