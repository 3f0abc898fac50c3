package dev.multiarch.tekton;

import dev.multiarch.tekton.internal.validate.Findings;
import dev.multiarch.tekton.internal.validate.TektonRules;
import dev.multiarch.tekton.internal.validate.YamlDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks Tekton v1 YAML (Pipeline, Task, PipelineRun, TaskRun, inline specs too) for what the cluster would reject
 * or only find at run time: unknown fields and wrong types, the admission rules of Tekton's webhook, the fit of a
 * Pipeline with the Tasks given beside it, and this project's rules (no substitution in scripts, privileged steps
 * declared). Documents of other kinds are skipped.
 *
 * <pre>{@code
 * ValidationReport report = TektonValidator.create().validateFiles(List.of(Path.of("deploy/pipeline.yaml")));
 * report.problems().forEach(System.out::println);   // file:line: kind/name: path: message
 * }</pre>
 */
public final class TektonValidator {

  /** Tekton's {@code enable-api-fields} feature flag, which decides whether alpha fields are accepted. */
  public enum ApiFields {
    BETA, ALPHA;

    /** {@code beta} or {@code alpha}. */
    public static ApiFields parse(String text) {
      for (ApiFields value : values()) {
        if (value.name().equalsIgnoreCase(text)) {
          return value;
        }
      }
      throw new InvalidValueException("--feature-flags", text, "beta or alpha (Tekton's enable-api-fields)");
    }
  }

  private final ApiFields apiFields;

  private TektonValidator(ApiFields apiFields) {
    this.apiFields = apiFields;
  }

  /** A validator with Tekton's default feature flags ({@code enable-api-fields: beta}). */
  public static TektonValidator create() {
    return new TektonValidator(ApiFields.BETA);
  }

  public TektonValidator withApiFields(ApiFields apiFields) {
    return new TektonValidator(apiFields);
  }

  /**
   * Reads and checks the files together, so that a Pipeline is checked against the Tasks in any of them.
   *
   * @throws YamlInputException when a file cannot be read or is not YAML
   */
  public ValidationReport validateFiles(List<Path> files) {
    Map<String, String> texts = new LinkedHashMap<>();
    for (Path file : files) {
      try {
        texts.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new YamlInputException(file.toString(), 0, "cannot read it: " + e.getMessage());
      }
    }
    return validate(texts);
  }

  /**
   * Checks YAML texts together, each named (a file name) for the problems' locations.
   *
   * @throws YamlInputException when a text is not YAML
   */
  public ValidationReport validate(Map<String, String> namedTexts) {
    List<YamlDocs.Doc> docs = new ArrayList<>();
    namedTexts.forEach((name, text) -> docs.addAll(YamlDocs.parse(name, text)));
    List<ValidationProblem> problems = new ArrayList<>();
    Set<YamlDocs.Doc> failed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Findings.Finding finding : TektonRules.check(docs, apiFields == ApiFields.ALPHA)) {
      YamlDocs.Doc doc = finding.doc();
      failed.add(doc);
      problems.add(new ValidationProblem(doc.source(), doc.line(finding.path()), doc.kind(), doc.name(),
          finding.path(), finding.rule()));
    }
    // File by file in the order given, each from top to bottom.
    List<String> order = List.copyOf(namedTexts.keySet());
    problems.sort(Comparator.comparingInt((ValidationProblem p) -> order.indexOf(p.file()))
        .thenComparingInt(ValidationProblem::line));
    int documents = (int) docs.stream().filter(TektonRules::isTekton).count();
    return new ValidationReport(problems, documents, failed.size());
  }
}
