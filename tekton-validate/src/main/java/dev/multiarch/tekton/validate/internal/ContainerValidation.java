package dev.multiarch.tekton.validate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.model.KubernetesNames;
import dev.multiarch.tekton.validate.FeatureFlags;
import dev.multiarch.tekton.validate.FieldErrors;
import java.util.regex.Pattern;

/**
 * References to Tasks, Pipelines and StepActions ({@code taskRef}, {@code pipelineRef}, a step's
 * {@code ref}), after Tekton's {@code container_validation.go} {@code validateRef}: a qualified
 * name, or a resolver (beta) with its params; a URL-like name only with {@code
 * enable-concise-resolver-syntax}. Paths relative to the ref.
 */
final class ContainerValidation {

  /** {@code RefNameLikeUrl}: a scheme followed by {@code ://}. */
  private static final Pattern URL_LIKE = Pattern.compile("[\\w-]+://.*");

  private ContainerValidation() {}

  static FieldErrors validateRef(JsonNode ref, FeatureFlags flags) {
    String name = Nodes.text(ref, "name");
    boolean named = name != null && !name.isEmpty();
    String resolver = Nodes.text(ref, "resolver");
    boolean resolved = resolver != null && !resolver.isEmpty();
    boolean params = ref.has("params");
    FieldErrors errs = FieldErrors.NONE;
    if (resolved || params) {
      if (params) {
        if (!flags.allows("beta")) {
          errs =
              errs.also(
                  FieldErrors.of(
                      "params",
                      "resolver params need "
                          + FeatureFlags.flag(FeatureFlags.ENABLE_API_FIELDS, "beta")));
        }
        if (named) {
          errs = errs.also(FieldErrors.of("name", "name and params are exclusive"));
        }
        if (!resolved) {
          errs = errs.also(FieldErrors.of("params", "ref params need a resolver"));
        }
      }
      if (resolved) {
        if (!flags.allows("beta")) {
          errs =
              errs.also(
                  FieldErrors.of(
                      "resolver",
                      "resolvers need "
                          + FeatureFlags.flag(FeatureFlags.ENABLE_API_FIELDS, "beta")));
        }
        if (named && !params) {
          errs = errs.also(urlName(name, flags));
        }
      }
      return errs;
    }
    if (!named) {
      return FieldErrors.of("name", "a ref needs a name or a resolver");
    }
    if (URL_LIKE.matcher(name).matches()) {
      return urlName(name, flags)
          .also(FieldErrors.of("resolver", "a URL-like name needs a resolver"));
    }
    if (!KubernetesNames.isQualifiedName(name)) {
      return FieldErrors.of(
          "name",
          "'"
              + name
              + "' is not a qualified name ([prefix/]name of <= 63 alphanumerics, '-', '_' or"
              + " '.', starting and ending alphanumeric)");
    }
    return FieldErrors.NONE;
  }

  private static FieldErrors urlName(String name, FeatureFlags flags) {
    if (!URL_LIKE.matcher(name).matches()) {
      return FieldErrors.of(
          "name", "with a resolver, name must be URL-like (scheme://...), got '" + name + "'");
    }
    return flags.enabled(FeatureFlags.ENABLE_CONCISE_RESOLVER_SYNTAX)
        ? FieldErrors.NONE
        : FieldErrors.of(
            "name",
            "a URL as name needs "
                + FeatureFlags.flag(FeatureFlags.ENABLE_CONCISE_RESOLVER_SYNTAX, "true"));
  }
}
