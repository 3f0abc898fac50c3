package dev.multiarch.tekton.cluster;

import java.util.Locale;

/**
 * What applying one resource did.
 *
 * @param apiVersion the resource's apiVersion, {@code tekton.dev/v1}
 * @param kind its kind, {@code Pipeline}
 * @param name its name
 * @param change created, configured (changed) or unchanged
 * @param dryRun true when the server only computed the result ({@code --dry-run=server}) and stored
 *     nothing
 */
public record AppliedResource(
    String apiVersion, String kind, String name, Change change, boolean dryRun) {

  /** What an apply changed. */
  public enum Change {
    CREATED,
    CONFIGURED,
    UNCHANGED
  }

  /**
   * kubectl's way of naming it: {@code pipeline.tekton.dev/hello}, {@code
   * serviceaccount/hello-builder}.
   */
  public String resource() {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : "." + apiVersion.substring(0, slash);
    return kind.toLowerCase(Locale.ROOT) + group + "/" + name;
  }

  /** The line kubectl prints: {@code pipeline.tekton.dev/hello configured (server dry run)}. */
  @Override
  public String toString() {
    return resource()
        + " "
        + change.name().toLowerCase(Locale.ROOT)
        + (dryRun ? " (server dry run)" : "");
  }
}
