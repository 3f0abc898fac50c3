package dev.multiarch.tekton.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The step logs run-local wrote under a TaskRun's log folder, read as one text. */
final class StepLogs {

  private StepLogs() {}

  /** Every file under {@code dir}, in path order, as ISO-8859-1 (a log may hold any bytes). */
  static String of(Path dir) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        text.append(Files.readString(file, StandardCharsets.ISO_8859_1));
      }
    }
    return text.toString();
  }
}
