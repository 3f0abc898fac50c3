package dev.multiarch.tekton.validate;

import dev.multiarch.tekton.input.BoundedInput;
import dev.multiarch.tekton.input.InputException;
import dev.multiarch.tekton.input.InputLimits;
import dev.multiarch.tekton.validate.internal.TektonRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks Tekton YAML (Pipeline, Task, PipelineRun, TaskRun, StepAction, inline specs too) for what
 * the cluster would reject or only find at run time: unknown fields and wrong types, the admission
 * rules of Tekton's webhook under the cluster's feature flags, and the fit of each reference with
 * what the set defines under that name; then the {@link RuleSet}s added on top (multiarch-tekton's
 * core adds its own). Documents of other API groups are passed over; Tekton kinds it does not model
 * are skipped with a note. This module can be used on its own.
 *
 * <pre>{@code
 * ValidationReport report = TektonValidator.create()
 *     .withFeatureFlags(FeatureFlags.fromConfigMap(Path.of("feature-flags.yaml")))
 *     .validateFiles(List.of(Path.of("deploy/pipeline.yaml")));
 * report.problems().forEach(System.out::println);   // file:line: kind/name: path: message
 * }</pre>
 */
public final class TektonValidator {

  private final FeatureFlags flags;
  private final List<RuleSet> ruleSets;
  private final boolean referenceHints;

  private TektonValidator(FeatureFlags flags, List<RuleSet> ruleSets, boolean referenceHints) {
    this.flags = Objects.requireNonNull(flags, "flags");
    this.ruleSets = List.copyOf(ruleSets);
    this.referenceHints = referenceHints;
  }

  /** A validator with Tekton's default feature flags and Tekton's rules only. */
  public static TektonValidator create() {
    return new TektonValidator(FeatureFlags.defaults(), List.of(), false);
  }

  /** The same validator checking against the cluster's feature flags. */
  public TektonValidator withFeatureFlags(FeatureFlags flags) {
    return new TektonValidator(flags, ruleSets, referenceHints);
  }

  /**
   * The same validator also reporting references that Tekton accepts but that look like mistakes,
   * tagged as {@link ValidationProblem#project()} findings: a Task or Pipeline name one typo away
   * from one the set defines, a name the set defines twice differently, a param passed to a Task
   * that does not declare it.
   */
  public TektonValidator withReferenceHints() {
    return new TektonValidator(flags, ruleSets, true);
  }

  /** Whether {@link #withReferenceHints()} was asked for. */
  public boolean referenceHints() {
    return referenceHints;
  }

  /**
   * The same validator running {@code ruleSet} too, after Tekton's rules and the rule sets added
   * before it.
   */
  public TektonValidator withRuleSet(RuleSet ruleSet) {
    List<RuleSet> more = new ArrayList<>(ruleSets);
    more.add(Objects.requireNonNull(ruleSet, "ruleSet"));
    return new TektonValidator(flags, more, referenceHints);
  }

  public FeatureFlags featureFlags() {
    return flags;
  }

  /** The rule sets added on top of Tekton's rules, in order; empty for Tekton's rules only. */
  public List<RuleSet> ruleSets() {
    return ruleSets;
  }

  /**
   * Reads and checks the files together, so that each reference is checked against what any of them
   * defines. Each file must be a regular file (or standard input as {@code /dev/stdin}) of at most
   * 16 MiB, with lines of at most 256 KiB and at most 100,000 YAML nodes once aliases are expanded
   * ({@code docs/limits.md}, "Limits on input").
   *
   * @throws YamlInputException when a file cannot be read, is over a limit or is not YAML
   */
  public ValidationReport validateFiles(List<Path> files) {
    // Each file parsed as soon as it is read, so that only the documents are held, not the texts
    // too: memory in proportion to the set's documents, one file open at a time.
    List<String> names = new ArrayList<>();
    List<YamlDocs.Doc> docs = new ArrayList<>();
    for (Path file : files) {
      String text;
      try {
        text = BoundedInput.read(file, InputLimits.TEKTON_FILE);
      } catch (InputException e) {
        throw new YamlInputException(e.file(), e.line(), e.problem(), e);
      }
      names.add(file.toString());
      docs.addAll(YamlDocs.parse(file.toString(), text));
    }
    return report(names, docs);
  }

  /**
   * Checks YAML texts together, each named (a file name) for the problems' locations; each text is
   * held to the limits of a file.
   *
   * @throws YamlInputException when a text is over a limit or not YAML
   */
  public ValidationReport validate(Map<String, String> namedTexts) {
    List<YamlDocs.Doc> docs = new ArrayList<>();
    namedTexts.forEach((name, text) -> docs.addAll(YamlDocs.parse(name, text)));
    return report(List.copyOf(namedTexts.keySet()), docs);
  }

  private ValidationReport report(List<String> names, List<YamlDocs.Doc> docs) {
    TektonRules.Result result = TektonRules.check(docs, flags, ruleSets, referenceHints);
    Set<YamlDocs.Doc> failed = Collections.newSetFromMap(new IdentityHashMap<>());
    Map<String, ValidationProblem> problems = new LinkedHashMap<>();
    for (TektonRules.Finding finding : result.findings()) {
      YamlDocs.Doc doc = finding.doc();
      failed.add(doc);
      ValidationProblem problem =
          new ValidationProblem(
              doc.source(),
              doc.line(finding.path()),
              doc.kind(),
              doc.name(),
              finding.path(),
              finding.message(),
              finding.project());
      problems.putIfAbsent(problem.toString(), problem); // one rule reached twice says it once
    }
    // File by file in the order given, each from top to bottom.
    // Each file's place looked up, not searched: a set of 20,000 files with a problem each.
    Map<String, Integer> order = new HashMap<>();
    names.forEach(name -> order.putIfAbsent(name, order.size()));
    List<ValidationProblem> sorted = new ArrayList<>(problems.values());
    sorted.sort(
        Comparator.comparingInt((ValidationProblem p) -> order.getOrDefault(p.file(), -1))
            .thenComparingInt(ValidationProblem::line));
    Set<String> skipped = new LinkedHashSet<>();
    for (TektonRules.Skipped s : result.skipped()) {
      skipped.add(
          s.doc().source()
              + ":"
              + s.doc().line("")
              + ": "
              + s.doc().label()
              + ": skipped: "
              + s.why());
    }
    return new ValidationReport(sorted, result.documents(), failed.size(), List.copyOf(skipped));
  }
}
