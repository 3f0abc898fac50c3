package dev.multiarch.tekton.generate;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.multiarch.tekton.BuildResources;
import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.BuildTimeouts;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.MultiArchTekton;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineResult;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.PipelineTaskRunSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * What Tekton's controller does to the run, planned for: timeouts that hold, retries, requests, one
 * commit.
 */
class TimeoutsRetriesResourcesTest {

  @Test
  void everyPipelineTask_hasItsOwnTimeout_soNoneGetsTektonsDefaultHour() {
    for (BuildSpec spec : Specs.all().values()) {
      Pipeline pipeline = MultiArchTekton.from(spec).generate().pipeline();
      List<PipelineTask> all = new ArrayList<>(pipeline.getSpec().getTasks());
      all.addAll(pipeline.getSpec().getFinally());

      assertThat(all)
          .as(spec.name())
          .allSatisfy(task -> assertThat(task.getTimeout()).as(task.getName()).isNotNull());
      assertThat(all.stream().filter(t -> t.getName().startsWith("build")).toList())
          .as(spec.name())
          .isNotEmpty()
          .allSatisfy(
              build -> assertThat(build.getTimeout().getDuration()).isEqualTo(Duration.ofHours(2)));
      assertThat(task(pipeline, "manifest").getTimeout().getDuration())
          .isEqualTo(Duration.ofMinutes(30));
      assertThat(task(pipeline, "resolve-commit").getTimeout().getDuration())
          .isEqualTo(Duration.ofMinutes(10));
    }
  }

  @Test
  void defaultPipelineTimeout_coversSetupEveryBuildAttemptAndTheManifest() {
    // Given the defaults: one retry, builds 2h, manifest 30m, setup 10m
    GeneratedPipeline generated = MultiArchTekton.from(Specs.twoPlatforms()).generate();

    // Then
    assertThat(generated.spec().pipelineTimeout()).isEqualTo(Duration.ofMinutes(10 + 2 * 120 + 30));
    assertThat(generated.pipelineRun().getSpec().getTimeouts().getPipeline().getDuration())
        .isEqualTo(Duration.parse("PT4H40M"));
    assertThat(generated.pipelineRun().getSpec().getTimeouts().getTasks()).isNull();
    assertThat(generated.toYaml())
        .contains("\n    pipeline: 4h40m\n")
        .contains("\n      timeout: 2h\n")
        .doesNotContain("000000ns");
  }

