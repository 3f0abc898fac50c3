package dev.multiarch.tekton.local;

import dev.multiarch.tekton.input.IoReasons;
import dev.multiarch.tekton.text.Printable;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removing a run's work folder afterwards. */
final class FileTrees {

  private FileTrees() {}

  /**
   * Deletes {@code dir} and everything in it, best effort: a leftover temporary file must not fail
   * a run.
   */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // A folder's name may be anyone's text: escaped, as every line of outside origin is.
      System.err.println(
          Printable.line(
              "run-local: could not remove all of " + dir + ": " + IoReasons.withFile(e)));
    }
  }
}
