package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.Source;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.PipelineTaskRunSpec;
import io.fabric8.tekton.v1.WorkspaceBinding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How the Pipeline, PipelineRun and RBAC are wired, property by property. */
class PipelineWiringTest {

  @Test
  void generate_twoPlatforms_fansOutBuildOverPlatformsParamWithMatrix() {
    Pipeline pipeline = MultiArchTekton.from(Specs.twoPlatforms()).generate().pipeline();

    PipelineTask build = task(pipeline, "build");
    assertThat(build.getMatrix().getParams())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("PLATFORM");
              assertThat(p.getValue().getStringVal()).isEqualTo("$(params.PLATFORMS[*])");
            });
    assertThat(param(pipeline, "PLATFORMS").getDefault().getArrayVal())
        .containsExactly("linux/amd64", "linux/arm64");
  }

  @Test
  void generate_sameNode_runsBinfmtFirstOnTheSharedSourceWorkspace() {
    Pipeline pipeline = MultiArchTekton.from(Specs.twoPlatforms()).generate().pipeline();

    assertThat(pipeline.getSpec().getTasks())
        .extracting(PipelineTask::getName)
        .containsExactly("resolve-commit", "binfmt", "build", "manifest");
    assertThat(task(pipeline, "build").getRunAfter()).containsExactly("binfmt");
    assertThat(task(pipeline, "binfmt").getWorkspaces())
        .singleElement()
        .satisfies(w -> assertThat(w.getWorkspace()).isEqualTo("source"));
    assertThat(task(pipeline, "build").getWorkspaces())
        .anySatisfy(w -> assertThat(w.getWorkspace()).isEqualTo("source"));
  }

  @Test
  void generate_manifest_takesEveryBuildsImageRefByResultArray() {
    Pipeline pipeline = MultiArchTekton.from(Specs.fivePlatforms()).generate().pipeline();

    Param refs =
        task(pipeline, "manifest").getParams().stream()
            .filter(p -> p.getName().equals("IMAGE_REFS"))
            .findFirst()
            .orElseThrow();
    assertThat(refs.getValue().getStringVal()).isEqualTo("$(tasks.build.results.IMAGE_REF[*])");
    assertThat(param(pipeline, "DESTINATION_TAGS").getDefault().getStringVal())
        .isEqualTo("2.4.0 2.4 latest");
    assertThat(param(pipeline, "FORMAT").getDefault().getStringVal()).isEqualTo("docker");
  }

  @Test
  void generate_emulators_coverEveryPlatformButTheNodes() {
    BuildSpec spec = Specs.fivePlatforms();
    Pipeline amd64Nodes = MultiArchTekton.from(spec).generate().pipeline();
    Pipeline arm64Nodes =
        MultiArchTekton.from(spec.toBuilder().nodePlatform(Platform.parse("linux/arm64")).build())
            .generate()
            .pipeline();

    assertThat(param(amd64Nodes, "EMULATORS").getDefault().getStringVal())
        .isEqualTo("linux/arm64,linux/arm/v7,linux/ppc64le,linux/s390x");
    assertThat(param(arm64Nodes, "EMULATORS").getDefault().getStringVal())
        .isEqualTo("linux/amd64,linux/arm/v7,linux/ppc64le,linux/s390x");
  }

  @Test
  void generate_withCleanup_uninstallsInFinallyOnTheSameNode() {
    Pipeline pipeline = MultiArchTekton.from(Specs.fivePlatforms()).generate().pipeline();

    assertThat(pipeline.getSpec().getFinally())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getName()).isEqualTo("binfmt-cleanup");
              assertThat(t.getRunAfter()).isEmpty();
              assertThat(t.getWorkspaces())
                  .extracting(w -> w.getWorkspace())
                  .containsExactly("source");
            });
    assertThat(
            MultiArchTekton.from(Specs.twoPlatforms()).generate().pipeline().getSpec().getFinally())
        .isEmpty();
  }

  @Test
  void generate_inPod_hasNoBinfmtTaskAndRunsBuildsAsThePrivilegedAccount() {
    GeneratedPipeline generated = MultiArchTekton.from(Specs.inPod()).generate();

    assertThat(generated.pipeline().getSpec().getTasks())
        .extracting(PipelineTask::getName)
        .containsExactly("resolve-commit", "build", "manifest");
    assertThat(task(generated.pipeline(), "build").getTaskRef().getName())
        .isEqualTo("multiarch-buildah-in-pod");
    assertThat(generated.pipelineRun().getSpec().getTaskRunSpecs())
        .extracting(
            PipelineTaskRunSpec::getPipelineTaskName, PipelineTaskRunSpec::getServiceAccountName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("build", "web-privileged"));
    assertThat(workspace(generated.pipelineRun(), "source").getEmptyDir()).isNotNull();
  }

  @Test
  void generate_pipelineRun_bindsEveryWorkspaceAndGivesPrivilegeOnlyToBinfmt() {
    PipelineRun run = MultiArchTekton.from(Specs.twoPlatforms()).generate().pipelineRun();

    assertThat(run.getMetadata().getName()).isNull();
    assertThat(run.getMetadata().getGenerateName()).isEqualTo("hello-");
    assertThat(run.getSpec().getTaskRunTemplate().getServiceAccountName())
        .isEqualTo("hello-builder");
    assertThat(run.getSpec().getTaskRunSpecs())
        .extracting(
            PipelineTaskRunSpec::getPipelineTaskName, PipelineTaskRunSpec::getServiceAccountName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("binfmt", "hello-privileged"),
            org.assertj.core.groups.Tuple.tuple("build", null));
    assertThat(workspace(run, "source").getVolumeClaimTemplate()).isNotNull();
    assertThat(workspace(run, "dockerconfig").getSecret().getSecretName()).isEqualTo("quay-push");
    Pipeline pipeline = MultiArchTekton.from(Specs.twoPlatforms()).generate().pipeline();
    // The git credential workspaces, build-secrets and ssl-ca-directory are optional and stay
    // unbound while the spec names no Secret or ConfigMap.
    assertThat(run.getSpec().getWorkspaces())
        .extracting(WorkspaceBinding::getName)
        .containsExactlyInAnyOrderElementsOf(
            pipeline.getSpec().getWorkspaces().stream()
                .map(w -> w.getName())
                .filter(
                    name ->
                        !name.equals("basic-auth")
                            && !name.equals("ssh-directory")
                            && !name.equals("build-secrets")
                            && !name.equals("ssl-ca-directory"))
                .toList());
  }

  @Test
  void generate_gitSecrets_bindTheGitCredentialWorkspacesOfEveryTaskThatTouchesGit() {
    BuildSpec spec = Specs.twoPlatforms();
    spec =
        spec.toBuilder()
            .source(
                Source.git("https://git.example.com/org/app.git", "main")
                    .withGitSecrets("git-https", "git-ssh"))
            .build();

    GeneratedPipeline generated = MultiArchTekton.from(spec).generate();

    assertThat(workspace(generated.pipelineRun(), "basic-auth").getSecret().getSecretName())
        .isEqualTo("git-https");
    assertThat(workspace(generated.pipelineRun(), "ssh-directory").getSecret().getSecretName())
        .isEqualTo("git-ssh");
    assertThat(generated.pipeline().getSpec().getWorkspaces())
        .filteredOn(w -> w.getName().equals("basic-auth") || w.getName().equals("ssh-directory"))
        .extracting(w -> w.getOptional())
        .containsExactly(true, true);
    assertThat(generated.pipeline().getSpec().getTasks())
        .filteredOn(
            task -> task.getWorkspaces().stream().anyMatch(w -> w.getName().equals("basic-auth")))
        .extracting(task -> task.getName())
        .containsExactly("resolve-commit", "build");
    assertThat(generated.startCommands(Path.of("deploy")))
        .anySatisfy(
            command ->
                assertThat(command)
                    .contains(
                        " --workspace name=basic-auth,secret=git-https"
                            + " --workspace name=ssh-directory,secret=git-ssh --showlog"));
  }

  @Test
  void generate_withProxy_defaultsThePipelineParamsToIt() {
    var pipeline =
        MultiArchTekton.from(
                Specs.twoPlatforms().toBuilder()
                    .proxy(
                        new dev.multiarch.tekton.Proxy(
                            "http://proxy.example.com:3128", "", ".svc,10.0.0.0/16"))
                    .build())
            .generate()
            .pipeline();

    assertThat(pipeline.getSpec().getParams())
        .filteredOn(param -> param.getName().endsWith("_PROXY"))
        .extracting(param -> param.getName() + "=" + param.getDefault().getStringVal())
        .containsExactly(
            "HTTP_PROXY=http://proxy.example.com:3128",
            "HTTPS_PROXY=",
            "NO_PROXY=.svc,10.0.0.0/16");
  }

  @Test
  void generate_withBuildSecret_bindsItToTheBuildsAndPrintsItInTheStartCommand() {
    var generated =
        MultiArchTekton.from(Specs.twoPlatforms().toBuilder().buildSecret("npm-token").build())
            .generate();

    assertThat(workspace(generated.pipelineRun(), "build-secrets").getSecret().getSecretName())
        .isEqualTo("npm-token");
    assertThat(
            generated.pipeline().getSpec().getTasks().stream()
                .filter(task -> task.getName().equals("build"))
                .flatMap(task -> task.getWorkspaces().stream())
                .map(binding -> binding.getName() + "=" + binding.getWorkspace()))
        .containsExactly(
            "source=source",
            "dockerconfig=dockerconfig",
            "build-secrets=build-secrets",
            "ssl-ca-directory=ssl-ca-directory",
            "basic-auth=basic-auth",
            "ssh-directory=ssh-directory");
    assertThat(generated.startCommands(java.nio.file.Path.of("deploy")))
        .anySatisfy(
            command ->
                assertThat(command)
                    .contains(
                        " --workspace name=dockerconfig,secret=quay-push"
                            + " --workspace name=build-secrets,secret=npm-token --showlog"));
  }

  @Test
  void generate_withCaBundle_bindsTheConfigMapToEveryTaskThatTalksToGitOrARegistry() {
    var generated =
        MultiArchTekton.from(Specs.twoPlatforms().toBuilder().caBundle("corp-ca").build())
            .generate();

    assertThat(workspace(generated.pipelineRun(), "ssl-ca-directory").getConfigMap().getName())
        .isEqualTo("corp-ca");
    assertThat(
            generated.pipeline().getSpec().getTasks().stream()
                .filter(
                    task ->
                        task.getWorkspaces().stream()
                            .anyMatch(binding -> binding.getName().equals("ssl-ca-directory")))
                .map(task -> task.getName()))
        .containsExactly("resolve-commit", "build", "manifest");
    assertThat(generated.startCommands(java.nio.file.Path.of("deploy")))
        .anySatisfy(
            command ->
                assertThat(command)
                    .contains(
                        " --workspace name=dockerconfig,secret=quay-push"
                            + " --workspace name=ssl-ca-directory,config=corp-ca --showlog"));
  }

  @Test
  void generate_withoutCaBundle_leavesTheWorkspaceUnbound() {
    var generated = MultiArchTekton.from(Specs.twoPlatforms()).generate();

    assertThat(generated.pipelineRun().getSpec().getWorkspaces())
        .noneMatch(binding -> binding.getName().equals("ssl-ca-directory"));
  }

  @Test
  void generate_roleBindings_grantPrivilegedSccOnlyToThePrivilegedAccount() {
    for (BuildSpec spec : Specs.all().values()) {
      List<RoleBinding> bindings = MultiArchTekton.from(spec).generate().roleBindings();

      Map<String, List<String>> accountsByRole =
          bindings.stream()
              .collect(
                  Collectors.groupingBy(
                      b -> b.getRoleRef().getName(),
                      Collectors.flatMapping(
                          b -> b.getSubjects().stream().map(s -> s.getName()),
                          Collectors.toList())));
      // Only what registers emulators: binfmt or the in-pod builds, or the emulator DaemonSet;
      // nothing all-native.
      List<String> privileged =
          switch (spec.placement()) {
            case DAEMONSET -> List.of(spec.name() + "-binfmt");
            default ->
                spec.emulatedPlatforms().isEmpty()
                    ? List.of()
                    : List.of(spec.name() + "-privileged");
          };
      assertThat(accountsByRole.getOrDefault("system:openshift:scc:privileged", List.of()))
          .as(spec.name())
          .containsExactlyElementsOf(privileged);
      assertThat(accountsByRole.get("system:image-builder")).contains(spec.name() + "-builder");
    }
  }

  @Test
  void generate_tasks_liveInTheSpecsNamespace() {
    GeneratedPipeline generated = MultiArchTekton.from(Specs.fivePlatforms()).generate();

    assertThat(generated.tasks())
        .allSatisfy(t -> assertThat(t.getMetadata().getNamespace()).isEqualTo("builds"));
    assertThat(generated.resources())
        .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo("builds"));
  }

  @Test
  void generate_inlineTasks_embedsEveryTaskAndWritesNoTaskResources() {
    GeneratedPipeline referenced = MultiArchTekton.from(Specs.twoPlatforms()).generate();
    GeneratedPipeline inline = MultiArchTekton.from(Specs.inline()).generate();

    assertThat(inline.tasks()).isEmpty();
    assertThat(inline.files().keySet()).noneMatch(name -> name.startsWith("task-"));
    for (PipelineTask task : inline.pipeline().getSpec().getTasks()) {
      assertThat(task.getTaskRef()).isNull();
      String taskName = task(referenced.pipeline(), task.getName()).getTaskRef().getName();
      var resource =
          referenced.tasks().stream()
              .filter(t -> t.getMetadata().getName().equals(taskName))
              .findFirst()
              .orElseThrow();
      assertThat(task.getTaskSpec().getSteps()).isEqualTo(resource.getSpec().getSteps());
      assertThat(task.getTaskSpec().getParams()).isEqualTo(resource.getSpec().getParams());
    }
  }

  private static PipelineTask task(Pipeline pipeline, String name) {
    return java.util.stream.Stream.concat(
            pipeline.getSpec().getTasks().stream(), pipeline.getSpec().getFinally().stream())
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static ParamSpec param(Pipeline pipeline, String name) {
    return pipeline.getSpec().getParams().stream()
        .filter(p -> p.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static WorkspaceBinding workspace(PipelineRun run, String name) {
    return run.getSpec().getWorkspaces().stream()
        .filter(w -> w.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
