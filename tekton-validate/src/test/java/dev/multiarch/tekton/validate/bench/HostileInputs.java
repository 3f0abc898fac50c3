package dev.multiarch.tekton.validate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the large inputs of issue 20 that once took {@code validate} tens of seconds, one folder
 * each, for {@code bench/validate.sh --hostile} to time: a 15 MiB scalar, a matrix with 9,000
 * include entries, 3,000 Tasks and a Pipeline with 3,000 near-miss references to them, 30,000
 * unknown fields, 15,000 steps, and a folder of 20,000 small files.
 */
public final class HostileInputs {

  private static final String TASK_HEAD =
      "apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: %s\nspec:\n";

  private HostileInputs() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    write(root.resolve("scalar-15MiB/task.yaml"), largeScalar());
    write(root.resolve("matrix-9000/pipeline.yaml"), largeMatrix());
    write(root.resolve("near-miss-3000/tasks.yaml"), manyTasks());
    write(root.resolve("near-miss-3000/pipeline.yaml"), nearMissPipeline());
    write(root.resolve("unknown-30000/task.yaml"), unknownFields());
    write(root.resolve("steps-15000/task.yaml"), manySteps());
    for (int i = 0; i < 20_000; i++) {
      write(
          root.resolve("files-20000/" + String.format("task-%05d.yaml", i)),
          String.format(TASK_HEAD, "t" + i)
              + "  steps:\n    - name: s\n      image: alpine\n      script: echo "
              + i
              + "\n");
    }
  }

  /** One of the inputs named in the class comment. */
  public static String largeScalar() {
    StringBuilder text = new StringBuilder(String.format(TASK_HEAD, "large-scalar"));
    text.append("  steps:\n    - name: s\n      image: alpine\n      script: |\n");
    String line = "        echo " + "x".repeat(100) + "\n";
    while (text.length() < 15 * 1024 * 1024) {
      text.append(line);
    }
    return text.toString();
  }

  /** One of the inputs named in the class comment. */
  public static String largeMatrix() {
    StringBuilder text =
        new StringBuilder(
            "apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata:\n  name: large-matrix\nspec:\n"
                + "  tasks:\n    - name: t\n      taskSpec:\n        params:\n"
                + "          - name: p\n        steps:\n          - name: s\n"
                + "            image: alpine\n            script: echo $(params.p)\n"
                + "      matrix:\n        include:\n");
    for (int i = 0; i < 9_000; i++) {
      text.append("          - name: i")
          .append(i)
          .append("\n            params:\n              - name: p\n                value: v")
          .append(i)
          .append('\n');
    }
    return text.toString();
  }

  /** One of the inputs named in the class comment. */
  public static String manyTasks() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      text.append(String.format(TASK_HEAD, String.format("build-%04d", i)))
          .append("  steps:\n    - name: s\n      image: alpine\n      script: echo\n---\n");
    }
    return text.toString();
  }

  /** One of the inputs named in the class comment. */
  public static String nearMissPipeline() {
    StringBuilder text =
        new StringBuilder(
            "apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata:\n  name: near-miss\nspec:\n"
                + "  tasks:\n");
    for (int i = 0; i < 3_000; i++) {
      text.append(
          String.format("    - name: t%d\n      taskRef:\n        name: biuld-%04d\n", i, i));
    }
    return text.toString();
  }

  /** One of the inputs named in the class comment. */
  public static String unknownFields() {
    StringBuilder text = new StringBuilder(String.format(TASK_HEAD, "unknown-fields"));
    text.append("  steps:\n    - name: s\n      image: alpine\n      script: echo\n");
    for (int i = 0; i < 30_000; i++) {
      text.append("      unknownField").append(i).append(": x\n");
    }
    return text.toString();
  }

  /** One of the inputs named in the class comment. */
  public static String manySteps() {
    StringBuilder text = new StringBuilder(String.format(TASK_HEAD, "many-steps"));
    text.append("  steps:\n");
    for (int i = 0; i < 15_000; i++) {
      text.append("    - name: s").append(i).append("\n      image: alpine\n");
    }
    return text.toString();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
