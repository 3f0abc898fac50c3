package dev.multiarch.tekton;

import dev.multiarch.tekton.internal.input.BoundedInput;
import dev.multiarch.tekton.internal.input.InputException;
import dev.multiarch.tekton.internal.input.InputLimits;
import dev.multiarch.tekton.internal.validate.TektonRules;
import dev.multiarch.tekton.internal.validate.YamlDocs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks Tekton YAML (Pipeline, Task, PipelineRun, TaskRun, StepAction, inline specs too) for what the cluster would
 * reject or only find at run time: unknown fields and wrong types, the admission rules of Tekton's webhook under the
 * cluster's feature flags, the fit of each reference with what the set defines under that name, and this project's
 * rules (no substitution in scripts, privileged steps declared), which {@link Rules#TEKTON} switches off. Documents of
 * other API groups are passed over; Tekton kinds it does not model are skipped with a note.
 *
 * <pre>{@code
 * ValidationReport report = TektonValidator.create()
 *     .withFeatureFlags(FeatureFlags.fromConfigMap(Path.of("feature-flags.yaml")))
 *     .validateFiles(List.of(Path.of("deploy/pipeline.yaml")));
 * report.problems().forEach(System.out::println);   // file:line: kind/name: path: message
 * }</pre>
 */
public final class TektonValidator {

  /** Which rules run: all of them, or Tekton's own only. */
  public enum Rules {
    /** Tekton's rules and this project's. */
    ALL,
    /** Tekton's rules only. */
    TEKTON;

    /** {@code all} or {@code tekton}. */
    public static Rules parse(String text) {
      for (Rules value : values()) {
        if (value.name().equalsIgnoreCase(text)) {
          return value;
        }
      }
      throw new InvalidValueException("rules", text, "all or tekton");
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final FeatureFlags flags;
  private final Rules rules;

  private TektonValidator(FeatureFlags flags, Rules rules) {
    this.flags = Objects.requireNonNull(flags, "flags");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /** A validator with Tekton's default feature flags and all rules. */
  public static TektonValidator create() {
    return new TektonValidator(FeatureFlags.defaults(), Rules.ALL);
  }

  /** The same validator checking against the cluster's feature flags. */
  public TektonValidator withFeatureFlags(FeatureFlags flags) {
    return new TektonValidator(flags, rules);
  }

  /** The same validator running {@code rules}. */
  public TektonValidator withRules(Rules rules) {
    return new TektonValidator(flags, rules);
  }

  public FeatureFlags featureFlags() {
    return flags;
  }

  public Rules rules() {
    return rules;
  }

  /**
   * Reads and checks the files together, so that each reference is checked against what any of them defines. Each
   * file must be a regular file (or standard input as {@code /dev/stdin}) of at most 16 MiB, with lines of at most
   * 256 KiB and at most 100,000 YAML nodes once aliases are expanded (README, "Limits on input").
   *
   * @throws YamlInputException when a file cannot be read, is over a limit or is not YAML
   */
  public ValidationReport validateFiles(List<Path> files) {
    Map<String, String> texts = new LinkedHashMap<>();
    for (Path file : files) {
      try {
        texts.put(file.toString(), BoundedInput.read(file, InputLimits.TEKTON_FILE));
      } catch (InputException e) {
        throw new YamlInputException(e.file(), e.line(), e.problem(), e);
      }
    }
    return validate(texts);
  }

  /**
   * Checks YAML texts together, each named (a file name) for the problems' locations; each text is held to the
   * limits of a file.
   *
   * @throws YamlInputException when a text is over a limit or not YAML
   */
  public ValidationReport validate(Map<String, String> namedTexts) {
    List<YamlDocs.Doc> docs = new ArrayList<>();
    namedTexts.forEach((name, text) -> docs.addAll(YamlDocs.parse(name, text)));
    TektonRules.Result result = TektonRules.check(docs, flags, rules == Rules.ALL);
    Set<YamlDocs.Doc> failed = Collections.newSetFromMap(new IdentityHashMap<>());
    Map<String, ValidationProblem> problems = new LinkedHashMap<>();
    for (TektonRules.Finding finding : result.findings()) {
      YamlDocs.Doc doc = finding.doc();
      failed.add(doc);
      ValidationProblem problem = new ValidationProblem(doc.source(), doc.line(finding.path()), doc.kind(), doc.name(),
          finding.path(), finding.message(), finding.project());
      problems.putIfAbsent(problem.toString(), problem); // one rule reached twice says it once
    }
    // File by file in the order given, each from top to bottom.
    List<String> order = List.copyOf(namedTexts.keySet());
    List<ValidationProblem> sorted = new ArrayList<>(problems.values());
    sorted.sort(Comparator.comparingInt((ValidationProblem p) -> order.indexOf(p.file()))
        .thenComparingInt(ValidationProblem::line));
    Set<String> skipped = new LinkedHashSet<>();
    for (TektonRules.Skipped s : result.skipped()) {
      skipped.add(s.doc().source() + ":" + s.doc().line("") + ": " + s.doc().label() + ": skipped: " + s.why());
    }
    return new ValidationReport(sorted, result.documents(), failed.size(), List.copyOf(skipped));
  }
}
