package dev.multiarch.tekton.validate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.validate.YamlDocs;
import dev.multiarch.tekton.validate.testing.RuleTable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ResolvedReferences} (the reconcilers' checks once a reference is resolved), one row per
 * case: the Tasks of the set, a PipelineSpec, the findings.
 */
class ResolvedReferencesTest {

  private static final String LINT =
      "apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: lint}\nspec:\n"
          + "  params: [{name: flags, type: array}, {name: level, default: warn}]\n  workspaces: [{name: src}, "
          + "{name: cache, optional: true}]\n  results: [{name: report}]\n  steps: [{name: s, image: x}]\n";

  static Stream<Arguments> pipeline() {
    return Stream.of(
        Arguments.of(
            "fits",
            List.of(LINT),
            "tasks: [{name: l, taskRef: {name: lint}, params: [{name: flags, value: "
                + "[a]}], workspaces: [{name: src, workspace: w}]}]",
            List.of()),
        Arguments.of(
            "a string for an array",
            List.of(LINT),
            "tasks: [{name: l, taskRef: {name: lint}, params: "
                + "[{name: flags, value: a}], workspaces: [{name: src}]}]",
            List.of(
                "tasks[0].params[0].value: param 'flags' of Task 'lint' is declared array but is passed a string")),
        Arguments.of(
            "a whole-array reference is not judged",
            List.of(LINT),
            "tasks: [{name: l, taskRef: {name: lint},"
                + " params: [{name: flags, value: '$(params.f)'}], workspaces: [{name: src}]}]",
            List.of()),
        Arguments.of(
            "missing param and workspace",
            List.of(LINT),
            "tasks: [{name: l, taskRef: {name: lint}}]",
            List.of(
                "tasks[0].params: required param 'flags' of Task 'lint' is not passed",
                "tasks[0].workspaces: required workspace 'src' of Task 'lint' is not bound")),
        Arguments.of(
            "an undeclared param: the project's",
            List.of(LINT),
            "tasks: [{name: l, taskRef: {name: lint}, "
                + "params: [{name: flags, value: [a]}, {name: x, value: y}], workspaces: [{name: src}]}]",
            List.of(
                "tasks[0].params[1].name: [multiarch-tekton] Task 'lint' declares no param 'x' (Tekton ignores "
                    + "it; a typo?)")),
        Arguments.of(
            "a result it does not declare",
            List.of(LINT),
            "tasks: [{name: l, taskRef: {name: lint}, params: "
                + "[{name: flags, value: [a]}], workspaces: [{name: src}]}, {name: m, taskRef: {name: other}, params: "
                + "[{name: r, value: $(tasks.l.results.nope)}]}]",
            List.of(
                "tasks[1].params[0].value: $(tasks.l.results.nope): task 'l' declares no result 'nope'")),
        Arguments.of(
            "a Task outside the set",
            List.of(LINT),
            "tasks: [{name: l, taskRef: {name: git-clone}}]",
            List.of()),
        Arguments.of(
            "one typo away",
            List.of(LINT),
            "tasks: [{name: l, taskRef: {name: lnit}}]",
            List.of(
                "tasks[0].taskRef.name: [multiarch-tekton] Task 'lnit' is not in the set; did you mean 'lint'? "
                    + "(fine if the cluster has it)")),
        Arguments.of(
            "two versions, referenced",
            List.of(LINT, LINT.replace("default: warn", "default: error")),
            "tasks: [{name: l, taskRef: {name: lint}}]",
            List.of(
                "tasks[0].taskRef.name: [multiarch-tekton] Task 'lint' is defined 2 times in the set, "
                    + "differently (doc-0:1, doc-1:1); not checked against either")),
        Arguments.of(
            "the same Task twice is one",
            List.of(LINT, LINT),
            "tasks: [{name: l, taskRef: {name: lint}}]",
            List.of(
                "tasks[0].params: required param 'flags' of Task 'lint' is not passed",
                "tasks[0].workspaces: required workspace 'src' of Task 'lint' is not bound")),
        Arguments.of(
            "a resolver is not followed",
            List.of(LINT),
            "tasks: [{name: l, taskRef: {resolver: hub, params: "
                + "[{name: name, value: lint}]}}]",
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void pipeline(String name, List<String> tasks, String spec, List<String> expected) {
    List<YamlDocs.Doc> docs = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      docs.addAll(YamlDocs.parse("doc-" + i, tasks.get(i)));
    }
    var catalog = new ResolvedReferences.Catalog(docs);

    assertThat(RuleTable.lines(ResolvedReferences.pipeline(RuleTable.yaml(spec), catalog)))
        .containsExactlyElementsOf(expected);
  }
}
