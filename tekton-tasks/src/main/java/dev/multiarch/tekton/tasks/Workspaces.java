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
   * Tasks that touch git, optional: {@code .gitconfig} and {@code .git-credentials}, the layout of
   * the Tekton catalog's git-clone Task and of Pipelines-as-Code's {@code git_auth_secret}.
   */
  public static final String BASIC_AUTH = "basic-auth";

  /**
   * Tasks that touch git, optional: an ssh private key, {@code known_hosts} and an optional {@code
   * config}, the layout of the Tekton catalog's git-clone Task.
   */
  public static final String SSH_DIRECTORY = "ssh-directory";

  /**
   * Build task, optional: files each passed to {@code buildah build} as a secret named after the
   * file.
   */
  public static final String BUILD_SECRETS = "build-secrets";

  /**
   * Tasks that talk to git or a registry, optional: CA certificates (PEM, any file names) trusted
   * besides the system ones, such as a corporate CA or a TLS-intercepting proxy's.
   */
  public static final String SSL_CA_DIRECTORY = "ssl-ca-directory";

  private Workspaces() {}
}
