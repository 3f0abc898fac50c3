package dev.multiarch.tekton.internal.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The write-ahead journal of one write into an output folder: which staged files replace which,
 * which files go, and the manifest that records the result. A write stages every new file beside
 * the old ones (synced), then commits this journal by renaming it into place (synced): from that
 * instant the new content is the folder's, and whoever holds the folder's lock next finishes the
 * renames and the manifest if the writer died ({@link #recover}). Before that instant a crash
 * leaves only staged files, which recovery deletes. Each rename replaces one file atomically, so
 * every file is always whole, old or new.
 */
final class Journal {

  static final String FILE = ".multiarch-tekton.journal";

  /** Staged new files are named with this prefix; the name they replace follows it. */
  static final String STAGED = ".multiarch-tekton.new.";

  private static final String UNCOMMITTED = FILE + ".new";
  private static final String FORMAT = "multiarch-tekton journal 1";
  private static final String RECORD = "record ";

  private final List<String> replaced;
  private final List<String> deleted;
  private final byte[] manifest;

  /**
   * @param replaced names whose staged file ({@link #STAGED} + name) replaces them, in this order
   * @param deleted names to delete after that
   * @param manifest the manifest's text once the write is done
   */
  Journal(List<String> replaced, List<String> deleted, byte[] manifest) {
    this.replaced = List.copyOf(replaced);
    this.deleted = List.copyOf(deleted);
    this.manifest = manifest.clone();
  }

  /**
   * Writes the journal and renames it into place, each step synced; the folder's new content is
   * then decided.
   */
  void commit(Path dir, FolderWriter.Hook hook) throws IOException {
    Durable.writeNew(
        dir.resolve(UNCOMMITTED), text().getBytes(StandardCharsets.UTF_8), dir.resolve(FILE));
    Durable.syncFolder(dir);
    hook.at("journal-synced");
    Files.move(dir.resolve(UNCOMMITTED), dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
    Durable.syncFolder(dir);
    hook.at("committed");
  }

  /**
   * Renames every staged file over its name, deletes what goes, records the manifest; safe to run
   * again.
   */
  void apply(Path dir, FolderLock lock, FolderWriter.Hook hook) throws IOException {
    for (String name : replaced) {
      Path staged = dir.resolve(STAGED + name);
      if (Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(staged, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        hook.at("renamed:" + name);
      }
    }
    for (String name : deleted) {
      Files.deleteIfExists(dir.resolve(name));
      hook.at("deleted:" + name);
    }
    lock.record(manifest);
    hook.at("recorded");
    Durable.syncFolder(dir);
    hook.at("applied");
    Files.deleteIfExists(dir.resolve(FILE));
    Durable.syncFolder(dir);
  }

  /**
   * Finishes or undoes what a write that died left in {@code dir}: a committed journal is applied,
   * anything staged but not committed is deleted. Called with the folder's lock held, before
   * anything else looks at the folder.
   */
  static void recover(Path dir, FolderLock lock) throws IOException {
    Path file = dir.resolve(FILE);
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      Optional<Journal> journal = read(file);
      if (journal.isPresent()) {
        journal.get().apply(dir, lock, FolderWriter.Hook.NONE);
      } else {
        // Not one this tool committed (its rename is atomic, so it cannot be half written): nothing
        // to finish.
        Files.deleteIfExists(file);
      }
    }
    discardStaged(dir);
  }

  /** Deletes staged files and an uncommitted journal. */
  static void discardStaged(Path dir) throws IOException {
    boolean deleted = false;
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(
            dir,
            p ->
                p.getFileName().toString().startsWith(STAGED)
                    || p.getFileName().toString().equals(UNCOMMITTED))) {
      for (Path entry : entries) {
        deleted |= Files.deleteIfExists(entry);
      }
    }
    if (deleted) {
      Durable.syncFolder(dir);
    }
  }

  /** True for the journal's own files, which are no output. */
  static boolean isJournalFile(String name) {
    return name.equals(FILE) || name.equals(UNCOMMITTED) || name.startsWith(STAGED);
  }

  private String text() {
    StringBuilder text = new StringBuilder(FORMAT).append('\n');
    replaced.forEach(name -> text.append("replace ").append(name).append('\n'));
    deleted.forEach(name -> text.append("delete ").append(name).append('\n'));
    new String(manifest, StandardCharsets.UTF_8)
        .lines()
        .forEach(line -> text.append(RECORD).append(line).append('\n'));
    String body = text.toString();
    return body + "end " + Durable.sha256(body.getBytes(StandardCharsets.UTF_8)) + "\n";
  }

  private static Optional<Journal> read(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 1024 * 1024) {
      return Optional.empty();
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int end = text.lastIndexOf("end ");
    if (end < 0
        || !text.startsWith(FORMAT + "\n")
        || !text.substring(end)
            .equals(
                "end "
                    + Durable.sha256(text.substring(0, end).getBytes(StandardCharsets.UTF_8))
                    + "\n")) {
      return Optional.empty();
    }
    List<String> replaced = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    StringBuilder manifest = new StringBuilder();
    for (String line : text.substring(FORMAT.length() + 1, end).lines().toList()) {
      if (line.startsWith(RECORD)) {
        manifest.append(line.substring(RECORD.length())).append('\n');
        continue;
      }
      String[] parts = line.split(" ", 2);
      if (parts.length != 2 || !FolderWriter.NAME.matcher(parts[1]).matches()) {
        return Optional.empty();
      }
      if (parts[0].equals("replace")) {
        replaced.add(parts[1]);
      } else if (parts[0].equals("delete")) {
        deleted.add(parts[1]);
      } else {
        return Optional.empty();
      }
    }
    byte[] bytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
    return Manifest.parse(bytes).isPresent()
        ? Optional.of(new Journal(replaced, deleted, bytes))
        : Optional.empty();
  }
}
