package dev.multiarch.tekton.internal.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writer at a time per output folder: across processes by a lock on the folder's manifest
 * ({@link Manifest#FILE}, which is created if missing and never deleted or replaced, so every
 * writer locks the same file), across threads of this JVM by a lock of its own (the file lock does
 * not separate them). Java's file locks are POSIX record locks, which a process loses when it
 * closes any descriptor of the file: so while the lock is held the manifest is read and written
 * only through this channel. The kernel drops the lock of a process that dies.
 */
final class FolderLock implements AutoCloseable {

  // One per folder ever written by this JVM: few, and small.
  private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();
  static final int LARGEST_MANIFEST = 1024 * 1024;

  private final ReentrantLock local;
  private final FileChannel channel;

  private FolderLock(ReentrantLock local, FileChannel channel) {
    this.local = local;
    this.channel = channel;
  }

  /** Waits until this is the only writer of {@code dir}, its real path. */
  static FolderLock acquire(Path dir) throws IOException {
    ReentrantLock local = IN_THIS_JVM.computeIfAbsent(dir, d -> new ReentrantLock());
    local.lock();
    FileChannel channel = null;
    try {
      Path file = dir.resolve(Manifest.FILE);
      boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
      channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS);
      if (!existed) {
        // Owned like the files beside it, so that a run as root does not lock the folder's owner
        // out of it.
        Durable.copyOwner(dir, file);
      }
      channel.lock();
      return new FolderLock(local, channel);
    } catch (IOException | RuntimeException | Error e) {
      if (channel != null) {
        channel.close();
      }
      local.unlock();
      throw e;
    }
  }

  /** The folder's manifest, or empty if it is empty (new), too large or not one this tool wrote. */
  Optional<Manifest> manifest() throws IOException {
    long size = channel.size();
    if (size == 0 || size > LARGEST_MANIFEST) {
      return Optional.empty();
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
      // read until full
    }
    return Manifest.parse(buffer.array());
  }

  /**
   * Replaces the manifest's content in place and syncs it; a committed journal redoes this after a
   * crash.
   */
  void record(byte[] manifest) throws IOException {
    channel.truncate(0);
    ByteBuffer buffer = ByteBuffer.wrap(manifest);
    while (buffer.hasRemaining()) {
      channel.write(buffer, buffer.position());
    }
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      local.unlock();
    }
  }
}
