package dev.multiarch.tekton.tasks;

import static dev.multiarch.tekton.tasks.testing.ScriptChecks.steps;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.WorkspaceDeclaration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildTaskTest {

  @Test
  void buildTask_sameNode_fetchesThenChecksPlatformThenBuilds() {
    // When
    Task task = BuildTask.create(false);

    // Then
    assertThat(task.getMetadata().getName()).isEqualTo("multiarch-buildah");
    assertThat(steps(task))
        .extracting(Step::getName)
        .containsExactly("fetch-source", "check-platform", "build-and-push");
    assertThat(task.getSpec().getStepTemplate().getImage()).isEqualTo("$(params.BUILDER_IMAGE)");
  }

  @Test
  void buildTask_inPod_registersEmulatorInPrivilegedFirstStep() {
    // When
    Task task = BuildTask.create(true);

    // Then
    assertThat(task.getMetadata().getName()).isEqualTo("multiarch-buildah-in-pod");
    assertThat(steps(task))
        .extracting(Step::getName)
        .containsExactly(
            "test-registered",
            "release-unusable",
            "register-emulator",
            "fetch-source",
            "check-platform",
            "build-and-push");
    Step register = steps(task).get(2);
    assertThat(register.getImage()).isEqualTo("$(params.BINFMT_IMAGE)");
    assertThat(register.getCommand()).containsExactly("/usr/bin/binfmt");
    assertThat(register.getArgs()).containsExactly("--install", "$(params.EMULATORS)");
    assertThat(register.getScript()).isNull();
    assertThat(register.getSecurityContext().getPrivileged()).isTrue();
    assertThat(register.getSecurityContext().getSeLinuxOptions().getLevel()).isEqualTo("s0");
    assertThat(task.getSpec().getParams())
        .extracting(ParamSpec::getName)
        .contains("EMULATORS", "BINFMT_IMAGE");
  }

  @Test
  void buildTask_params_haveTheDocumentedNamesAndDefaults() {
    // When
    List<ParamSpec> params = BuildTask.create(false).getSpec().getParams();

    // Then
    assertThat(params)
        .extracting(ParamSpec::getName)
        .containsExactly(
            "PLATFORM",
            "IMAGE",
            "TAG",
            "GIT_URL",
            "GIT_REVISION",
            "GIT_COMMIT",
            "BINFMT_NODE",
            "CONTEXT",
            "CONTAINERFILE",
            "BUILD_ARGS",
            "FORMAT",
            "TLS_VERIFY",
            "BUILDER_IMAGE",
            "STORAGE_DRIVER",
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "NO_PROXY",
            "CACHE_REPOSITORY",
            "CACHE_NATIVE");
    assertThat(params)
        .filteredOn(p -> p.getName().equals("BUILD_ARGS"))
        .singleElement()
        .satisfies(p -> assertThat(p.getType()).isEqualTo("array"))
        .satisfies(p -> assertThat(p.getDefault().getArrayVal()).isEmpty());
    assertThat(params)
        .filteredOn(p -> p.getDefault() != null && p.getDefault().getStringVal() != null)
        .extracting(p -> p.getName() + "=" + p.getDefault().getStringVal())
        .containsExactly(
            "TAG=latest",
            "GIT_URL=",
            "GIT_REVISION=",
            "GIT_COMMIT=",
            "BINFMT_NODE=",
            "CONTEXT=.",
            "CONTAINERFILE=Containerfile",
            "FORMAT=oci",
            "TLS_VERIFY=true",
            "STORAGE_DRIVER=vfs",
            "HTTP_PROXY=",
            "HTTPS_PROXY=",
            "NO_PROXY=",
            "CACHE_REPOSITORY=",
            "CACHE_NATIVE=false");
  }

  @Test
  void buildTask_buildStep_getsBuildArgsAsArgsAndStorageAsEmptyDir() {
    // When
    Task task = BuildTask.create(false);
    Step build = steps(task).get(2);

    // Then
    assertThat(build.getArgs()).containsExactly("$(params.BUILD_ARGS[*])");
    assertThat(build.getVolumeMounts())
        .singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/var/lib/containers"));
    assertThat(task.getSpec().getVolumes())
        .singleElement()
        .satisfies(v -> assertThat(v.getName()).isEqualTo("varlibcontainers"))
        .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
    assertThat(build.getEnv())
        .extracting(EnvVar::getName)
        .contains("IMAGE", "TAG", "SOURCE_DIR", "DOCKERCONFIG_BOUND", "DOCKERCONFIG_PATH");
    assertThat(build.getScript())
        .contains(
            "--isolation chroot",
            "--retry 3",
            "--digestfile",
            "image-registry.openshift-image-registry.svc:5000",
            "{{.OCIv1.Architecture}}");
  }

  @Test
  void buildTask_workspaces_sourceRequired_dockerconfigBuildSecretsGitCredentialsAndCasOptional() {
    // When
    List<WorkspaceDeclaration> workspaces = BuildTask.create(false).getSpec().getWorkspaces();

    // Then
    assertThat(workspaces)
        .extracting(WorkspaceDeclaration::getName, WorkspaceDeclaration::getOptional)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("source", null),
            org.assertj.core.groups.Tuple.tuple("dockerconfig", true),
            org.assertj.core.groups.Tuple.tuple("build-secrets", true),
            org.assertj.core.groups.Tuple.tuple("basic-auth", true),
            org.assertj.core.groups.Tuple.tuple("ssh-directory", true),
            org.assertj.core.groups.Tuple.tuple("ssl-ca-directory", true));
  }
}
