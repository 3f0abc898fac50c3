package dev.multiarch.tekton.internal.assembly;

import dev.multiarch.tekton.BuildSpec;

/**
 * The names of everything generated for one spec, derived from its name so that two pipelines in one
 * namespace never collide.
 */
public record Names(String pipeline, String builderAccount, String privilegedAccount) {

  /** Pipeline task names: fixed, because result references and taskRunSpecs point at them. */
  public static final String RESOLVE_TASK = "resolve-commit";
  public static final String BINFMT_TASK = "binfmt";
  public static final String BUILD_TASK = "build";
  public static final String MANIFEST_TASK = "manifest";
  public static final String CLEANUP_TASK = "binfmt-cleanup";

  /** Pipeline workspaces. */
  public static final String SOURCE_WORKSPACE = "source";
  public static final String DOCKERCONFIG_WORKSPACE = "dockerconfig";

  public static Names of(BuildSpec spec) {
    return new Names(spec.name(), spec.name() + "-builder", spec.name() + "-privileged");
  }
}
