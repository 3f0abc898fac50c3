package dev.multiarch.tekton.tasks.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one table of Containerfiles that both readers of cross-compilation are tested against: the
 * build task's shell ({@code first_target_instruction}) and core's {@code Containerfiles}, so the
 * two cannot drift ({@code templates/src/test/resources/containerfiles.txt}).
 */
public final class ContainerfileTable {

  /**
   * One row: a Containerfile and what both readers must find in it.
   *
   * @param name what the case shows
   * @param expected {@code none}, or {@code LINE: TEXT} of the first target instruction
   * @param containerfile the Containerfile's text
   */
  public record Case(String name, String expected, String containerfile) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String CASE = "### case: ";
  private static final String EXPECT = "### expect: ";

  private ContainerfileTable() {}

  /** Every case of the table, in its order. */
  public static List<Case> cases() {
    Path table =
        GoldenFiles.projectRoot().resolve("templates/src/test/resources/containerfiles.txt");
    List<String> lines;
    try {
      lines = Files.readAllLines(table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Case> cases = new ArrayList<>();
    String name = null;
    String expected = null;
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      if (line.startsWith(CASE)) {
        if (name != null) {
          cases.add(new Case(name, expected, text.toString()));
        }
        name = line.substring(CASE.length());
        expected = null;
        text.setLength(0);
      } else if (line.startsWith(EXPECT)) {
        expected = line.substring(EXPECT.length());
      } else if (name != null) {
        text.append(line).append('\n');
      }
    }
    if (name != null) {
      cases.add(new Case(name, expected, text.toString()));
    }
    return List.copyOf(cases);
  }
}
