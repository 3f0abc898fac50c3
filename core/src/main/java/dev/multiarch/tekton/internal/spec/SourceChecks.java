package dev.multiarch.tekton.internal.spec;

import dev.multiarch.tekton.InvalidValueException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of a build's source. The values reach git and buildah as single arguments (never
 * through a shell), so the rules keep out what git or buildah would read as an option or as
 * something else than meant.
 */
public final class SourceChecks {

  private static final Pattern URL = Pattern.compile("(https?|ssh|git|file)://[^/].*|file:///.+");
  private static final Pattern SCP_LIKE = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.+");

  /** A URL's scheme, its user information before an {@code @}, and the rest. */
  private static final Pattern USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^/@]*)@(.*)", Pattern.DOTALL);

  private static final Pattern BUILD_ARG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern PATH_SEGMENT_DOTDOT = Pattern.compile("(^|.*/)\\.\\.(/.*|$)");

  /** The longest git URL. */
  public static final int MAX_URL = 2048;

  /** The longest context or Containerfile path (Linux's PATH_MAX). */
  public static final int MAX_PATH = 4096;

  /** The most build arguments. */
  public static final int MAX_BUILD_ARGS = 64;

  /** The longest build-argument name. */
  public static final int MAX_BUILD_ARG_NAME = 128;

  /**
   * The longest build-argument value: 64 of them stay far below Kubernetes' 1.5 MiB object size.
   */
  public static final int MAX_BUILD_ARG_VALUE = 4096;

  private SourceChecks() {}

  /** Empty, or a git URL git can clone. */
  public static String gitUrl(String field, String value) {
    if (value.isEmpty()) {
      return value;
    }
    if (value.length() > MAX_URL
        || hasBadStart(value)
        || Checks.hasSpaceOrControl(value)
        || !(URL.matcher(value).matches() || SCP_LIKE.matcher(value).matches())) {
      throw new InvalidValueException(
          field,
          value,
          "a git URL of at most "
              + MAX_URL
              + " characters starting with "
              + "https://, http://, ssh://, git:// or file://, or user@host:path, without whitespace");
    }
    return value;
  }

  /**
   * Refuses a user name, password or token inside a URL: it would be written into the PipelineRun
   * for anyone who may read it. Over HTTP(S) any user information is refused ({@code
   * https://token@host/...} is a token too); over ssh only a password, since the user of {@code
   * ssh://git@host/...} or {@code git@host:path} is no secret. The message shows the URL with
   * {@code ***} in place of the secret, never the secret.
   */
  public static void noCredentialsInUrl(String field, String value) {
    Matcher matcher = USER_INFO.matcher(value);
    if (!matcher.matches()) {
      return;
    }
    String scheme = matcher.group(1).toLowerCase(Locale.ROOT);
    boolean http = scheme.equals("http://") || scheme.equals("https://");
    if (http || matcher.group(2).contains(":")) {
      throw new InvalidValueException(
          field,
          matcher.group(1) + "***@" + matcher.group(3),
          "a URL without a user name, password or token: give git's credentials as the"
              + " .git-credentials of the basic-auth workspace's Secret"
              + " (spec.source.git.credentialsSecret)");
    }
  }

  /** Empty, or a branch, tag or commit. */
  public static String gitRevision(String field, String value) {
    if (value.isEmpty()) {
      return value;
    }
    if (value.length() > 255
        || hasBadStart(value)
        || Checks.hasSpaceOrControl(value)
        || value.contains("..")
        || value.chars().anyMatch(c -> "~^:?*[\\".indexOf(c) >= 0)) {
      throw new InvalidValueException(
          field,
          value,
          "a branch, tag or commit of at most 255 characters, without "
              + "whitespace, '..', '~', '^', ':', '?', '*', '[' or '\\', not starting with '-'");
    }
    return value;
  }

  /** A path relative to the source root, which it cannot leave. */
  public static String relativePath(String field, String value) {
    if (value.length() > MAX_PATH
        || hasBadStart(value)
        || value.startsWith("/")
        || Checks.hasControl(value)
        || PATH_SEGMENT_DOTDOT.matcher(value).matches()) {
      throw new InvalidValueException(
          field,
          value,
          "a relative path of at most "
              + MAX_PATH
              + " characters inside "
              + "the source, without '..' segments or control characters, not starting with '/' or '-'");
    }
    return value;
  }

  /** The build arguments every build sets itself to the node's platform. */
  public static final List<String> BUILD_PLATFORM_ARGS =
      List.of("BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT");

  /** Build-arg names and values; the values may hold any text but control characters. */
  public static void buildArgs(String field, Map<String, String> args) {
    if (args.size() > MAX_BUILD_ARGS) {
      throw new InvalidValueException(
          field, args.size() + " build arguments", "at most " + MAX_BUILD_ARGS);
    }
    args.forEach(
        (name, value) -> {
          if (name == null
              || name.length() > MAX_BUILD_ARG_NAME
              || !BUILD_ARG_NAME.matcher(name).matches()) {
            throw new InvalidValueException(
                field,
                String.valueOf(name),
                "a build-arg name of at most "
                    + MAX_BUILD_ARG_NAME
                    + " letters, digits and '_', not starting with a digit");
          }
          // The build passes the node's platform under these names, and the emulator check trusts
          // them: a stage FROM --platform=$BUILDPLATFORM must run on the node.
          if (BUILD_PLATFORM_ARGS.contains(name)) {
            throw new InvalidValueException(
                field,
                name,
                "another name: the build sets "
                    + String.join(", ", BUILD_PLATFORM_ARGS)
                    + " to the platform of the node it runs on");
          }
        });
    args.forEach(
        (name, value) -> {
          if (value == null || value.length() > MAX_BUILD_ARG_VALUE || Checks.hasControl(value)) {
            throw new InvalidValueException(
                field + "." + name,
                String.valueOf(value),
                "a value of at most "
                    + MAX_BUILD_ARG_VALUE
                    + " characters without control characters such as newlines or tabs");
          }
        });
  }

  private static boolean hasBadStart(String value) {
    return value.startsWith("-");
  }
}
