package dev.multiarch.tekton.tasks;

/** Names of the catalog Tasks' workspaces. */
public final class Workspaces {

  /**
   * Binfmt task, optional: the builds' PVC, bound so the affinity assistant schedules binfmt on
   * their node.
   */
  public static final String SHARED = "shared";

  /** Build task: the source, cloned into it or already there. */
  public static final String SOURCE = "source";

  /** Build and manifest tasks, optional: a docker config secret with registry credentials. */
  public static final String DOCKERCONFIG = "dockerconfig";

  /**
   * Build task, optional: files each passed to {@code buildah build} as a secret named after the
   * file.
   */
  public static final String BUILD_SECRETS = "build-secrets";

  private Workspaces() {}
}
