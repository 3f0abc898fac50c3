package dev.multiarch.tekton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a Containerfile for cross-compilation: whether any instruction executes a binary of the
 * target platform, which needs an emulator when the target is not the node's, or whether everything
 * that executes runs in a stage {@code FROM --platform=$BUILDPLATFORM}, on the node's own platform.
 *
 * <p>The reading is conservative: a RUN in any other stage, ONBUILD, a heredoc ({@code <<}), an
 * unknown instruction, FROM with any other flag, an escape directive or an unfinished continuation
 * count as a target instruction. The build task's shell ({@code first_target_instruction} in
 * templates' {@code _containerfile.ftl}) applies the same rules before building; one table of
 * Containerfiles tests both.
 */
public final class Containerfiles {

  /**
   * An instruction that may execute on the target platform, or that the reading does not
   * understand.
   *
   * @param line the line the instruction starts on, from 1
   * @param text that line without surrounding blanks and a trailing continuation backslash
   */
  public record TargetInstruction(int line, String text) {
    /** {@code LINE: TEXT}, as the build task's log and run-local's refusal print it. */
    @Override
    public String toString() {
      return line + ": " + text;
    }
  }

  private static final Pattern SKIPPED = Pattern.compile("[ \t]*(#.*)?");
  private static final Pattern ESCAPE_DIRECTIVE =
      Pattern.compile("[ \t]*#[ \t]*[Ee][Ss][Cc][Aa][Pp][Ee][ \t]*=.*");
  private static final Pattern CONTINUED = Pattern.compile(".*\\\\[ \t]*");
  private static final Pattern BLANKS = Pattern.compile("[ \t]+");
  private static final Set<String> BUILD_PLATFORM =
      Set.of("--platform=$BUILDPLATFORM", "--platform=${BUILDPLATFORM}");
  // Instructions that execute nothing of the image: buildah applies them with its own code.
  private static final Set<String> NOT_EXECUTING =
      Set.of(
          "ADD",
          "CMD",
          "COPY",
          "ENTRYPOINT",
          "ENV",
          "EXPOSE",
          "HEALTHCHECK",
          "LABEL",
          "MAINTAINER",
          "SHELL",
          "STOPSIGNAL",
          "USER",
          "VOLUME",
          "WORKDIR");

  private enum Stage {
    NONE,
    BUILD,
    TARGET
  }

  private Containerfiles() {}

  /** The first target instruction of the Containerfile {@code file}, read as UTF-8. */
  public static Optional<TargetInstruction> firstTargetInstruction(Path file) throws IOException {
    return firstTargetInstruction(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * The first target instruction of a Containerfile's text, or empty when no instruction runs on
   * the target platform.
   */
  public static Optional<TargetInstruction> firstTargetInstruction(String containerfile) {
    List<String> lines = List.of(containerfile.split("\n", -1));
    Stage stage = Stage.NONE;
    int start = 0;
    String first = null;
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      int number = i + 1;
      String line = lines.get(i);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (ESCAPE_DIRECTIVE.matcher(line).matches()) {
        return found(number, trim(line));
      }
      if (SKIPPED.matcher(line).matches()) {
        continue;
      }
      if (first == null) {
        start = number;
        first = trim(withoutBackslash(trim(line)));
      }
      if (CONTINUED.matcher(line).matches()) {
        joined.append(' ').append(withoutBackslash(trim(line)));
        continue;
      }
      joined.append(' ').append(line);
      String instruction = joined.toString();
      String[] words = BLANKS.split(trim(instruction));
      String keyword = words[0].toUpperCase(Locale.ROOT);
      Optional<Stage> next = next(stage, keyword, words, instruction);
      if (next.isEmpty()) {
        return found(start, first);
      }
      stage = next.get();
      first = null;
      joined.setLength(0);
    }
    if (first != null) {
      return found(start, first);
    }
    if (stage == Stage.NONE) {
      return found(1, "no FROM instruction");
    }
    return Optional.empty();
  }

  // The stage after an instruction, or empty when the instruction is a target instruction.
  private static Optional<Stage> next(
      Stage stage, String keyword, String[] words, String instruction) {
    if (instruction.contains("<<")) {
      return Optional.empty();
    }
    return switch (keyword) {
      case "FROM" -> fromStage(words);
      case "ARG" -> Optional.of(stage);
      case "RUN" -> stage == Stage.BUILD ? Optional.of(stage) : Optional.empty();
      default ->
          NOT_EXECUTING.contains(keyword) && stage != Stage.NONE
              ? Optional.of(stage)
              : Optional.empty();
    };
  }

  // FROM without flags starts a target stage, with exactly --platform=$BUILDPLATFORM a build
  // stage; any other flag is not understood.
  private static Optional<Stage> fromStage(String[] words) {
    long flags =
        List.of(words).subList(1, words.length).stream().filter(w -> w.startsWith("--")).count();
    if (flags == 0) {
      return Optional.of(Stage.TARGET);
    }
    return flags == 1 && BUILD_PLATFORM.contains(words[1])
        ? Optional.of(Stage.BUILD)
        : Optional.empty();
  }

  private static Optional<TargetInstruction> found(int line, String text) {
    return Optional.of(new TargetInstruction(line, text));
  }

  private static String withoutBackslash(String text) {
    return text.endsWith("\\") ? text.substring(0, text.length() - 1) : text;
  }

  private static String trim(String text) {
    int from = 0;
    int to = text.length();
    while (from < to && isBlank(text.charAt(from))) {
      from++;
    }
    while (to > from && isBlank(text.charAt(to - 1))) {
      to--;
    }
    return text.substring(from, to);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
