package dev.multiarch.tekton;

/**
 * One way a folder differs from what {@code generate} would write there: a file whose content
 * differs, a file missing, or an extra entry. {@link #toString()} is the line {@code generate
 * --check} prints, such as {@code differs: pipeline-hello.yaml}.
 *
 * @param kind how the file differs
 * @param file its name in the folder
 */
public record FolderDifference(Kind kind, String file) {

  /** How a file differs. */
  public enum Kind {
    /** The folder has the file, with other content (or not as a regular file). */
    DIFFERS,
    /** The folder lacks the file. */
    MISSING,
    /** The folder has an entry that would not be written there. */
    EXTRA;

    /** The word {@code --check} prints: {@code differs}, {@code missing}, {@code extra}. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Override
  public String toString() {
    return kind.word() + ": " + file;
  }
}
