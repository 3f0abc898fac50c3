package dev.multiarch.tekton.internal.assembly;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.Placement;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The two ServiceAccounts and their RoleBindings. The builder account pushes to ImageStreams and may
 * add SETFCAP (OpenShift Pipelines' pipelines-scc); only the privileged account may use the privileged
 * SCC, and only the TaskRuns that register emulators run as it.
 */
public final class AccessAssembler {

  /** Grants push and pull on the namespace's ImageStreams. */
  static final String IMAGE_BUILDER_ROLE = "system:image-builder";
  /** OpenShift Pipelines' SCC for buildah: runs as root with SETFCAP, not privileged. */
  static final String PIPELINES_SCC_ROLE = "pipelines-scc-clusterrole";
  /** Use of the privileged SCC, which binfmt_misc registration needs. */
  static final String PRIVILEGED_SCC_ROLE = "system:openshift:scc:privileged";

  private final BuildSpec spec;
  private final Names names;

  public AccessAssembler(BuildSpec spec) {
    this.spec = spec;
    this.names = Names.of(spec);
  }

  public List<ServiceAccount> serviceAccounts() {
    return List.of(account(names.builderAccount()), account(names.privilegedAccount()));
  }

  public List<RoleBinding> roleBindings() {
    List<RoleBinding> bindings = new ArrayList<>();
    bindings.add(binding(names.builderAccount(), "image-builder", IMAGE_BUILDER_ROLE));
    bindings.add(binding(names.builderAccount(), "pipelines-scc", PIPELINES_SCC_ROLE));
    bindings.add(binding(names.privilegedAccount(), "privileged-scc", PRIVILEGED_SCC_ROLE));
    if (spec.placement() == Placement.IN_POD) {
      // In-pod builds run as the privileged account and push, so it needs the push rights too.
      bindings.add(binding(names.privilegedAccount(), "image-builder", IMAGE_BUILDER_ROLE));
    }
    return bindings;
  }

  /** ServiceAccounts first, then RoleBindings: the order {@code oc apply} is happiest with. */
  public List<HasMetadata> all() {
    List<HasMetadata> all = new ArrayList<>(serviceAccounts());
    all.addAll(roleBindings());
    return all;
  }

  private ServiceAccount account(String name) {
    return new ServiceAccountBuilder()
        .withNewMetadata()
          .withName(name)
          .withNamespace(spec.namespace())
          .withLabels(Labels.of(spec))
        .endMetadata()
        .build();
  }

  private RoleBinding binding(String account, String purpose, String clusterRole) {
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
