package dev.multiarch.tekton.tasks.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Golden files, for every module's tests: a committed file (or folder of files) must equal what the
 * code produces now, compared as whole strings, or is rewritten when the build runs with {@code
 * -Dgolden.update=true} so a human reviews the diff.
 */
public final class GoldenFiles {

  private GoldenFiles() {}

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
      assertThat(actual)
          .as("%s is stale; run the build with -Dgolden.update=true and review the diff", file)
          .isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The directory of the Maven module under test: surefire's {@code basedir}, else the working
   * directory.
   */
  public static Path moduleDir() {
    Path dir =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    assertThat(dir.resolve("pom.xml")).as("module directory %s has no pom.xml", dir).exists();
    return dir;
  }

  /**
   * Compares a folder's files (name to content) with {@code dir}: the same names, each the same
   * content. When updating, {@code dir} is made to hold exactly these files.
   */
  public static void assertFolderMatches(Path dir, Map<String, String> files) {
    try {
      if (updating()) {
        Files.createDirectories(dir);
        for (String stale : list(dir).keySet()) {
          if (!files.containsKey(stale)) {
            Files.delete(dir.resolve(stale));
          }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
          Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        return;
      }
      Map<String, String> actual = new TreeMap<>(files);
      Map<String, String> expected = list(dir);
      assertThat(actual.keySet())
          .as("files of %s; run 'mvn verify -Dgolden.update=true' and review the diff", dir)
          .containsExactlyElementsOf(expected.keySet());
      for (String name : actual.keySet()) {
        assertThat(actual.get(name))
            .as(
                "%s is stale; run 'mvn verify -Dgolden.update=true' and review the diff",
                dir.resolve(name))
            .isEqualTo(expected.get(name));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The repository's root: system property {@code project.root}, else the nearest folder holding
   * ./multiarch-tekton.
   */
  public static Path projectRoot() {
    String root = System.getProperty("project.root");
    if (root != null && !root.isBlank()) {
      return Path.of(root).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("multiarch-tekton"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "cannot find the project root (the folder holding ./multiarch-tekton) "
              + "above "
              + Path.of("").toAbsolutePath()
              + "; set -Dproject.root");
    }
    return dir;
  }

  private static Map<String, String> list(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.filter(Files::isRegularFile).toList()) {
        files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
