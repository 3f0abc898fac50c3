package dev.multiarch.tekton.internal.spec;

import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.model.KubernetesNames;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The value rules of the build spec, shared by its records. Each check returns the value or throws
 * an {@link InvalidValueException} naming the field, the value and what is allowed.
 */
public final class Checks {

  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  /** The longest tag an image may carry (distribution reference grammar). */
  public static final int MAX_TAG = 128;

  private Checks() {}

  /** A DNS-1123 label (lowercase alphanumerics and '-') of at most {@code max} characters. */
  public static String dnsLabel(String field, String value, int max) {
    String v = value == null ? "" : value;
    if (v.length() > max || !KubernetesNames.isDnsLabelShape(v)) {
      throw new InvalidValueException(
          field,
          v,
          "a DNS-1123 label of at most "
              + max
              + " characters: lowercase letters, digits and '-', starting and ending with a letter or digit");
    }
    return v;
  }

  /** Empty, or a DNS-1123 subdomain such as a Secret's name. */
  public static String emptyOrDnsSubdomain(String field, String value) {
    String v = value == null ? "" : value;
    if (!v.isEmpty() && (v.length() > 253 || !KubernetesNames.isDnsSubdomainShape(v))) {
      throw new InvalidValueException(
          field,
          v,
          "a DNS-1123 subdomain of at most 253 characters: lowercase "
              + "letters, digits, '-' and '.', starting and ending with a letter or digit");
    }
    return v;
  }

  /** An image tag of at most {@code max} characters. */
  public static String tag(String field, String value, int max) {
    String v = value == null ? "" : value;
    if (v.length() > max || !TAG.matcher(v).matches()) {
      throw new InvalidValueException(
          field,
          v,
          "an image tag of at most "
              + max
              + " characters: letters, digits, '_', '.' and '-', not starting with '.' or '-'");
    }
    return v;
  }

  /** True if the text is an image tag of at most 128 characters. */
  static boolean isTag(String value) {
    return value.length() <= MAX_TAG && TAG.matcher(value).matches();
  }

  /** The length of the longest {@code -<os>-<arch>[-<variant>]} suffix a per-arch tag can get. */
  public static int longestPlatformSuffix() {
    return 1 + Platform.known().stream().mapToInt(p -> p.tagSuffix().length()).max().orElse(0);
  }

  /**
   * A label set such as a nodeSelector, copied in its order: every key a label key, every value a
   * label value. A bad key is reported as the value of {@code field}; a bad value names its key.
   */
  public static Map<String, String> labelSet(String field, Map<String, String> labels) {
    Map<String, String> copy = new LinkedHashMap<>();
    (labels == null ? Map.<String, String>of() : labels)
        .forEach(
            (key, value) -> {
              String k = key == null ? "" : key;
              String v = value == null ? "" : value;
              KubernetesNames.labelKeyProblem(k)
                  .ifPresent(
                      allowed -> {
                        throw new InvalidValueException(field, k, allowed);
                      });
              KubernetesNames.labelValueProblem(v)
                  .ifPresent(
                      allowed -> {
                        throw new InvalidValueException(
                            field, v, allowed + " (the value of " + k + ")");
                      });
              copy.put(k, v);
            });
    return Collections.unmodifiableMap(copy);
  }

  /** True if the text holds a control character (newline, tab, NUL, DEL, ...). */
  public static boolean hasControl(String value) {
    return value.chars().anyMatch(Character::isISOControl);
  }

  /** True if the text holds whitespace or a control character. */
  static boolean hasSpaceOrControl(String value) {
    return value
        .chars()
        .anyMatch(
            c ->
                Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c));
  }
}
