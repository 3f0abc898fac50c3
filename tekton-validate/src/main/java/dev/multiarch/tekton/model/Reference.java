package dev.multiarch.tekton.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Tekton variable reference, {@code $(...)}, read the way Tekton reads it: {@code
 * pkg/substitution}'s brace pattern for params ({@code $(params.x)}, {@code $(params["x"])}, {@code
 * $(params['x'])}, an index {@code [0]} or {@code [*]}, an object key {@code $(params.x.key)}), and
 * the reconciler's literal replacement keys for the rest ({@code $(tasks.t.results.r)}, {@code
 * $(context.pipelineRun.name)}, {@code $(workspaces.w.path)}, ...). Text that Tekton does not read
 * as a reference, such as {@code $(params[ 'x' ])} with spaces outside the quotes or a shell's
 * {@code $(uname -m)}, is not one here either: both webhook and reconciler leave it as it is.
 *
 * @param text the whole reference as written, {@code $(params.x[*])}
 * @param start where it starts in the text it was found in
 * @param root {@code params}, {@code tasks}, {@code finally}, {@code context}, {@code workspaces},
 *     {@code results}, {@code steps}, {@code artifacts}, {@code inputs} or {@code outputs}
 * @param key what it names without index, in dot form: {@code params.x}, {@code params.x.key},
 *     {@code tasks.t.results.r}, {@code tasks.t.results.r.key}, {@code tasks.t.status}, {@code
 *     context.taskRun.name}
 * @param index {@code *}, a number, or empty
 * @param bracketed whether a param is named in brackets ({@code params["a.b"]}), so that its name
 *     may hold dots
 */
