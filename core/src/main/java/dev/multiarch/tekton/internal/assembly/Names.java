package dev.multiarch.tekton.internal.assembly;

import dev.multiarch.tekton.BuildSpec;

/**
 * The names of everything generated for one spec, derived from its name so that two pipelines in
 * one namespace never collide.
 *
 * @param pipeline the Pipeline
 * @param builderAccount the ServiceAccount every TaskRun runs as unless told otherwise: the spec's
 *     existing {@code serviceAccount}, or the generated {@code <name>-builder}
 * @param privilegedAccount the ServiceAccount of the TaskRuns that register emulators
 * @param binfmtDaemonSet the emulator DaemonSet (placement daemonset), also its ServiceAccount's
 *     name
 */
public record Names(
    String pipeline, String builderAccount, String privilegedAccount, String binfmtDaemonSet) {

  /** Pipeline task names: fixed, because result references and taskRunSpecs point at them. */
  public static final String RESOLVE_TASK = "resolve-commit";

  public static final String BINFMT_TASK = "binfmt";
  public static final String BUILD_TASK = "build";
  public static final String MANIFEST_TASK = "manifest";
  public static final String CLEANUP_TASK = "binfmt-cleanup";
  public static final String IMPORT_INDEX_TASK = "import-index";

  /** Pipeline workspaces. */
  public static final String SOURCE_WORKSPACE = "source";

  public static final String DOCKERCONFIG_WORKSPACE = "dockerconfig";
  public static final String BUILD_SECRETS_WORKSPACE = "build-secrets";
  public static final String SSL_CA_DIRECTORY_WORKSPACE = "ssl-ca-directory";

  /** The git credential workspaces, named as the Tasks' (the catalog git-clone Task's names). */
  public static final String BASIC_AUTH_WORKSPACE = "basic-auth";

  public static final String SSH_DIRECTORY_WORKSPACE = "ssh-directory";

  /**
   * Where native builds clone their source when {@link #SOURCE_WORKSPACE} is a volume that pins to
   * one node.
   */
  public static final String NATIVE_SOURCE_WORKSPACE = "native-source";

  public static Names of(BuildSpec spec) {
    return new Names(
        spec.name(),
        spec.usesExistingServiceAccount() ? spec.serviceAccount() : spec.name() + "-builder",
        spec.name() + "-privileged",
        spec.name() + "-binfmt");
  }
}
