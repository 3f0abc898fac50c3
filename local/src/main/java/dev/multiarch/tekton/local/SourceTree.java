package dev.multiarch.tekton.local;

import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.input.FileKinds;
import dev.multiarch.tekton.input.InputLimits;
import dev.multiarch.tekton.input.IoReasons;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The folder a run builds instead of cloning ({@code withSource}): checked whole before anything
 * runs, then copied into the source workspace. Only regular files, folders and links (copied as
 * links, never followed) are taken: a FIFO would hang the copy or the build's context upload, a
 * device would never end, a socket means nothing in an image. The root folder, pseudo file systems
 * ({@code /proc}, {@code /sys}), a folder holding the run's own work or log folder (the copy would
 * copy itself) and trees over the size and count limits are refused.
 */
final class SourceTree {

  /** The most files, folders and links a source may hold. */
  static final int MAX_ENTRIES = 100_000;

  /** The most bytes of regular files a source may hold. */
  static final long MAX_BYTES = 4L * 1024 * 1024 * 1024;

  private static final Set<String> PSEUDO_FILE_SYSTEMS =
      Set.of(
          "proc",
          "sysfs",
          "devtmpfs",
          "devpts",
          "cgroup",
          "cgroup2",
          "debugfs",
          "tracefs",
          "securityfs",
          "pstore",
          "bpf",
          "configfs",
          "fusectl",
          "mqueue",
          "hugetlbfs",
          "autofs",
          "binfmt_misc",
          "efivarfs",
          "selinuxfs",
          "rpc_pipefs",
          "nsfs");

  private SourceTree() {}

  /**
   * Checks the tree at {@code dir}, which must not hold any of {@code runFolders} (the run's
   * folders: what each is, in words, to its real path).
   *
   * @return its real path
   * @throws InvalidValueException naming {@link LocalRun#SOURCE_FIELD}, the path at fault and what
   *     is allowed
   */
  static Path check(Path dir, Map<String, Path> runFolders) {
    return check(LocalRun.SOURCE_FIELD, dir, runFolders, MAX_ENTRIES, MAX_BYTES);
  }

  /** {@link #check(Path, Map)} of a folder another option ({@code field}) names. */
  static Path check(String field, Path dir, Map<String, Path> runFolders) {
    return check(field, dir, runFolders, MAX_ENTRIES, MAX_BYTES);
  }

  /** {@link #check(Path, Map)} with other limits, for tests. */
  static Path check(Path dir, Map<String, Path> runFolders, int maxEntries, long maxBytes) {
    return check(LocalRun.SOURCE_FIELD, dir, runFolders, maxEntries, maxBytes);
  }

  private static Path check(
      String field, Path dir, Map<String, Path> runFolders, int maxEntries, long maxBytes) {
    String given = dir.toString();
    if (given.isEmpty()) {
      throw bad(
          field,
          given,
          "an existing folder; an empty path names none (it would copy the working folder)");
    }
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      throw bad(field, given, "an existing folder (" + IoReasons.of(e) + ")");
    }
    if (!Files.isDirectory(real)) {
      throw bad(field, given, "a folder, not " + FileKinds.describe(real));
    }
    if (real.getParent() == null) {
      throw bad(field, given, "a folder other than the root folder");
    }
    runFolders.forEach(
        (what, folder) -> {
          if (folder.startsWith(real)) {
            throw bad(
                field,
                given,
                "a folder that does not hold "
                    + what
                    + " "
                    + folder
                    + " (the copy would copy itself)");
          }
        });
    walk(field, given, real, maxEntries, maxBytes);
    return real;
  }

  private static void walk(String field, String given, Path root, int maxEntries, long maxBytes) {
    Map<Object, String> types = new HashMap<>();
    long[] entries = {0};
    long[] bytes = {0};
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
                throws IOException {
              count(attributes);
              String type =
                  types.computeIfAbsent(
                      Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS),
                      device -> fileSystemType(dir));
              if (PSEUDO_FILE_SYSTEMS.contains(type)) {
                throw bad(
                    field,
                    dir.toString(),
                    "a folder of files, not of the " + type + " pseudo file system");
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (!attributes.isRegularFile() && !attributes.isSymbolicLink()) {
                throw bad(
                    field,
                    file.toString(),
                    "a regular file, folder or link inside the source, not "
                        + FileKinds.describe(file, LinkOption.NOFOLLOW_LINKS));
              }
              count(attributes);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              throw bad(
                  field,
                  file.toString(),
                  "a file or folder run-local can read (" + IoReasons.of(e) + ")");
            }

            private void count(BasicFileAttributes attributes) {
              if (++entries[0] > maxEntries) {
                throw bad(
                    field,
                    given,
                    "a folder of at most " + maxEntries + " files, folders and links");
              }
              bytes[0] += attributes.isRegularFile() ? attributes.size() : 0;
              if (bytes[0] > maxBytes) {
                throw bad(
                    field,
                    given,
                    "a folder of at most " + InputLimits.size(maxBytes) + " of files");
              }
            }
          });
    } catch (IOException e) {
      throw bad(field, given, "a folder run-local can read (" + IoReasons.of(e) + ")");
    }
  }

  private static String fileSystemType(Path dir) {
    try {
      return Files.getFileStore(dir).type();
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Copies the checked tree {@code from} into the existing folder {@code to}, links as links; what
   * is no regular file, folder or link (the tree changed since it was checked) is refused rather
   * than opened.
   */
  static void copy(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            if (!attributes.isRegularFile() && !attributes.isSymbolicLink()) {
              throw bad(
                  file.toString(),
                  "a regular file, folder or link inside the source, not "
                      + FileKinds.describe(file, LinkOption.NOFOLLOW_LINKS));
            }
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static InvalidValueException bad(String path, String allowed) {
    return bad(LocalRun.SOURCE_FIELD, path, allowed);
  }

  private static InvalidValueException bad(String field, String path, String allowed) {
    return new InvalidValueException(field, path, allowed);
  }
}
