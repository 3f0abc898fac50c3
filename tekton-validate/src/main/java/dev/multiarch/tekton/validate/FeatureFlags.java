package dev.multiarch.tekton.validate;

import dev.multiarch.tekton.input.BoundedInput;
import dev.multiarch.tekton.input.InputException;
import dev.multiarch.tekton.input.InputLimits;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The keys of Tekton's {@code feature-flags} ConfigMap that change what its admission webhook
 * accepts, with Tekton's own defaults (read from {@code pkg/apis/config/feature_flags.go}): {@code
 * enable-api-fields} {@code beta}, the alpha features ({@code enable-param-enum}, {@code
 * enable-cel-in-whenexpression}, {@code enable-artifacts}, {@code enable-concise-resolver-syntax})
 * off, StepActions on (stable since Tekton v1.0.0), no {@code disable-inline-spec}. Immutable;
 * {@link #with} gives a copy with one key changed.
 *
 * <pre>{@code
 * FeatureFlags flags = FeatureFlags.fromConfigMap(Path.of("feature-flags.yaml")).with("enable-param-enum", "true");
 * }</pre>
 */
public final class FeatureFlags {

  public static final String ENABLE_API_FIELDS = "enable-api-fields";
  public static final String ENABLE_PARAM_ENUM = "enable-param-enum";
  public static final String ENABLE_CEL_IN_WHEN = "enable-cel-in-whenexpression";
  public static final String ENABLE_ARTIFACTS = "enable-artifacts";
  public static final String ENABLE_CONCISE_RESOLVER_SYNTAX = "enable-concise-resolver-syntax";
  public static final String ENABLE_STEP_ACTIONS = "enable-step-actions";
  public static final String DISABLE_INLINE_SPEC = "disable-inline-spec";

  private static final List<String> API_FIELDS = List.of("stable", "beta", "alpha");
  private static final List<String> INLINE_SPEC_KINDS =
      List.of("pipeline", "pipelinerun", "taskrun");
  private static final Map<String, String> DEFAULTS =
      defaults(
          ENABLE_API_FIELDS,
          "beta",
          ENABLE_PARAM_ENUM,
          "false",
          ENABLE_CEL_IN_WHEN,
          "false",
          ENABLE_ARTIFACTS,
          "false",
          ENABLE_CONCISE_RESOLVER_SYNTAX,
          "false",
          ENABLE_STEP_ACTIONS,
          "true",
          DISABLE_INLINE_SPEC,
          "");

  /**
   * Keys Tekton knows that decide how runs run, not what admission accepts: read and otherwise
   * ignored.
   */
  private static final Set<String> OTHER_KEYS =
      Set.of(
          "disable-affinity-assistant",
          "disable-creds-init",
          "running-in-environment-with-injected-sidecars",
          "await-sidecar-readiness",
          "require-git-ssh-secret-known-hosts",
          "enable-tekton-oci-bundles",
          "send-cloudevents-for-runs",
          "enforce-nonfalsifiability",
          "trusted-resources-verification-no-match-policy",
          "enable-provenance-in-status",
          "results-from",
          "max-result-size",
          "set-security-context",
          "coschedule",
          "keep-pod-on-cancel",
          "enable-kubernetes-sidecar",
          "enable-custom-tasks",
          "embedded-status",
          "custom-task-version",
          "resource-verification-mode",
          "enable-keep-pod-on-cancel",
          "enable-wait-exponential-backoff",
          "set-security-context-read-only-root-filesystem",
          "disable-inline-spec-taskrun");

  private final Map<String, String> values;

  private FeatureFlags(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Tekton's defaults. */
  public static FeatureFlags defaults() {
    return new FeatureFlags(DEFAULTS);
  }

  /**
   * The {@code data} of a {@code feature-flags} ConfigMap file, as {@code kubectl get configmap
   * feature-flags -o yaml} prints it, over Tekton's defaults. Keys Tekton does not know are
   * ignored, as Tekton ignores them.
   *
   * @throws YamlInputException when the file cannot be read, is not YAML or is not a ConfigMap with
   *     data
   * @throws FeatureFlagException naming the key when a value is not one Tekton accepts
   */
  public static FeatureFlags fromConfigMap(Path file) {
    String text;
    try {
      // Bounded as every file given to validate is; composing it first holds it to the same limits.
      text = BoundedInput.read(file, InputLimits.TEKTON_FILE);
      BoundedInput.composeOne(file.toString(), text, InputLimits.TEKTON_FILE);
    } catch (InputException e) {
      throw new YamlInputException(e.file(), e.line(), e.problem(), e);
    }
    Object root;
    try {
      root = new Yaml(new LoaderOptions()).load(text);
    } catch (YAMLException e) {
      throw new YamlInputException(
          file.toString(), 0, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!(root instanceof Map<?, ?> map)
        || !"ConfigMap".equals(map.get("kind"))
        || !(map.get("data") instanceof Map<?, ?> data)) {
      throw new YamlInputException(
          file.toString(),
          0,
          "not a ConfigMap with data (expected the output of "
              + "'kubectl get configmap feature-flags -o yaml')");
    }
    FeatureFlags flags = defaults();
    for (Map.Entry<?, ?> entry : data.entrySet()) {
      String key = String.valueOf(entry.getKey());
      if (DEFAULTS.containsKey(key)) {
        flags = flags.with(key, entry.getValue() == null ? "" : String.valueOf(entry.getValue()));
      }
    }
    return flags;
  }

  /**
   * A copy with {@code key} set to {@code value}.
   *
   * @throws FeatureFlagException when Tekton knows no such key, or the value is not one it accepts
   *     for it
   */
  public FeatureFlags with(String key, String value) {
    Objects.requireNonNull(value, "value");
    String normalised;
    if (key.equals(ENABLE_API_FIELDS)) {
      normalised = value.toLowerCase(java.util.Locale.ROOT);
      if (!API_FIELDS.contains(normalised)) {
        throw new FeatureFlagException(key, value, "one of stable, beta, alpha");
      }
    } else if (key.equals(DISABLE_INLINE_SPEC)) {
      normalised = value.strip();
      for (String kind : normalised.split(",", -1)) {
        if (!kind.isBlank() && !INLINE_SPEC_KINDS.contains(kind.strip())) {
          throw new FeatureFlagException(
              key, value, "a comma-separated list of pipeline, pipelinerun, taskrun");
        }
      }
    } else if (DEFAULTS.containsKey(key)) {
      normalised = parseBool(key, value);
    } else if (OTHER_KEYS.contains(key)) {
      return this;
    } else {
      throw new FeatureFlagException(
          "feature flag",
          key,
          "a key of Tekton's feature-flags ConfigMap, such as "
              + String.join(", ", DEFAULTS.keySet()));
    }
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(key, normalised);
    return new FeatureFlags(copy);
  }

  /** {@code enable-api-fields}: {@code stable}, {@code beta} or {@code alpha}. */
  public String apiFields() {
    return values.get(ENABLE_API_FIELDS);
  }

  /**
   * Whether {@code enable-api-fields} lets features of {@code stability} (beta or alpha) through.
   */
  public boolean allows(String stability) {
    return API_FIELDS.indexOf(apiFields()) >= API_FIELDS.indexOf(stability);
  }

  /** Whether a boolean key is {@code "true"}. */
  public boolean enabled(String key) {
    return "true".equals(values.get(key));
  }

  /**
   * Whether {@code disable-inline-spec} names {@code kind} ({@code pipeline}, {@code pipelinerun},
   * {@code taskrun}).
   */
  public boolean inlineSpecDisabled(String kind) {
    for (String k : values.get(DISABLE_INLINE_SPEC).split(",", -1)) {
      if (k.strip().equals(kind)) {
        return true;
      }
    }
    return false;
  }

  /** Every key this class models, with its value. */
  public Map<String, String> values() {
    return values;
  }

  /**
   * The phrase a finding uses for a flag it needs: {@code feature flag enable-param-enum: "true"}.
   */
  public static String flag(String key, String value) {
    return "feature flag " + key + ": \"" + value + "\"";
  }

  // Go's strconv.ParseBool, which Tekton uses for every boolean key.
  private static String parseBool(String key, String value) {
    return switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> "true";
      case "0", "f", "F", "FALSE", "false", "False" -> "false";
      default -> throw new FeatureFlagException(key, value, "true or false");
    };
  }

  private static Map<String, String> defaults(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FeatureFlags flags && flags.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
