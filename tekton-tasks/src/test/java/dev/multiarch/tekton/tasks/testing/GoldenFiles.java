package dev.multiarch.tekton.tasks.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole-file golden comparison: a committed file must equal what the code produces now, or is rewritten when
 * the build runs with {@code -Dgolden.update=true} so a human reviews the diff.
 */
public final class GoldenFiles {

  private GoldenFiles() {
  }

  /** True when the build asked to rewrite golden files instead of checking them. */
  public static boolean updating() {
    return Boolean.parseBoolean(System.getProperty("golden.update", "false"));
  }

  /** Checks {@code file} equals {@code actual}, or rewrites it when {@link #updating()}. */
  public static void assertCurrent(Path file, String actual) {
    try {
      if (updating()) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(file).as("%s is missing; run the build with -Dgolden.update=true", file).exists();
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(actual).as("%s is stale; run the build with -Dgolden.update=true and review the diff", file)
          .isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory of the Maven module under test: surefire's {@code basedir}, else the working directory. */
  public static Path moduleDir() {
    Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    assertThat(dir.resolve("pom.xml")).as("module directory %s has no pom.xml", dir).exists();
    return dir;
  }
}
