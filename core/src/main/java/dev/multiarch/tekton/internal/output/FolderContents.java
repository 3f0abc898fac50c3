package dev.multiarch.tekton.internal.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an output folder holds, sorted by whose it is: files the tool wrote and nobody changed since
 * (the manifest's hash matches), files it wrote that someone edited, files with the tool's header
 * but no record (a folder written before manifests, or whose manifest was lost), and everything
 * else, which is never the tool's to touch (other files, folders, links, FIFOs: none of them is
 * opened). The manifest and the journal's files are the writer's own.
 *
 * @param ours the tool's files, unchanged since it wrote them
 * @param edited the tool's files someone changed
 * @param unrecorded files that carry the header but that no manifest records
 * @param foreign everything else
 */
record FolderContents(
    List<String> ours, List<String> edited, List<String> unrecorded, List<String> foreign) {

  // Larger than anything the tool writes: such a file was not written by it as it is now.
  private static final long LARGEST_OWN_FILE = 16L * 1024 * 1024;

  static FolderContents of(Path dir, Optional<Manifest> manifest) throws IOException {
    List<String> ours = new ArrayList<>();
    List<String> edited = new ArrayList<>();
    List<String> unrecorded = new ArrayList<>();
    List<String> foreign = new ArrayList<>();
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    }
    entries.sort(null);
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (name.equals(Manifest.FILE) || Journal.isJournalFile(name)) {
        continue;
      }
      BasicFileAttributes attributes =
          Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile() || !FolderWriter.NAME.matcher(name).matches()) {
        foreign.add(name);
      } else if (manifest.isPresent() && manifest.get().records(name)) {
        boolean same =
            attributes.size() <= LARGEST_OWN_FILE
                && manifest.get().matches(name, Files.readAllBytes(entry));
        (same ? ours : edited).add(name);
      } else if (manifest.isEmpty() && startsWithHeader(entry)) {
        unrecorded.add(name);
      } else {
        foreign.add(name);
      }
    }
    return new FolderContents(
        List.copyOf(ours), List.copyOf(edited), List.copyOf(unrecorded), List.copyOf(foreign));
  }

  private static boolean startsWithHeader(Path file) throws IOException {
    byte[] header = FolderWriter.HEADER.getBytes(StandardCharsets.UTF_8);
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return Arrays.equals(in.readNBytes(header.length), header);
    }
  }
}
