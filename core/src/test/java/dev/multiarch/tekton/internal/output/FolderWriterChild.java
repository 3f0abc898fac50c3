package dev.multiarch.tekton.internal.output;

import java.nio.file.Path;
import java.util.Map;

/**
 * The writer in a JVM of its own, for the tests that kill it or race it: {@code <dir> stop <step>
 * <variant>} writes the variant and, at the step, says {@code AT <step>} and waits to be killed;
 * {@code <dir> loop <n> <variant>...} writes the variants in turn n times, then says {@code DONE}.
 */
public final class FolderWriterChild {

  private FolderWriterChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    if (args[1].equals("stop")) {
      String stop = args[2];
      FolderWriter.write(
          dir,
          FolderWriterTest.variant(args[3]),
          false,
          step -> {
            if (step.equals(stop)) {
              System.out.println("AT " + step);
              System.out.flush();
              sleep();
            }
          });
      System.out.println("DONE without reaching " + stop);
      return;
    }
    int rounds = Integer.parseInt(args[2]);
    System.out.println("STARTED");
    System.out.flush();
    for (int i = 0; i < rounds; i++) {
      Map<String, String> files = FolderWriterTest.variant(args[3 + i % (args.length - 3)]);
      FolderWriter.write(dir, files, false);
    }
    System.out.println("DONE");
  }

  private static void sleep() {
    try {
      Thread.sleep(120_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
