package dev.multiarch.tekton;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ClusterRoles the generated RoleBindings use to let an account run under an OpenShift
 * SecurityContextConstraints, each with the SCC it grants {@code use} of. Binding one needs a
 * cluster admin: Kubernetes lets only who holds a role's permissions (or {@code bind} on it) bind
 * it, and a project admin may not {@code use} these SCCs.
 */
public enum SccRole {
  /**
   * OpenShift Pipelines' SCC for buildah, which runs as root with SETFCAP without being privileged
   * (the operator ships {@code pipelines-scc} and its ClusterRole).
   */
  PIPELINES("pipelines-scc-clusterrole", "pipelines-scc"),
  /** OpenShift's privileged SCC, which registering emulators with binfmt_misc needs. */
  PRIVILEGED("system:openshift:scc:privileged", "privileged");

  private final String clusterRole;
  private final String scc;

  SccRole(String clusterRole, String scc) {
    this.clusterRole = clusterRole;
    this.scc = scc;
  }

  /** The ClusterRole a RoleBinding names in {@code roleRef}. */
  public String clusterRole() {
    return clusterRole;
  }

  /** The SCC the role grants {@code use} of. */
  public String scc() {
    return scc;
  }

  /** The SCC role whose ClusterRole is {@code name}; empty for any other role. */
  public static Optional<SccRole> ofClusterRole(String name) {
    return Arrays.stream(values()).filter(r -> r.clusterRole.equals(name)).findFirst();
  }
}
