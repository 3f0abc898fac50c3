package dev.multiarch.tekton.validate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The known-good Pipeline + Tasks + PipelineRun in test resources {@code testing/}, and small edits
 * of it.
 */
public final class ValidSet {

  public static final List<String> FILES =
      List.of(
          "pipeline.yaml",
          "task-build.yaml",
          "task-manifest.yaml",
          "pipelinerun.yaml",
          "other.yaml");

  private ValidSet() {}

  public static String read(String file) {
    try (InputStream in = ValidSet.class.getResourceAsStream("/testing/" + file)) {
      if (in == null) {
        throw new IllegalStateException("test resource missing: /testing/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<String> documents() {
    return FILES.stream().map(ValidSet::read).toList();
  }

  /**
   * The valid set with one exact, unique piece of text of {@code file} replaced: a planted defect.
   */
  public static List<String> withEdit(String file, String from, String to) {
    List<String> docs = new ArrayList<>();
    for (String name : FILES) {
      String text = read(name);
      if (name.equals(file)) {
        assertThat(text.indexOf(from)).as("edit anchor in %s: %s", file, from).isNotNegative();
        assertThat(text.indexOf(from))
            .as("edit anchor unique in %s: %s", file, from)
            .isEqualTo(text.lastIndexOf(from));
        text = text.replace(from, to);
      }
      docs.add(text);
    }
    return docs;
  }
}
