package dev.multiarch.tekton.internal.spec;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference split by the distribution reference grammar: {@code
 * host[:port]/path[:tag][@digest]}. A registry host is required: clusters resolve short names
 * differently, so every image here is qualified.
 *
 * @param repository host and path, for example {@code quay.io/org/app}
 * @param tag the tag, or empty
 * @param digest the digest such as {@code sha256:<64 hex>}, or empty
 */
public record ImageReference(String repository, String tag, String digest) {

  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern DOMAIN =
      Pattern.compile(DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?");
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}");
  private static final int MAX_NAME = 255;

  /**
   * Parses a reference, or returns empty if it does not follow the grammar or has no registry host.
   */
  public static Optional<ImageReference> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String name = text;
    String digest = "";
    int at = name.indexOf('@');
    if (at >= 0) {
      digest = name.substring(at + 1);
      name = name.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        return Optional.empty();
      }
    }
    String tag = "";
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      tag = name.substring(colon + 1);
      name = name.substring(0, colon);
      if (!Checks.isTag(tag)) {
        return Optional.empty();
      }
    }
    return validName(name) ? Optional.of(new ImageReference(name, tag, digest)) : Optional.empty();
  }

  /** True if the text is a repository (host and path) without tag or digest. */
  public static boolean isRepository(String text) {
    // A path component holds neither ':' nor '@', so a tag or digest fails the name's grammar.
    return text != null && validName(text);
  }

  private static boolean validName(String name) {
    if (name.length() > MAX_NAME) {
      return false;
    }
    String[] parts = name.split("/", -1);
    if (parts.length < 2 || !isHost(parts[0]) || !DOMAIN.matcher(parts[0]).matches()) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  // The grammar's rule for telling a host from a first path component.
  private static boolean isHost(String first) {
    return first.contains(".") || first.contains(":") || first.equals("localhost");
  }

  /** The reference as text. */
  @Override
  public String toString() {
    return repository + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
  }
}
