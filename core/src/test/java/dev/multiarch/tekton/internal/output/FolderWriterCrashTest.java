package dev.multiarch.tekton.internal.output;

import static dev.multiarch.tekton.internal.output.FolderWriterTest.assertHolds;
import static dev.multiarch.tekton.internal.output.FolderWriterTest.contents;
import static dev.multiarch.tekton.internal.output.FolderWriterTest.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.multiarch.tekton.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A write stopped at any step, as a crash (SIGKILL, the OOM killer, a power cut) stops it: every
 * file is whole and old or new, nothing is lost, and recovery makes the folder exactly the old
 * output (stopped before the journal's commit) or exactly the new one (stopped after it). First in
 * this JVM, by an error thrown at each step that no cleanup of the writer catches; then for real,
 * by {@code kill -9} of a JVM stopped at a step.
 */
class FolderWriterCrashTest {

  /**
   * What the tests throw where a crash would stop the writer: an Error, which its cleanup does not
   * handle.
   */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }

  @TempDir Path tmp;

  /**
   * Where {@link #steps()} writes: the parameter source runs outside any one test, so its folder is
   * the class's.
   */
  @TempDir static Path stepsTmp;

  /** Every step of writing {@code new} over {@code old}, in order, as the writer reports them. */
  static List<String> steps() throws IOException {
    Path dir = Files.createTempDirectory(stepsTmp, "steps");
    FolderWriter.write(dir, variant("old"), false);
    List<String> steps = new ArrayList<>();
    FolderWriter.write(dir, variant("new"), false, steps::add);
    return steps;
  }

  @Test
  void steps_areThoseTheJournalPromises() throws IOException {
    assertThat(steps())
        .containsExactly(
            "locked",
            "staged:a.yaml",
            "staged:b.yaml",
            "staged:d.yaml",
            "journal-synced",
            "committed",
            "renamed:a.yaml",
            "renamed:b.yaml",
            "renamed:d.yaml",
            "deleted:c.yaml",
            "recorded",
            "applied",
            "finished");
  }

  @ParameterizedTest
  @MethodSource("steps")
  void crashAtStep_leavesWholeFiles_andRecoversToExactlyOldOrNew(String step) throws IOException {
    Path dir = tmp.resolve("deploy");
    FolderWriter.write(dir, variant("old"), false);

    Throwable crash =
        catchThrowable(
            () ->
                FolderWriter.write(
                    dir,
                    variant("new"),
                    false,
                    at -> {
                      if (at.equals(step)) {
                        throw new Crash();
                      }
                    }));

    assertThat(crash).isInstanceOf(Crash.class);
    assertEveryFileWholeAndNothingLost(dir, step);
    FolderWriter.recover(dir);
    assertHolds(dir, committed(step) ? variant("new") : variant("old"));
    // The next write finds nothing it takes for someone's edit.
    FolderWriter.write(dir, variant("new"), false);
    assertHolds(dir, variant("new"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "staged:b.yaml",
        "journal-synced",
        "committed",
        "renamed:b.yaml",
        "deleted:c.yaml",
        "recorded"
      })
  void kill9AtStep_isRecoveredByTheNextWrite(String step) throws Exception {
    Path dir = tmp.resolve("deploy");
    FolderWriter.write(dir, variant("old"), false);
    try (ChildJvm child =
        ChildJvm.start(FolderWriterChild.class, dir.toString(), "stop", step, "new")) {
      assertThat(child.awaitLine("AT ", Duration.ofSeconds(60))).isEqualTo("AT " + step);
      child.kill9();
    }

    assertEveryFileWholeAndNothingLost(dir, step);
    FolderWriter.recover(dir);
    assertHolds(dir, committed(step) ? variant("new") : variant("old"));
    FolderWriter.write(dir, variant("v1"), false);
    assertHolds(dir, variant("v1"));
  }

  private static boolean committed(String step) throws IOException {
    List<String> steps = steps();
    return steps.indexOf(step) >= steps.indexOf("committed");
  }

  /**
   * Each output name holds all of its old or all of its new content, and an old file is gone only
   * if the new output drops it and the journal that deletes it was committed.
   */
  private static void assertEveryFileWholeAndNothingLost(Path dir, String step) throws IOException {
    Map<String, String> now = contents(dir);
    Map<String, String> old = variant("old");
    Map<String, String> next = variant("new");
    Set<String> names = new TreeSet<>(old.keySet());
    names.addAll(next.keySet());
    for (String name : names) {
      if (now.containsKey(name)) {
        assertThat(now.get(name))
            .as("%s after a crash at %s", name, step)
            .isIn(old.get(name), next.get(name));
      } else {
        assertThat(!old.containsKey(name) || (!next.containsKey(name) && committed(step)))
            .as("%s lost after a crash at %s", name, step)
            .isTrue();
      }
    }
  }
}
