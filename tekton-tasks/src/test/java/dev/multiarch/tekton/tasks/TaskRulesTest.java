package dev.multiarch.tekton.tasks;

import static dev.multiarch.tekton.tasks.testing.ScriptChecks.steps;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.ScriptChecks;
import dev.multiarch.tekton.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskResult;
import io.fabric8.tekton.v1.WorkspaceDeclaration;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The security and wiring rules every catalog Task must keep. */
class TaskRulesTest {

  private static final Pattern PARAM_REF =
      Pattern.compile("\\$\\(params\\.([A-Za-z0-9_.-]+?)(\\[\\*])?\\)");
  private static final Pattern WORKSPACE_REF =
      Pattern.compile("\\$\\(workspaces\\.([a-z0-9-]+)\\.(path|bound|claim|volume)\\)");

  /** The TaskRun context variables Tekton substitutes in a Task (docs/variables.md). */
  private static final Pattern CONTEXT_REF =
      Pattern.compile(
          "\\$\\(context\\.(taskRun\\.(name|namespace|uid)|task\\.(name|retry-count))\\)");

  private static final Pattern RESULT_REF =
      Pattern.compile("\\$\\(results\\.([A-Za-z0-9_.-]+)\\.path\\)");
  private static final Pattern ANY_REF =
      Pattern.compile("\\$\\((params|workspaces|results|tasks|context)[.\\[][^)]*\\)");

  /** The only privileged steps, per task. */
  private static final Map<String, Set<String>> PRIVILEGED =
      Map.of(
          ResolveCommitTask.NAME,
          Set.of(),
          BinfmtTask.NAME,
          Set.of(TaskParts.RELEASE_UNUSABLE_STEP, BinfmtTask.INSTALL_STEP, BinfmtTask.VERIFY_STEP),
          BuildTask.NAME,
          Set.of(),
          BuildTask.IN_POD_NAME,
          Set.of(TaskParts.RELEASE_UNUSABLE_STEP, BuildTask.REGISTER_EMULATOR_STEP),
          ManifestTask.NAME,
          Set.of(),
          BinfmtCleanupTask.NAME,
          Set.of(BinfmtCleanupTask.UNINSTALL_STEP),
          BuilderImageTask.NAME,
          Set.of(),
          ImportIndexTask.NAME,
          Set.of());

  static Stream<Arguments> tasks() {
    return TaskCatalog.all().stream().map(task -> Arguments.of(task.getMetadata().getName(), task));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tasks")
  void everyScript_passesShellcheckAndBashAndHasNoTektonSubstitution(String name, Task task) {
    // When / Then
    ScriptChecks.assertScriptsSafe(name, task.getSpec());
    assertThat(ScriptChecks.scriptSteps(task.getSpec()))
        .allSatisfy(
            step ->
                assertThat(step.getScript())
                    .startsWith("#!/usr/bin/env bash\n")
                    .contains("\nset -euo pipefail\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tasks")
  void everyTask_declaresEveryParamItUsesAndUsesEveryParamItDeclares(String name, Task task) {
    // Given
    Set<String> declared =
        task.getSpec().getParams().stream()
            .map(ParamSpec::getName)
            .collect(Collectors.toCollection(TreeSet::new));

    // When
    Set<String> used = matches(PARAM_REF, YamlWriter.toYaml(task.getSpec()));

    // Then
    assertThat(used).as(name).isEqualTo(declared);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tasks")
  void everyTask_refersOnlyToDeclaredWorkspacesAndParamsOutsideScripts(String name, Task task) {
    // Given
    Set<String> workspaces =
        task.getSpec().getWorkspaces().stream()
            .map(WorkspaceDeclaration::getName)
            .collect(Collectors.toSet());
    String yaml = YamlWriter.toYaml(task.getSpec());

    // When
    Set<String> all = matches(ANY_REF, yaml, 0);

    // Then every reference is a param, a context variable, a declared workspace or a result path
    assertThat(all)
        .allSatisfy(
            ref ->
                assertThat(
                        PARAM_REF.matcher(ref).matches()
                            || CONTEXT_REF.matcher(ref).matches()
                            || RESULT_REF.matcher(ref).matches()
                            || (WORKSPACE_REF.matcher(ref).matches()
                                && workspaces.contains(matches(WORKSPACE_REF, ref).first())))
                    .as(ref)
                    .isTrue());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tasks")
  void everyTask_writesExactlyTheResultsItDeclares(String name, Task task) {
    // Given
    Set<String> declared =
        task.getSpec().getResults().stream()
            .map(TaskResult::getName)
            .collect(Collectors.toCollection(TreeSet::new));

    // When
    Set<String> written = new TreeSet<>();
    ScriptChecks.scriptSteps(task.getSpec())
        .forEach(step -> written.addAll(matches(RESULT_REF, step.getScript())));
    // A script may also get its result's path through env (the emulator registration steps).
    steps(task).stream()
        .flatMap(step -> step.getEnv().stream())
        .filter(env -> env.getValue() != null)
        .forEach(env -> written.addAll(matches(RESULT_REF, env.getValue())));

    // Then
    assertThat(written).as(name).isEqualTo(declared);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tasks")
  void everyTask_privilegesOnlyTheBinfmtSteps(String name, Task task) {
    // When
    Set<String> privileged =
        steps(task).stream()
            .filter(TaskRulesTest::isPrivileged)
            .map(Step::getName)
            .collect(Collectors.toSet());

    // Then
    assertThat(privileged).as(name).isEqualTo(PRIVILEGED.get(name));
    assertThat(
            task.getSpec().getStepTemplate() == null
                ? null
                : task.getSpec().getStepTemplate().getSecurityContext())
        .as("stepTemplate securityContext of %s", name)
        .isNull();
  }

  @Test
  void buildTasks_giveOnlyTheBuildStepSetfcapAndNothingElse() {
    for (Task task : new Task[] {BuildTask.create(false), BuildTask.create(true)}) {
      for (Step step : steps(task)) {
        SecurityContext context = step.getSecurityContext();
        if (step.getName().equals(BuildTask.BUILD_AND_PUSH_STEP)) {
          // Then
          assertThat(context.getPrivileged()).isNull();
          assertThat(context.getCapabilities().getAdd()).containsExactly("SETFCAP");
          assertThat(context.getCapabilities().getDrop()).isEmpty();
        } else if (step.getName().equals(TaskParts.TEST_REGISTERED_STEP)) {
          // Unprivileged at SELinux level s0: what it can run, a pod of any categories can.
          assertThat(context.getPrivileged()).isNull();
          assertThat(context.getCapabilities()).isNull();
          assertThat(context.getSeLinuxOptions().getLevel()).isEqualTo("s0");
        } else if (!step.getName().equals(BuildTask.REGISTER_EMULATOR_STEP)
            && !step.getName().equals(TaskParts.RELEASE_UNUSABLE_STEP)) {
          assertThat(context).as(step.getName()).isNull();
        }
      }
    }
  }

  @Test
  void manifestTask_needsNoExtraPrivilege() {
    // Then
    assertThat(steps(ManifestTask.create()))
        .allSatisfy(step -> assertThat(step.getSecurityContext()).isNull());
  }

  private static boolean isPrivileged(Step step) {
    return step.getSecurityContext() != null
        && Boolean.TRUE.equals(step.getSecurityContext().getPrivileged());
  }

  private static SortedSet<String> matches(Pattern pattern, String text) {
    return matches(pattern, text, 1);
  }

  private static SortedSet<String> matches(Pattern pattern, String text, int group) {
    TreeSet<String> found = new TreeSet<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(group));
    }
    return found;
  }
}
