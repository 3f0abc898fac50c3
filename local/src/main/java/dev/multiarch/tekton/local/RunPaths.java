package dev.multiarch.tekton.local;

import dev.multiarch.tekton.InvalidValueException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one place where run-local turns a name or a relative path of the run's objects (a workspace,
 * a DaemonSet, a task, a step, a result, a {@code subPath}) into a path of this host: each stays
 * inside the run's own folders, whatever the objects say.
 */
final class RunPaths {

  private RunPaths() {}

  /**
   * Why {@code subPath} cannot be a subPath, as Kubernetes refuses a volume mount's (its {@code
   * pkg/apis/core/validation/validation.go}, {@code validateLocalDescendingPath} and {@code
   * validatePathNoBacksteps}: a relative path without a {@code ..} element), or empty when it can.
   * A NUL, which no file name holds, is refused too.
   */
  static Optional<String> subPathProblem(String subPath) {
    if (subPath.startsWith("/")) {
      return Optional.of("must be a relative path");
    }
    for (String element : subPath.split("/", -1)) {
      if (element.equals("..")) {
        return Optional.of("must not contain '..'");
      }
    }
    if (subPath.indexOf('\0') >= 0) {
      return Optional.of("must not contain a NUL character");
    }
    return Optional.empty();
  }

  /**
   * Why {@code name} cannot be one folder or file name of the run, or empty when it can: not empty,
   * {@code .} or {@code ..}, no {@code /} and no NUL.
   */
  static Optional<String> nameProblem(String name) {
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      return Optional.of("is not a name a folder can have");
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
      return Optional.of("must not contain '/' or a NUL character");
    }
    return Optional.empty();
  }

  /**
   * {@code dir}/{@code name}, for a name of the run's objects ({@code what} says which).
   *
   * @throws InvalidValueException naming {@code what} when the name would leave {@code dir}
   */
  static Path child(Path dir, String name, String what) {
    nameProblem(name)
        .ifPresent(
            problem -> {
              throw new InvalidValueException(
                  what, name, "a name that stays inside the run's folders: it " + problem);
            });
    return dir.resolve(name);
  }

  /**
   * {@code base}/{@code subPath}, created one folder at a time, refusing a folder on the way that
   * is a symbolic link, so that a link a step or the source put there cannot lead out of {@code
   * base}: the kubelet does the same for a volume's subPath before it mounts it.
   *
   * @throws InvalidValueException naming {@code what} when {@code subPath} climbs out or goes
   *     through a link
   * @throws IOException when a folder cannot be created
   */
  static Path subPath(Path base, String subPath, String what) throws IOException {
    subPathProblem(subPath)
        .ifPresent(
            problem -> {
              throw new InvalidValueException(
                  what,
                  subPath,
                  "a path inside the volume, as Kubernetes takes a subPath: it " + problem);
            });
    Files.createDirectories(base);
    Path dir = base;
    for (String element : subPath.split("/", -1)) {
      if (element.isEmpty() || element.equals(".")) {
        continue;
      }
      dir = dir.resolve(element);
      if (Files.isSymbolicLink(dir)) {
        throw new InvalidValueException(
            what,
            subPath,
            "a path inside the volume: it goes through the symbolic link "
                + base.relativize(dir)
                + ", which may lead out of it");
      }
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(dir);
        } catch (FileSystemException e) {
          if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw e;
          }
        }
      }
    }
    return dir;
  }
}