  @Test
  void cleanup_keepsTheFinallyPartOfThePipelineTimeoutForItself() {
    GeneratedPipeline generated = MultiArchTekton.from(Specs.fivePlatforms()).generate();

    var timeouts = generated.pipelineRun().getSpec().getTimeouts();
    assertThat(timeouts.getPipeline().getDuration())
        .isEqualTo(Duration.ofMinutes(10 + 240 + 30 + 10));
    assertThat(timeouts.getFinally().getDuration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(timeouts.getTasks().getDuration()).isEqualTo(Duration.ofMinutes(10 + 240 + 30));
  }

  @Test
  void explicitTimeoutsAndRetries_reachThePipelineAndTheRun() {
    BuildSpec spec =
        Specs.twoPlatforms().toBuilder()
            .retries(3)
            .timeouts(
                new BuildTimeouts(
                    Duration.ofMinutes(45), Duration.ofMinutes(5), Duration.ofHours(6)))
            .build();

    GeneratedPipeline generated = MultiArchTekton.from(spec).generate();

    assertThat(task(generated.pipeline(), "build").getRetries()).isEqualTo(3);
    assertThat(task(generated.pipeline(), "build").getTimeout().getDuration())
        .isEqualTo(Duration.ofMinutes(45));
    assertThat(task(generated.pipeline(), "manifest").getTimeout().getDuration())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(generated.pipelineRun().getSpec().getTimeouts().getPipeline().getDuration())
        .isEqualTo(Duration.ofHours(6));
    assertThat(generated.startCommands(Path.of("deploy")))
        .filteredOn(command -> command.startsWith("tkn "))
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .contains(" --pipeline-timeout 6h ");
  }

  @Test
  void retries_areOnTheBuildOnly_andZeroMeansNone() {
    Pipeline pipeline = MultiArchTekton.from(Specs.twoPlatforms()).generate().pipeline();
    assertThat(pipeline.getSpec().getTasks())
        .extracting(PipelineTask::getName, PipelineTask::getRetries)
        .containsExactly(
            tuple("resolve-commit", null),
            tuple("binfmt", null),
            tuple("build", 1),
            tuple("manifest", null));

    Pipeline none =
        MultiArchTekton.from(Specs.twoPlatforms().toBuilder().retries(0).build())
            .generate()
            .pipeline();
    assertThat(task(none, "build").getRetries()).isNull();
  }

  @Test
  void tooShortPipelineTimeout_isRefusedSayingWhatItMustCover() {
    assertThatThrownBy(
            () ->
                Specs.twoPlatforms().toBuilder()
                    .timeouts(new BuildTimeouts(null, null, Duration.ofHours(2)))
                    .build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "spec.timeouts.pipeline: '2h' is not allowed; expected at least 2h40m: the setup tasks (10m),"
                + " one build (timeouts.build) and the manifest task (timeouts.manifest)");
  }

  @Test
  void badRetriesAndTimeouts_areRefusedNamingTheField() {
    assertThatThrownBy(() -> Specs.twoPlatforms().toBuilder().retries(6).build())
        .hasMessage("spec.retries: '6' is not allowed; expected 0 to 5");
    assertThatThrownBy(() -> new BuildTimeouts(Duration.ZERO, null, null))
        .hasMessage(
            "spec.timeouts.build: '0s' is not allowed; expected a duration of at least 1s, such as 90m, 2h"
                + " or 1h30m");
    assertThatThrownBy(() -> BuildTimeouts.parse("2 hours"))
        .hasMessage(
            "'2 hours' is not allowed; expected a duration of at least 1s, such as 90m, 2h or 1h30m");
    assertThat(BuildTimeouts.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(BuildTimeouts.format(Duration.ofSeconds(5430))).isEqualTo("1h30m30s");
  }

  @Test
  void cpuLimit_reachesTheBuildsTaskRunSpec_andMustBeAtLeastTheRequest() {
    BuildSpec spec =
        Specs.twoPlatforms().toBuilder()
            .resources(new BuildResources("2", "4Gi", "20Gi", "3"))
            .build();

    PipelineRun run = MultiArchTekton.from(spec).generate().pipelineRun();

    assertThat(
            run.getSpec().getTaskRunSpecs().stream()
                .filter(s -> s.getPipelineTaskName().equals("build"))
                .findFirst()
                .orElseThrow()
                .getComputeResources()
                .getLimits())
        .containsEntry("cpu", new Quantity("3"))
        .containsEntry("memory", new Quantity("4Gi"));
    assertThat(
            MultiArchTekton.from(Specs.twoPlatforms())
                .generate()
                .pipelineRun()
                .getSpec()
                .getTaskRunSpecs()
                .stream()
                .filter(s -> s.getPipelineTaskName().equals("build"))
                .findFirst()
                .orElseThrow()
                .getComputeResources()
                .getLimits())
        .as("no CPU limit by default")
        .doesNotContainKey("cpu");
    assertThatThrownBy(() -> new BuildResources("2", null, null, "1500m"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "spec.resources.build.cpuLimit: '1500m' is not allowed; expected at least the CPU request"
                + " (spec.resources.build.cpu: 2), as Kubernetes requires");
    assertThatThrownBy(() -> new BuildResources(null, null, null, "lots"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("spec.resources.build.cpuLimit: 'lots' is not allowed");
  }

  @Test
  void buildResources_reachTheBuildTaskRun_andBadQuantitiesAreRefused() {
    BuildSpec spec =
        Specs.twoPlatforms().toBuilder().resources(new BuildResources("2", "4Gi", "20Gi")).build();

    PipelineTaskRunSpec build =
        MultiArchTekton.from(spec).generate().pipelineRun().getSpec().getTaskRunSpecs().stream()
            .filter(s -> s.getPipelineTaskName().equals("build"))
            .findFirst()
            .orElseThrow();

    assertThat(build.getComputeResources().getRequests())
        .containsOnlyKeys("cpu", "memory", "ephemeral-storage");
    assertThat(build.getComputeResources().getRequests().get("cpu").toString()).isEqualTo("2");
    assertThat(build.getComputeResources().getRequests().get("ephemeral-storage").toString())
        .isEqualTo("20Gi");
    assertThat(build.getComputeResources().getLimits().get("memory").toString()).isEqualTo("4Gi");
    assertThatThrownBy(() -> new BuildResources("lots", null, null))
        .hasMessage(
            "spec.resources.build.cpu: 'lots' is not allowed; expected a positive Kubernetes quantity: a CPU"
                + " quantity such as 1, 2 or 500m");
    assertThatThrownBy(() -> new BuildResources(null, "0", null))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void inPod_buildGetsThePrivilegedAccountAndItsResourcesInOneEntry() {
    List<PipelineTaskRunSpec> specs =
        MultiArchTekton.from(Specs.inPod()).generate().pipelineRun().getSpec().getTaskRunSpecs();

    assertThat(specs)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getServiceAccountName()).isEqualTo("web-privileged");
              assertThat(s.getComputeResources().getRequests()).containsKey("cpu");
            });
  }

  @Test
  void everyBuild_fetchesTheResolvedCommit_andSameNodeBuildsCheckBinfmtsNode() {
    Pipeline sameNode = MultiArchTekton.from(Specs.twoPlatforms()).generate().pipeline();
    assertThat(param(task(sameNode, "build"), "GIT_COMMIT"))
        .isEqualTo("$(tasks.resolve-commit.results.COMMIT)");
    assertThat(param(task(sameNode, "build"), "BINFMT_NODE"))
        .isEqualTo("$(tasks.binfmt.results.NODE_NAME)");

    Pipeline inPod = MultiArchTekton.from(Specs.inPod()).generate().pipeline();
    assertThat(param(task(inPod, "build"), "GIT_COMMIT"))
        .isEqualTo("$(tasks.resolve-commit.results.COMMIT)");
    assertThat(task(inPod, "build").getParams())
        .extracting(Param::getName)
        .doesNotContain("BINFMT_NODE");
  }

  @Test
  void pipelineResults_tellChainsTheImageItsChildrenAndTheSource() {
    Pipeline pipeline = MultiArchTekton.from(Specs.twoPlatforms()).generate().pipeline();

    assertThat(pipeline.getSpec().getResults())
        .extracting(PipelineResult::getName, r -> r.getValue().getStringVal())
        .containsExactly(
            tuple("IMAGE_DIGEST", "$(tasks.manifest.results.IMAGE_DIGEST)"),
            tuple("IMAGE_URL", "$(tasks.manifest.results.IMAGE_URL)"),
            tuple("IMAGES", "$(tasks.manifest.results.IMAGES)"),
            tuple("CHAINS-GIT_URL", "$(tasks.resolve-commit.results.URL)"),
            tuple("CHAINS-GIT_COMMIT", "$(tasks.resolve-commit.results.COMMIT)"));
  }

  private static PipelineTask task(Pipeline pipeline, String name) {
    return Stream.concat(
            pipeline.getSpec().getTasks().stream(), pipeline.getSpec().getFinally().stream())
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static String param(PipelineTask task, String name) {
    return task.getParams().stream()
        .filter(p -> p.getName().equals(name))
        .findFirst()
        .orElseThrow()
        .getValue()
        .getStringVal();
  }
}
