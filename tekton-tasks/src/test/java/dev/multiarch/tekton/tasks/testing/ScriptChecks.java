package dev.multiarch.tekton.tasks.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks for step scripts and helpers to walk a Task's steps, shared by the tests of tekton-tasks,
 * core and examples so every generated script meets the same rules: shellcheck-clean, valid bash,
 * no Tekton substitution.
 */
public final class ScriptChecks {

  /**
   * The substitutions Tekton pastes into script text: script injection if a user controls the
   * value.
   */
  private static final Pattern FORBIDDEN =
      Pattern.compile("\\$\\(\\s*(params|tasks|context|workspaces)[.\\[][^)]*\\)");

  private ScriptChecks() {}

  /**
   * Fails, naming {@code label}, unless {@code shellcheck -s bash} reports nothing. Without
   * shellcheck on the PATH the calling test is skipped loudly, or fails where {@link
   * HostTools#REQUIRE_ENV} requires every tool.
   */
  public static void assertShellcheckClean(String label, String script) {
    String shellcheck = HostTools.require("shellcheck").toString();
    Result result = run(script, shellcheck, "-s", "bash", "-f", "gcc");
    assertThat(result.output()).as("shellcheck of %s", label).isEmpty();
    assertThat(result.exitCode()).as("shellcheck exit code of %s", label).isZero();
  }

  /** Fails, naming {@code label}, unless {@code bash -n} accepts the script. */
  public static void assertBashSyntax(String label, String script) {
    Result result = run(script, "bash", "-n");
    assertThat(result.output()).as("bash -n of %s", label).isEmpty();
    assertThat(result.exitCode()).as("bash -n exit code of %s", label).isZero();
  }

  /**
   * Every {@code $(params|tasks|context|workspaces...)} in the script, in order; empty when the
   * script is safe.
   */
  public static List<String> forbiddenSubstitutions(String script) {
    List<String> found = new ArrayList<>();
    Matcher matcher = FORBIDDEN.matcher(script == null ? "" : script);
    while (matcher.find()) {
      found.add(matcher.group());
    }
    return found;
  }

  /** The steps of a Task, in order. */
  public static List<Step> steps(Task task) {
    return steps(task.getSpec());
  }

  /** The steps of a TaskSpec (also an inline {@code taskSpec}), in order. */
  public static List<Step> steps(TaskSpec spec) {
    return spec == null || spec.getSteps() == null ? List.of() : List.copyOf(spec.getSteps());
  }

  /** The steps of a TaskSpec that have a script. */
  public static List<Step> scriptSteps(TaskSpec spec) {
    return steps(spec).stream().filter(step -> step.getScript() != null).toList();
  }

  /** Runs every check on every script of the Task, labelling failures with task and step names. */
  public static void assertScriptsSafe(String taskName, TaskSpec spec) {
    for (Step step : scriptSteps(spec)) {
      String label = taskName + "/" + step.getName();
      assertThat(forbiddenSubstitutions(step.getScript()))
          .as("forbidden substitutions in %s", label)
          .isEmpty();
      assertBashSyntax(label, step.getScript());
      assertShellcheckClean(label, step.getScript());
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(String script, String... command) {
    Path file = null;
    try {
      file = Files.createTempFile("script-check-", ".sh");
      Files.writeString(file, script, StandardCharsets.UTF_8);
      List<String> line = new ArrayList<>(List.of(command));
      line.add(file.toString());
      Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + " did not finish within 60 s");
      }
      return new Result(process.exitValue(), output.replace(file.toString(), "<script>"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      if (file != null) {
        file.toFile().delete();
      }
    }
  }
}
