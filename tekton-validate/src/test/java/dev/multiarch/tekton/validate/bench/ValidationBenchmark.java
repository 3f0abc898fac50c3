package dev.multiarch.tekton.validate.bench;

import dev.multiarch.tekton.validate.TektonValidator;
import dev.multiarch.tekton.validate.ValidationReport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Validation throughput, run by {@code bench/validate.sh}: validates the given YAML files (folders
 * walked for {@code *.yaml}) as one set, over and over for a fixed time after a warm-up, and prints
 * Tekton documents per second of wall time and per second of this thread's CPU time (the steadier
 * figure on a machine shared with other work). Not a unit test: a speed target is checked by a
 * person comparing figures, never by a timed assertion.
 */
public final class ValidationBenchmark {

  private ValidationBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: ValidationBenchmark SECONDS FILE|DIR...");
      System.exit(2);
    }
    long seconds = Long.parseLong(args[0]);
    Map<String, String> texts = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      for (Path file : files(Path.of(args[i]))) {
        texts.put(file.toString(), Files.readString(file));
      }
    }
    // With the reference hints, as the command line checks: their suggestions are part of the work.
    TektonValidator validator = TektonValidator.create().withReferenceHints();
    long bytes = texts.values().stream().mapToLong(String::length).sum();
    ValidationReport first = validator.validate(texts);
    int documents = first.documents();
    run(validator, texts, seconds / 3 + 1);
    long[] result = run(validator, texts, seconds);
    double perSecond = result[0] * (double) documents / (result[1] / 1e9);
    double perCpuSecond = result[0] * (double) documents / (result[2] / 1e9);
    System.out.printf(
        "%d files, %d Tekton documents, %d problems; %d rounds in %.1f s: %.0f documents/s, "
            + "%.0f documents per CPU second, %.1f MiB per CPU second%n",
        texts.size(),
        documents,
        first.problems().size(),
        result[0],
        result[1] / 1e9,
        perSecond,
        perCpuSecond,
        result[0] * (double) bytes / (1 << 20) / (result[2] / 1e9));
  }

  /**
   * Validates the set again and again for about {@code seconds}; returns {rounds, wall ns, CPU ns}.
   */
  private static long[] run(TektonValidator validator, Map<String, String> texts, long seconds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long deadline = start + seconds * 1_000_000_000L;
    long rounds = 0;
    while (System.nanoTime() < deadline) {
      validator.validate(texts);
      rounds++;
    }
    return new long[] {
      rounds, System.nanoTime() - start, threads.getCurrentThreadCpuTime() - cpuStart
    };
  }

  private static List<Path> files(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .filter(p -> !p.getFileName().toString().startsWith("kustomization."))
          .sorted()
          .toList();
    }
  }
}
