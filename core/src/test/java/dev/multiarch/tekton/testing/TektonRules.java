package dev.multiarch.tekton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.FeatureFlags;
import dev.multiarch.tekton.ValidationProblem;
import dev.multiarch.tekton.internal.validate.YamlDocs;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-side view of the production checker ({@code internal.validate.TektonRules}): findings as
 * {@code Kind/name path: rule} lines, for tables of planted defects that need no file names or line numbers.
 */
public final class TektonRules {

  private TektonRules() {
  }

  /** Checks the texts together (each may hold several documents); returns the findings, in document order. */
  public static List<String> check(List<String> yamlDocuments) {
    List<YamlDocs.Doc> docs = new ArrayList<>();
    for (int i = 0; i < yamlDocuments.size(); i++) {
      docs.addAll(YamlDocs.parse("document-" + i, yamlDocuments.get(i)));
    }
    return dev.multiarch.tekton.internal.validate.TektonRules.check(docs, FeatureFlags.defaults(), true).findings()
        .stream().map(TektonRules::line).distinct().toList();
  }

  /** Asserts that {@link #check(List)} finds nothing, listing every finding otherwise. */
  public static void assertClean(List<String> yamlDocuments) {
    List<String> findings = check(yamlDocuments);
    assertThat(findings)
        .as("Tekton admission rule violations:%n  %s", String.join("\n  ", findings))
        .isEmpty();
  }

  private static String line(dev.multiarch.tekton.internal.validate.TektonRules.Finding finding) {
    return finding.doc().label() + " " + finding.path() + ": "
        + (finding.project() ? ValidationProblem.PROJECT_TAG + " " : "") + finding.message();
  }
}
