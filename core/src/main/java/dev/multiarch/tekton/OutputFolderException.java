package dev.multiarch.tekton;

import java.nio.file.Path;

/**
 * The output folder cannot be written as asked: it holds files this tool did not write (left alone, so
 * nobody's work is lost), it is not a folder, or writing failed (the folder is then unchanged).
 */
public final class OutputFolderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public OutputFolderException(Path dir, String why) {
    super(dir + ": not writing there, " + why + "; choose an empty folder or one multiarch-tekton wrote");
  }

  public OutputFolderException(String message, Throwable cause) {
    super(message, cause);
  }
}
