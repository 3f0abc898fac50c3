package dev.multiarch.tekton;

import dev.multiarch.tekton.input.BoundedInput;
import dev.multiarch.tekton.input.InputException;
import dev.multiarch.tekton.input.InputLimits;
import dev.multiarch.tekton.internal.spec.SpecFileParser;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a build spec from a YAML spec file. Every problem, from an unreadable file to a bad value,
 * throws a {@link SpecFileException} whose message is one line naming file, line and field. Every
 * field, its type, default and meaning: {@code docs/spec.md}, generated from {@link SpecField}; a
 * complete, commented example is {@code core/src/test/resources/spec/full.yaml}.
 *
 * <p>Unknown fields are errors. Scalars are read as written, so {@code tags: [1.10]} is the tag
 * {@code 1.10}. A spec file is at most 1 MiB with lines of at most 64 KiB, a regular file (or
 * standard input as {@code /dev/stdin}), and holds no YAML anchors or aliases; every value has a
 * length limit. To change a spec read from a file, use {@link BuildSpec#toBuilder()}.
 */
public final class SpecFile {

  /** The only {@code apiVersion} this version reads. */
  public static final String API_VERSION = SpecFileParser.API_VERSION;

  /** The only {@code kind} this version reads. */
  public static final String KIND = SpecFileParser.KIND;

  private SpecFile() {}

  /**
   * Reads and validates the spec file at {@code file}; messages name the file as given.
   *
   * @throws SpecFileException if the file cannot be read, is not a valid spec, or holds a value not
   *     allowed
   */
  public static BuildSpec read(Path file) {
    return SpecFileParser.parse(text(file), file.toString());
  }

  /**
   * The fields the spec file at {@code file} sets, on a builder, for a front end that sets more
   * before {@link BuildSpec.Builder#build()} (the command line's flags). Every value the file gives
   * is checked as {@link #read} checks it, but the required {@code metadata}, {@code
   * spec.platforms} and {@code spec.destination} may be left out of the file; {@code build()}
   * reports whichever is still missing.
   *
   * @throws SpecFileException if the file cannot be read, is not a spec, or holds a value not
   *     allowed
   */
  public static BuildSpec.Builder readBuilder(Path file) {
    return SpecFileParser.parseBuilder(text(file), file.toString());
  }

  /**
   * Parses and validates spec-file text; {@code sourceName} names it in messages.
   *
   * @throws SpecFileException if the text is not a valid spec or holds a value not allowed
   */
  public static BuildSpec parse(String yaml, String sourceName) {
    return SpecFileParser.parse(yaml, sourceName);
  }

  /**
   * A value of the spec file at {@code file} that a change made after {@link #read(Path)} (a front
   * end's settings applied through {@link BuildSpec#toBuilder()}) made invalid, as a problem of the
   * file at the line of its field; line 0 if the file is no regular file (a pipe on standard input,
   * read once) or cannot be read again.
   */
  public static SpecFileException problemAt(Path file, InvalidValueException e) {
    int line = 0;
    if (Files.isRegularFile(file)) {
      try {
        line = SpecFileParser.lineOf(text(file), file.toString(), e);
      } catch (SpecFileException unreadable) {
        // reported without a line
      }
    }
    return SpecFileException.of(file.toString(), line, e);
  }

  private static String text(Path file) {
    try {
      return BoundedInput.read(file, InputLimits.SPEC_FILE);
    } catch (InputException e) {
      throw new SpecFileException(e.file(), e.line(), "", e.problem(), e);
    }
  }
}