public record Reference(
    String text, int start, String root, String key, String index, boolean bracketed) {

  /** A {@code $(...)} of anything without parentheses: Tekton expressions hold none. */
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\(([^()]*)\\)");

  private static final Pattern INDEX = Pattern.compile("^(.*?)\\[(\\*|[0-9]+)\\]$");

  /**
   * Tekton's own variable pattern (resultref.go VariableSubstitutionRegex), for the known-roots
   * check.
   */
  private static final Pattern VARIABLE =
      Pattern.compile("[_a-zA-Z0-9.-]+(\\.[_a-zA-Z0-9.-]+)*(\\[([0-9]+|\\*)\\])?");

  private static final Pattern PARAM_BRACKET =
      Pattern.compile("params\\[(?:\"([^\"]*)\"|'([^']*)')\\]");
  private static final Pattern RESULT_BRACKET =
      Pattern.compile(
          "(tasks|finally)\\.([^.\\[\\]]+)\\.results\\[(?:\"([^\"]*)\"|'([^']*)')\\](.*)");
  private static final Pattern MIDDLE_INDEX =
      Pattern.compile("(.*\\.results\\.[^.\\[\\]]+)\\[(\\*|[0-9]+)\\](\\.[^.\\[\\]]+)");
  private static final List<String> ROOTS =
      List.of(
          "params",
          "tasks",
          "finally",
          "context",
          "workspaces",
          "results",
          "steps",
          "artifacts",
          "inputs",
          "outputs",
          "step");

  /**
   * Tekton's artifact references, {@code internal/artifactref/artifactref.go}: a step's or a
   * pipeline task's {@code inputs} or {@code outputs} by category ({@code
   * $(steps.S.outputs.image)}, {@code $(tasks.T.inputs.source)}), matched by Tekton's own patterns
   * rather than the substitution grammar above, as Tekton's webhook matches them.
   */
  private static final Pattern STEP_ARTIFACT =
      Pattern.compile("\\$\\(steps\\.[^.]+\\.(?:inputs|outputs)\\.[^.)]+\\)");

  private static final Pattern TASK_ARTIFACT =
      Pattern.compile("\\$\\(tasks\\.[^.]+\\.(?:inputs|outputs)\\.[^.)]+\\)");

  /** The expression between the parentheses, {@code params.x[*]}. */
  public String expression() {
    return text.substring(2, text.length() - 1);
  }

  /** Where it ends in the text it was found in. */
  public int end() {
    return start + text.length();
  }

  /** {@code [*]}: the whole array (or object). */
  public boolean whole() {
    return "*".equals(index);
  }

  /**
   * The param it names, for a {@code params} reference: the first dot component, or the bracketed
   * name.
   */
  public String paramName() {
    String rest = key.substring("params.".length());
    return bracketed ? rest : rest.split("\\.", 2)[0];
  }

  /** The object key of {@code $(params.x.key)}, or empty. */
  public Optional<String> paramKey() {
    if (bracketed) {
      return Optional.empty();
    }
    String[] parts = key.substring("params.".length()).split("\\.", 2);
    return parts.length == 2 ? Optional.of(parts[1]) : Optional.empty();
  }

  /** Whether this is a {@code $(tasks|finally.T.results.R...)} reference. */
  public boolean isResult() {
    // Limit 0, Java's default, on purpose here and below: a key ending in a dot gets no empty last
    // part.
    String[] parts = key.split("\\.", 0);
    return ("tasks".equals(root) || "finally".equals(root))
        && parts.length >= 4
        && "results".equals(parts[2]);
  }

  /** The pipeline task a {@code tasks.T...} or {@code finally.T...} reference names, or empty. */
  public Optional<String> task() {
    String[] parts = key.split("\\.", 0);
    return ("tasks".equals(root) || "finally".equals(root)) && parts.length >= 3
        ? Optional.of(parts[1])
        : Optional.empty();
  }

  /** The result name of a result reference. */
  public String result() {
    return key.split("\\.", 0)[3];
  }

  /**
   * Whether it reads a task's execution status: {@code tasks.T.status}, {@code tasks.T.reason},
   * {@code tasks.status}.
   */
  public boolean isStatus() {
    return "tasks".equals(root)
        && (key.equals("tasks.status")
            || (key.split("\\.").length == 3
                && (key.endsWith(".status") || key.endsWith(".reason"))));
  }

  /** Every reference Tekton would read in {@code text}, in order. */
  public static List<Reference> find(String text) {
    if (text == null || !text.contains("$(")) {
      return List.of();
    }
    List<Reference> known = FOUND.get(text);
    if (known != null) {
      return known;
    }
    List<Reference> out = new ArrayList<>();
    Matcher m = EXPRESSION.matcher(text);
    while (m.find()) {
      parse(m.group(), m.start()).ifPresent(out::add);
    }
    // The rules of one validation read the same strings many times; a bounded memo keeps that
    // cheap.
    if (FOUND.size() > 20_000) {
      FOUND.clear();
    }
    FOUND.put(text, List.copyOf(out));
    return FOUND.get(text);
  }

  private static final java.util.Map<String, List<Reference>> FOUND =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The contents of every {@code $(...)} in {@code text}, references or not. */
  public static List<String> expressions(String text) {
    if (text == null || !text.contains("$(")) {
      return List.of();
    }
    List<String> known = EXPRESSIONS.get(text);
    if (known != null) {
      return known;
    }
    List<String> out = new ArrayList<>();
    Matcher m = EXPRESSION.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    if (EXPRESSIONS.size() > 20_000) {
      EXPRESSIONS.clear();
    }
    EXPRESSIONS.put(text, List.copyOf(out));
    return EXPRESSIONS.get(text);
  }

  private static final java.util.Map<String, List<String>> EXPRESSIONS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Whether {@code expression} has the shape of Tekton's variable pattern (dotted names, an
   * optional index).
   */
  public static boolean looksLikeVariable(String expression) {
    return VARIABLE.matcher(expression).matches();
  }

  /**
   * Whether {@code text} reads a pipeline task's artifacts, {@code $(tasks.T.inputs|outputs.N)}:
   * what {@code validateArtifactReference} looks for in pipeline task params.
   */
  public static boolean readsTaskArtifact(String text) {
    return text != null && TASK_ARTIFACT.matcher(text).find();
  }

  /**
   * Whether {@code text} reads or writes artifacts the way a step may: a step's or a pipeline
   * task's {@code inputs}/{@code outputs}, or the artifact file paths {@code
   * $(step.artifacts.path)} and {@code $(artifacts.path)} ({@code container_validation.go} {@code
   * stepArtifactReferenceExists}, {@code taskArtifactReferenceExists}).
   */
  public static boolean readsArtifact(String text) {
    return text != null
        && (STEP_ARTIFACT.matcher(text).find()
            || readsTaskArtifact(text)
            || text.contains("$(step.artifacts.path)")
            || text.contains("$(artifacts.path)"));
  }

  /** The root words Tekton knows. */
  public static List<String> roots() {
    return ROOTS;
  }

  /** The one reference that is the whole of {@code text}, as Tekton's "isolated" checks require. */
  public static Optional<Reference> isolated(String text) {
    if (text == null || !text.startsWith("$(") || !text.endsWith(")")) {
      return Optional.empty();
    }
    List<Reference> found = find(text);
    return found.size() == 1 && found.get(0).text().length() == text.length()
        ? Optional.of(found.get(0))
        : Optional.empty();
  }

  /**
   * Reads {@code $(...)} (the whole text, parentheses included) as a reference, if Tekton would.
   */
  public static Optional<Reference> parse(String text, int start) {
    String expression = text.substring(2, text.length() - 1);
    String index = "";
    Matcher indexed = INDEX.matcher(expression);
    String body = expression;
    if (indexed.matches() && !expression.endsWith("\"]") && !expression.endsWith("']")) {
      body = indexed.group(1);
      index = indexed.group(2);
    }
    Matcher bracket = PARAM_BRACKET.matcher(body);
    if (bracket.matches()) {
      String name = bracket.group(1) != null ? bracket.group(1) : bracket.group(2);
      return name.isEmpty()
          ? Optional.empty()
          : Optional.of(create(text, start, "params", "params." + name, index, true));
    }
    Matcher result = RESULT_BRACKET.matcher(body);
    if (result.matches()) {
      String name = result.group(3) != null ? result.group(3) : result.group(4);
      String rest = result.group(5);
      Matcher restIndex = INDEX.matcher(rest);
      if (restIndex.matches()) {
        rest = restIndex.group(1);
        index = restIndex.group(2);
      }
      if (!rest.isEmpty() && !rest.matches("\\.[^.\\[\\]]+")) {
        return Optional.empty();
      }
      return Optional.of(
          create(
              text,
              start,
              result.group(1),
              result.group(1) + "." + result.group(2) + ".results." + name + rest,
              index,
              false));
    }
    // tasks.t.results.r[0].key: an index in the middle, before an object key.
    Matcher middle = MIDDLE_INDEX.matcher(body);
    if (index.isEmpty() && middle.matches()) {
      body = middle.group(1) + middle.group(3);
      index = middle.group(2);
    }
    if (body.isEmpty()
        || body.contains("[")
        || body.contains("]")
        || body.contains(" ")
        || body.contains("\t")
        || body.contains("$")
        || body.startsWith(".")
        || body.endsWith(".")
        || body.contains("..")) {
      return Optional.empty();
    }
    int dot = body.indexOf('.');
    String root = dot < 0 ? body : body.substring(0, dot);
    if (!ROOTS.contains(root) || !body.contains(".")) {
      return Optional.empty();
    }
    if ("params".equals(root) && body.split("\\.").length > 3) {
      return Optional.empty(); // Tekton: only two dot-separated components after "params"
    }
    return Optional.of(create(text, start, root, body, index, false));
  }

  private static Reference create(
      String text, int start, String root, String key, String index, boolean bracket) {
    return new Reference(text, start, root, key, index, bracket);
  }
}
