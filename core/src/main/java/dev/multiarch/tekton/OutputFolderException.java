package dev.multiarch.tekton;

import dev.multiarch.tekton.text.Printable;
import java.nio.file.Path;
import java.util.List;

/**
 * The output folder cannot be written as asked: it is not a folder, it holds files this tool did
 * not write (left alone, so nobody's work is lost), it holds files the tool wrote that someone
 * edited since ({@link #editedFiles()}; {@link WriteOption#OVERWRITE_EDITED_FILES} overwrites
 * them), or writing failed. In each case the folder keeps its content.
 */
public final class OutputFolderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> editedFiles;

  /** The folder cannot be written; {@code why} says why in words. */
  public OutputFolderException(Path dir, String why) {
    this(dir, why, List.of());
  }

  /**
   * The folder holds files the tool wrote that were edited since, or that it has no record of
   * writing.
   */
  public OutputFolderException(Path dir, String why, List<String> editedFiles) {
    super(
        Printable.line(
            (dir.toString().isEmpty() ? "''" : dir.toString()) + ": not writing there, " + why));
    this.editedFiles = List.copyOf(editedFiles);
  }

  /** Writing failed; the message says where and why. */
  public OutputFolderException(String message, Throwable cause) {
    super(Printable.line(message), cause);
    this.editedFiles = List.of();
  }

  /**
   * The files that stopped the write because the tool cannot vouch for them (edited since it wrote
   * them, or carrying its header without a record); empty for other refusals.
   */
  public List<String> editedFiles() {
    return editedFiles;
  }
}
