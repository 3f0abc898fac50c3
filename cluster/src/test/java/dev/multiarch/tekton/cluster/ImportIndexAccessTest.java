package dev.multiarch.tekton.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.ImageStreamTarget;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.SpecFile;
import dev.multiarch.tekton.cluster.testing.MockCluster;
import dev.multiarch.tekton.cluster.testing.MockCluster.Flavour;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, the index in the ImageStream, on fabric8's mock server: the Role the import needs is a
 * project admin's to create and bind, deploy applies it, and an existing account is checked for the
 * import's one permission.
 */
class ImportIndexAccessTest {

  private static final String PIPELINE_SA = "system:serviceaccount:demo:pipeline";

  @TempDir Path tmp;

  private MockCluster mock;

  @AfterEach
  void stop() {
    if (mock != null) {
      mock.close();
    }
  }

  private static GeneratedPipeline hello(String serviceAccount) {
    BuildSpec.Builder builder = SpecFile.readBuilder(DeployTest.HELLO);
    builder.imageStream(ImageStreamTarget.of("hello").withImportIndex(true));
    if (serviceAccount != null) {
      builder.serviceAccount(serviceAccount);
    }
    return MultiArchTekton.from(builder.build()).generate();
  }

  private List<String> doctor(GeneratedPipeline generated) {
    try (Cluster cluster = Cluster.connect(mock.access())) {
      return cluster.doctor(generated).stream().map(Check::toString).toList();
    }
  }

  /** A project admin, once a cluster admin applied rbac.yaml. */
  private void projectAdmin(GeneratedPipeline generated) {
    mock.deny("bind", "clusterroles", "");
    mock.deny("use", "securitycontextconstraints", "");
    for (RoleBinding binding : generated.clusterAdminBindings()) {
      mock.client().resource(binding).create();
    }
  }

  @Test
  void projectAdmin_holdsTheRolesPermissions_andDeploysIt() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    GeneratedPipeline generated = hello(null);
    projectAdmin(generated);

    assertThat(doctor(generated).stream().filter(line -> line.contains("import-index")))
        .containsExactly(
            "ok       access: you hold every permission of Role hello-import-index, so you may"
                + " bind it (RoleBinding hello-builder-import-index)");
    List<String> lines = new ArrayList<>();
    try (Cluster cluster = Cluster.connect(mock.access())) {
      cluster.deploy(generated, false, applied -> lines.add(applied.toString()));
    }
    assertThat(lines)
        .contains(
            "role.rbac.authorization.k8s.io/hello-import-index created",
            "rolebinding.rbac.authorization.k8s.io/hello-builder-import-index created",
            "task.tekton.dev/multiarch-import-index created");
  }

  @Test
  void whoMayNotImport_isToldTheBindingWouldBeRefused() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    GeneratedPipeline generated = hello(null);
    projectAdmin(generated);
    mock.deny("create", "imagestreamimports", "");

    assertThat(doctor(generated).stream().filter(line -> line.contains("import-index")))
        .containsExactly(
            "problem  access: you may not create imagestreamimports.image.openshift.io in namespace"
                + " demo, which Role hello-import-index grants, so RoleBinding"
                + " hello-builder-import-index would be refused; fix: ask for the admin role there"
                + " (oc adm policy add-role-to-user admin USER -n demo)");
  }

  @Test
  void pipelineAccount_isCheckedForTheImport() {
    mock = MockCluster.start(Flavour.OPENSHIFT, tmp);
    mock.client()
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("pipeline")
                .withNamespace("demo")
                .endMetadata()
                .build())
        .create();
    mock.denyFor(PIPELINE_SA, "create", "imagestreamimports", "");

    assertThat(
            doctor(hello("pipeline")).stream()
                .filter(line -> line.contains("account:") && line.contains("import")))
        .containsExactly(
            "problem  account: ServiceAccount pipeline may not import the multi-arch image into"
                + " ImageStream hello (create imagestreamimports), so the build tasks would fail;"
                + " fix: oc policy add-role-to-user edit -z pipeline -n demo");
  }
}
