package dev.multiarch.tekton.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes' name grammars, as apimachinery's {@code pkg/util/validation/validation.go} defines
 * them: DNS-1123 labels and subdomains, qualified names (label keys) and label values. The one copy
 * that the validator's rules and the build spec's checks share; each caller adds its own length
 * limit where Tekton or Kubernetes sets one.
 */
public final class KubernetesNames {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  // IsQualifiedName's name part and IsValidLabelValue share this grammar.
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final int MAX_NAME = 63;
  private static final int MAX_SUBDOMAIN = 253;

  private KubernetesNames() {}

  /**
   * Whether the text has the shape of a DNS-1123 label (lowercase alphanumerics and '-'), whatever
   * its length.
   */
  public static boolean isDnsLabelShape(String text) {
    return DNS_LABEL.matcher(text).matches();
  }

  /**
   * Whether the text has the shape of a DNS-1123 subdomain (dot-separated labels), whatever its
   * length.
   */
  public static boolean isDnsSubdomainShape(String text) {
    return DNS_SUBDOMAIN.matcher(text).matches();
  }

  /**
   * Kubernetes' {@code IsQualifiedName}: an optional DNS-1123 subdomain prefix and '/', then a name
   * of at most 63.
   */
  public static boolean isQualifiedName(String text) {
    int slash = text.indexOf('/');
    String prefix = slash < 0 ? null : text.substring(0, slash);
    String name = slash < 0 ? text : text.substring(slash + 1);
    boolean prefixOk =
        prefix == null
            || (!prefix.isEmpty()
                && prefix.length() <= MAX_SUBDOMAIN
                && isDnsSubdomainShape(prefix));
    return prefixOk && name.length() <= MAX_NAME && QUALIFIED_NAME.matcher(name).matches();
  }

  /** Why {@code key} is not a label key (a qualified name), or empty if it is one. */
  public static Optional<String> labelKeyProblem(String key) {
    if (isQualifiedName(key)) {
      return Optional.empty();
    }
    return Optional.of(
        "a label key: an optional DNS-1123 subdomain prefix and '/' (such as kubernetes.io/), then a"
            + " name of at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
  }

  /** Why {@code value} is not a label value ({@code IsValidLabelValue}), or empty if it is one. */
  public static Optional<String> labelValueProblem(String value) {
    if (value.isEmpty()
        || (value.length() <= MAX_NAME && QUALIFIED_NAME.matcher(value).matches())) {
      return Optional.empty();
    }
    return Optional.of(
        "a label value: empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending"
            + " with a letter or digit");
  }
}
