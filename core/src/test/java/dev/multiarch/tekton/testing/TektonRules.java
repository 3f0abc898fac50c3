package dev.multiarch.tekton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.validate.ValidationProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-side view of the production checker ({@link MultiArchTekton#validator()}): findings as
 * {@code Kind/name path: rule} lines, for tables of planted defects that need no file names or line
 * numbers.
 */
public final class TektonRules {

  private TektonRules() {}

  /**
   * Checks the texts together (each may hold several documents); returns the findings, in file and
   * line order.
   */
  public static List<String> check(List<String> yamlDocuments) {
    Map<String, String> texts = new LinkedHashMap<>();
    for (int i = 0; i < yamlDocuments.size(); i++) {
      texts.put("document-" + i, yamlDocuments.get(i));
    }
    return MultiArchTekton.validator().validate(texts).problems().stream()
        .map(TektonRules::line)
        .distinct()
        .toList();
  }

  /** Asserts that {@link #check(List)} finds nothing, listing every finding otherwise. */
  public static void assertClean(List<String> yamlDocuments) {
    List<String> findings = check(yamlDocuments);
    assertThat(findings)
        .as("Tekton admission rule violations:%n  %s", String.join("\n  ", findings))
        .isEmpty();
  }

  private static String line(ValidationProblem problem) {
    return problem.kind()
        + "/"
        + problem.name()
        + " "
        + problem.path()
        + ": "
        + (problem.project() ? ValidationProblem.PROJECT_TAG + " " : "")
        + problem.message();
  }
}
