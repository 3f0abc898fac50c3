package dev.multiarch.tekton.internal.assembly;

import dev.multiarch.tekton.BuildSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;

/**
 * ServiceAccounts and RoleBindings to OpenShift's ClusterRoles, for one spec. The placement modes
 * decide which exist: the builder account always, a privileged one only for what registers
 * emulators.
 */
final class Access {

  /** Grants push and pull on the namespace's ImageStreams. */
  static final String IMAGE_BUILDER_ROLE = "system:image-builder";

  /** The suffix of the Role and RoleBinding that let the builder import the index. */
  static final String IMPORT_INDEX_PURPOSE = "import-index";

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

  /**
   * The namespace Role {@code <name>-import-index}: what {@code oc import-image} needs to import
   * the published index into the ImageStream and the import task to read the tag back. Creating an
   * ImageStreamImport is authorized on {@code imagestreamimports} alone; the API server updates the
   * stream itself (openshift-apiserver, imagestreamimport/rest.go). A project admin may create and
   * bind it: OpenShift's admin role holds all three permissions.
   */
  Role importIndexRole() {
    return new RoleBuilder()
        .withNewMetadata()
        .withName(spec.name() + "-" + IMPORT_INDEX_PURPOSE)
        .withNamespace(spec.namespace())
        .withLabels(Labels.of(spec))
        .endMetadata()
        .withRules(
            new PolicyRuleBuilder()
                .withApiGroups("image.openshift.io")
                .withResources("imagestreamimports")
                .withVerbs("create")
                .build(),
            new PolicyRuleBuilder()
                .withApiGroups("image.openshift.io")
                .withResources("imagestreams")
                .withResourceNames(spec.imageStream().name())
                .withVerbs("get")
                .build(),
            new PolicyRuleBuilder()
                .withApiGroups("image.openshift.io")
                .withResources("imagestreamtags")
                .withResourceNames(importedTag())
                .withVerbs("get")
                .build())
        .build();
  }

  /** The ImageStreamTag the index is imported into, {@code <stream>:<tag>}. */
  String importedTag() {
    return spec.imageStream().name() + ":" + spec.imageStream().tag();
  }

  /** The builder account's RoleBinding to {@link #importIndexRole()}. */
  RoleBinding importIndexBinding(String account) {
    return binding(account, IMPORT_INDEX_PURPOSE, "Role", spec.name() + "-" + IMPORT_INDEX_PURPOSE);
  }

  /** A RoleBinding named {@code <account>-<purpose>} of the account to the ClusterRole. */
  RoleBinding binding(String account, String purpose, String clusterRole) {
    return binding(account, purpose, "ClusterRole", clusterRole);
  }

  private RoleBinding binding(String account, String purpose, String kind, String role) {
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withName(account + "-" + purpose)
        .withNamespace(spec.namespace())
        .withLabels(Labels.of(spec))
        .endMetadata()
        .withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind(kind)
        .withName(role)
        .endRoleRef()
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(account)
        .withNamespace(spec.namespace())
        .endSubject()
        .build();
  }
}
