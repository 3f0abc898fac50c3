package dev.multiarch.tekton.validate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.FieldErrors;
import dev.multiarch.tekton.validate.YamlDocs;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Helpers for the rule tables: a YAML snippet as a tree, findings as {@code path: message} lines,
 * table rows.
 */
public final class RuleTable {

  public static final FeatureFlags DEFAULTS = FeatureFlags.defaults();
  public static final FeatureFlags ALPHA =
      FeatureFlags.defaults().with(FeatureFlags.ENABLE_API_FIELDS, "alpha");
  public static final FeatureFlags STABLE =
      FeatureFlags.defaults().with(FeatureFlags.ENABLE_API_FIELDS, "stable");

  private RuleTable() {}

  public static JsonNode yaml(String text) {
    return YamlDocs.parse("table", text).get(0).root();
  }

  /** {@code path: message}, with the project tag for this project's rules. */
  public static List<String> lines(FieldErrors errs) {
    return errs.list().stream()
        .map(e -> e.path() + ": " + (e.project() ? "[multiarch-tekton] " : "") + e.message())
        .toList();
  }

  /** A row: its name, the YAML it checks, the flags, and the expected lines (none: accepted). */
  public static Arguments row(String name, String yaml, FeatureFlags flags, String... expected) {
    return Arguments.of(name, yaml, flags, Arrays.asList(expected));
  }
}
