package dev.multiarch.tekton.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path is, in words, for the messages that refuse a path that is not a regular file: FIFOs,
 * devices and sockets are told apart (reading a FIFO without a writer blocks forever, a device may
 * never end), found without opening them.
 */
public final class FileKinds {

  private static final int TYPE_MASK = 0170000;
  private static final int FIFO = 0010000;
  private static final int CHARACTER_DEVICE = 0020000;
  private static final int BLOCK_DEVICE = 0060000;
  private static final int SOCKET = 0140000;

  private FileKinds() {}

  /**
   * True if {@code path} (links followed) is a FIFO or a socket, such as a pipe on standard input.
   */
  public static boolean isPipe(Path path) {
    int type = type(path, new LinkOption[0]);
    return type == FIFO || type == SOCKET;
  }

  /**
   * What {@code path} is, links followed unless {@code options} say otherwise: "a folder", "a FIFO
   * (named pipe)", "a character device", "a block device", "a socket", "a broken link to X", "a
   * regular file", ...
   */
  public static String describe(Path path, LinkOption... options) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, options);
    } catch (IOException e) {
      if (Files.isSymbolicLink(path)) {
        try {
          return "a broken link to " + Files.readSymbolicLink(path);
        } catch (IOException | UnsupportedOperationException ignored) {
          return "a broken link";
        }
      }
      return IoReasons.of(e);
    }
    if (attributes.isRegularFile()) {
      return "a regular file";
    }
    if (attributes.isDirectory()) {
      return "a folder";
    }
    if (attributes.isSymbolicLink()) {
      return "a link";
    }
    return switch (type(path, options)) {
      case FIFO -> "a FIFO (named pipe)";
      case CHARACTER_DEVICE -> "a character device";
      case BLOCK_DEVICE -> "a block device";
      case SOCKET -> "a socket";
      default -> "not a regular file";
    };
  }

  private static int type(Path path, LinkOption[] options) {
    try {
      return ((Integer) Files.getAttribute(path, "unix:mode", options)) & TYPE_MASK;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return 0;
    }
  }
}
