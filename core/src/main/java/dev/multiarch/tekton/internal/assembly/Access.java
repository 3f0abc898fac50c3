package dev.multiarch.tekton.internal.assembly;

import dev.multiarch.tekton.BuildSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;

/**
 * ServiceAccounts and RoleBindings to OpenShift's ClusterRoles, for one spec. The placement modes
 * decide which exist: the builder account always, a privileged one only for what registers
 * emulators.
 */
final class Access {

  /** Grants push and pull on the namespace's ImageStreams. */
  static final String IMAGE_BUILDER_ROLE = "system:image-builder";

  /** OpenShift Pipelines' SCC for buildah: runs as root with SETFCAP, not privileged. */
  static final String PIPELINES_SCC_ROLE = "pipelines-scc-clusterrole";

  /** Use of the privileged SCC, which binfmt_misc registration needs. */
  static final String PRIVILEGED_SCC_ROLE = "system:openshift:scc:privileged";

  private final BuildSpec spec;

  Access(BuildSpec spec) {
    this.spec = spec;
  }

  ServiceAccount account(String name) {
    return new ServiceAccountBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(spec.namespace())
        .withLabels(Labels.of(spec))
        .endMetadata()
        .build();
  }

  /** A RoleBinding named {@code <account>-<purpose>} of the account to the ClusterRole. */
  RoleBinding binding(String account, String purpose, String clusterRole) {
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withName(account + "-" + purpose)
        .withNamespace(spec.namespace())
        .withLabels(Labels.of(spec))
        .endMetadata()
        .withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("ClusterRole")
        .withName(clusterRole)
        .endRoleRef()
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(account)
        .withNamespace(spec.namespace())
        .endSubject()
        .build();
  }
}
