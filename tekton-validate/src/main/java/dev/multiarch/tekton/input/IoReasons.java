package dev.multiarch.tekton.input;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.Map;

/**
 * Why a file operation failed, in words a user reads ("permission denied", "no space left on the
 * device"), never a Java class name. The one place that turns java.nio's exceptions into reasons.
 */
public final class IoReasons {

  // The operating system's wording (strerror) of the failures people meet, as they are best said
  // here.
  private static final Map<String, String> SYSTEM_REASONS =
      Map.of(
          "is a directory", "a folder, not a file",
          "not a directory", "not a folder",
          "no space left on device", "no space left on the device",
          "disk quota exceeded", "disk quota exceeded",
          "read-only file system", "read-only file system",
          "too many levels of symbolic links", "too many levels of links (a loop?)",
          "device or resource busy", "busy (a mount point?)",
          "file name too long", "the name is too long");

  private IoReasons() {}

  /** The file {@code e} names, if any, and the reason: {@code /tmp/x: permission denied}. */
  public static String withFile(IOException e) {
    return e instanceof FileSystemException failure && failure.getFile() != null
        ? failure.getFile() + ": " + of(e)
        : of(e);
  }

  /**
   * The reason {@code e} stands for, lowercase, without the file's name (the caller names the
   * file).
   */
  public static String of(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "the folder is not empty";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    if (e instanceof FileSystemLoopException) {
      return "too many levels of links (a loop?)";
    }
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    String text = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
    return words(text);
  }

  private static String words(String text) {
    if (text == null || text.isBlank()) {
      return "input/output error";
    }
    // A wrapped exception's message starts with its class name ("java.io.IOException: ..."): keep
    // the words only.
    String plain =
        text.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error):\\s*", "").strip();
    String lower =
        plain.isEmpty()
            ? "input/output error"
            : plain.substring(0, 1).toLowerCase(Locale.ROOT) + plain.substring(1);
    return SYSTEM_REASONS.getOrDefault(lower.toLowerCase(Locale.ROOT), lower);
  }
}
