package dev.multiarch.tekton.internal.output;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record of what multiarch-tekton wrote in an output folder: the SHA-256 of every file, in the
 * folder's {@value #FILE}, in {@code sha256sum} format (so {@code sha256sum -c
 * .multiarch-tekton.sha256} checks it). A file whose content still has its recorded hash is the
 * tool's to replace; one that differs was edited by someone. The file is also the folder's lock
 * ({@link FolderLock}), and is committed with the folder, so that a fresh clone knows its files
 * too.
 */
final class Manifest {

  static final String FILE = ".multiarch-tekton.sha256";

  private static final Pattern LINE =
      Pattern.compile("([0-9a-f]{64})  (" + FolderWriter.NAME.pattern() + ")");

  private final Map<String, String> hashes;

  private Manifest(Map<String, String> hashes) {
    this.hashes = Map.copyOf(hashes);
  }

  /** The manifest of {@code files} (name to content). */
  static Manifest of(Map<String, byte[]> files) {
    Map<String, String> hashes = new TreeMap<>();
    files.forEach((name, bytes) -> hashes.put(name, Durable.sha256(bytes)));
    return new Manifest(hashes);
  }

  /**
   * The manifest {@code bytes} hold, or empty if they are not one this tool wrote (hand-edited,
   * truncated).
   */
  static Optional<Manifest> parse(byte[] bytes) {
    Map<String, String> hashes = new TreeMap<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).lines().toList()) {
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches()) {
        return Optional.empty();
      }
      hashes.put(matcher.group(2), matcher.group(1));
    }
    return hashes.isEmpty() ? Optional.empty() : Optional.of(new Manifest(hashes));
  }

  /** Whether the tool recorded a file of this name. */
  boolean records(String name) {
    return hashes.containsKey(name);
  }

  /** Whether {@code bytes} is exactly what the tool wrote as {@code name}. */
  boolean matches(String name, byte[] bytes) {
    return Durable.sha256(bytes).equals(hashes.get(name));
  }

  /** The manifest's text, one {@code <sha256> <name>} line per file, sorted by name. */
  byte[] bytes() {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(hashes)
        .forEach((name, hash) -> text.append(hash).append("  ").append(name).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
