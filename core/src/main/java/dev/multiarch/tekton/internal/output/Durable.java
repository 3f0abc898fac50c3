package dev.multiarch.tekton.internal.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writing that survives a crash: file data and folder entries synced to the disk before anything
 * relies on them.
 */
final class Durable {

  private Durable() {}

  /**
   * Creates {@code file} (never through a link someone left at its name) with {@code bytes}, syncs
   * it, and gives it the mode, owner and group of {@code like} if that file exists, else the owner
   * and group of its folder.
   */
  static void writeNew(Path file, byte[] bytes, Path like) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      copyAttributes(like, file);
      channel.force(true);
    }
  }

  /**
   * Gives the new file {@code to} what the file it replaces ({@code like}) had: its mode, owner and
   * group; a file replacing none gets the owner and group of its folder. So a regenerated file
   * keeps what its user set, and a file written as root into someone's folder stays theirs.
   */
  private static void copyAttributes(Path like, Path to) throws IOException {
    if (!Files.isRegularFile(like, LinkOption.NOFOLLOW_LINKS)) {
      copyOwner(to.getParent(), to);
      return;
    }
    PosixFileAttributeView view =
        Files.getFileAttributeView(to, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view != null) {
      PosixFileAttributes wanted =
          Files.readAttributes(like, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!wanted.permissions().equals(view.readAttributes().permissions())) {
        view.setPermissions(wanted.permissions());
      }
    }
    copyOwner(like, to);
  }

  /** Gives {@code to} the owner and group of {@code from}, where the writer may. */
  static void copyOwner(Path from, Path to) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(to, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return;
    }
    PosixFileAttributes wanted =
        Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    PosixFileAttributes current = view.readAttributes();
    // Only root may give a file away, and a user may pick only groups of theirs: otherwise the file
    // simply stays
    // the writer's, as any file it creates.
    try {
      if (!wanted.group().equals(current.group())) {
        view.setGroup(wanted.group());
      }
      if (!wanted.owner().equals(current.owner())) {
        view.setOwner(wanted.owner());
      }
    } catch (FileSystemException e) {
      // not permitted: see above
    }
  }

  /** Syncs the folder's entries (names created, renamed or deleted in it) to the disk. */
  static void syncFolder(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** The SHA-256 of {@code bytes}, in lowercase hex. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
