package dev.multiarch.tekton;

/** A file given to {@link TektonValidator} cannot be read or is not YAML; {@link #line()} is 0 when unknown. */
public final class YamlInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  public YamlInputException(String file, int line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }
}
