package dev.multiarch.tekton.local;

import static dev.multiarch.tekton.model.JsonNodes.list;

import dev.multiarch.tekton.model.Reference;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.StepTemplate;
import io.fabric8.tekton.v1.TaskResult;
import io.fabric8.tekton.v1.TaskSpec;
import io.fabric8.tekton.v1.WorkspaceBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Names the Tekton features in a Pipeline, its Tasks or its PipelineRun that run-local does not
 * implement, so that it stops before running anything instead of running something other than what
 * a cluster would run.
 */
final class FeatureCheck {

  /**
   * The one volume mount run-local maps: buildah's storage, to a private storage.conf per TaskRun.
   */
  static final String CONTAINERS_STORAGE = "/var/lib/containers";

  /** Downward-API fields run-local can answer on a host. */
  private static final Set<String> FIELD_REFS =
      Set.of("spec.nodeName", "metadata.name", "metadata.namespace");

  private FeatureCheck() {}

  static List<String> pipeline(Pipeline pipeline) {
    List<String> problems = new ArrayList<>();
    params(pipeline.getSpec().getParams(), "Pipeline", problems);
    List<PipelineTask> finallyTasks = list(pipeline.getSpec().getFinally());
    List<PipelineTask> all = new ArrayList<>(list(pipeline.getSpec().getTasks()));
    all.addAll(finallyTasks);
    for (PipelineTask task : all) {
      String where =
          (finallyTasks.contains(task) ? "finally task " : "pipeline task ") + task.getName();
      unsupported(problems, where, "when expressions", present(task.getWhen()));
      unsupported(problems, where, "onError", task.getOnError() != null);
      unsupported(
          problems,
          where,
          "pipelines in pipelines (pipelineRef/pipelineSpec)",
          task.getPipelineRef() != null || task.getPipelineSpec() != null);
      if (task.getTaskRef() != null) {
        unsupported(
            problems,
            where,
            "taskRef to a custom task or a resolver",
            task.getTaskRef().getApiVersion() != null
                || (task.getTaskRef().getKind() != null
                    && !task.getTaskRef().getKind().equals("Task"))
                || !task.getTaskRef().getAdditionalProperties().isEmpty());
      }
    }
    return problems;
  }

  static List<String> task(TaskSpec spec, String where) {
    List<String> problems = new ArrayList<>();
    params(spec.getParams(), where, problems);
    for (TaskResult result : list(spec.getResults())) {
      unsupported(
          problems,
          where,
          "result " + result.getName() + " of type " + result.getType(),
          result.getType() != null && !result.getType().equals("string"));
    }
    unsupported(problems, where, "sidecars", present(spec.getSidecars()));
    for (Volume volume : list(spec.getVolumes())) {
      unsupported(
          problems,
          where,
          "volume " + volume.getName() + " other than an emptyDir",
          volume.getEmptyDir() == null);
    }
    StepTemplate template = spec.getStepTemplate();
    if (template != null) {
      String at = where + " stepTemplate";
      unsupported(
          problems,
          at,
          "command/args",
          present(template.getCommand()) || present(template.getArgs()));
      unsupported(problems, at, "workingDir", template.getWorkingDir() != null);
      unsupported(problems, at, "envFrom", present(template.getEnvFrom()));
      unsupported(problems, at, "volumeMounts", present(template.getVolumeMounts()));
      env(template.getEnv(), at, problems);
    }
    for (Step step : list(spec.getSteps())) {
      step(step, spec, where + " step " + step.getName(), problems);
    }
    return problems;
  }

  private static void step(Step step, TaskSpec spec, String where, List<String> problems) {
    unsupported(problems, where, "StepActions (ref)", step.getRef() != null);
    unsupported(problems, where, "step results", present(step.getResults()));
    unsupported(
        problems,
        where,
        "stdoutConfig/stderrConfig",
        step.getStdoutConfig() != null || step.getStderrConfig() != null);
    unsupported(problems, where, "onError", step.getOnError() != null);
    unsupported(problems, where, "when expressions", present(step.getWhen()));
    unsupported(problems, where, "timeout", step.getTimeout() != null);
    unsupported(problems, where, "workingDir", step.getWorkingDir() != null);
    unsupported(problems, where, "envFrom", present(step.getEnvFrom()));
    unsupported(problems, where, "volumeDevices", present(step.getVolumeDevices()));
    unsupported(problems, where, "params", present(step.getParams()));
    unsupported(
        problems,
        where,
        "both script and command",
        step.getScript() != null && present(step.getCommand()));
    // A StepAction's step has no image of its own: the ref problem above is the whole story.
    if (step.getRef() == null
        && step.getScript() == null
        && !present(step.getCommand())
        && !ImageStandIns.known(image(step, spec))) {
      problems.add(
          where
              + ": runs its image's entrypoint (no script or command), and run-local has no host "
              + "stand-in for image "
              + image(step, spec)
              + "; stand-ins exist for "
              + ImageStandIns.describe());
    }
    for (VolumeMount mount : list(step.getVolumeMounts())) {
      unsupported(
          problems,
          where,
          "volumeMount at "
              + mount.getMountPath()
              + " (only "
              + CONTAINERS_STORAGE
              + " is mapped, to buildah storage private to the TaskRun)",
          !CONTAINERS_STORAGE.equals(mount.getMountPath()) || mount.getSubPath() != null);
    }
    env(step.getEnv(), where, problems);
  }

  private static void env(List<EnvVar> env, String where, List<String> problems) {
    for (EnvVar var : list(env)) {
      if (var.getValueFrom() == null) {
        continue;
      }
      boolean known =
          var.getValueFrom().getFieldRef() != null
              && FIELD_REFS.contains(var.getValueFrom().getFieldRef().getFieldPath());
      unsupported(
          problems,
          where,
          "env "
              + var.getName()
              + " from anything but the downward API fields "
              + String.join(", ", FIELD_REFS.stream().sorted().toList()),
          !known);
    }
  }

  private static void params(List<ParamSpec> params, String where, List<String> problems) {
    for (ParamSpec param : list(params)) {
      unsupported(
          problems,
          where,
          "param " + param.getName() + " of type object",
          "object".equals(param.getType()));
      unsupported(
          problems, where, "param " + param.getName() + " with enum", present(param.getEnum()));
    }
  }

  /**
   * The PipelineRun's workspace bindings run-local can stand in for: volume claims, emptyDir,
   * secrets.
   */
  static List<String> pipelineRun(PipelineRun run) {
    List<String> problems = new ArrayList<>();
    for (WorkspaceBinding binding : list(run.getSpec().getWorkspaces())) {
      boolean known =
          binding.getVolumeClaimTemplate() != null
              || binding.getEmptyDir() != null
              || binding.getPersistentVolumeClaim() != null
              || binding.getSecret() != null;
      unsupported(
          problems,
          "PipelineRun workspace " + binding.getName(),
          "bindings other than volumeClaimTemplate, persistentVolumeClaim, emptyDir or secret",
          !known);
    }
    return problems;
  }

  /**
   * The step's image, with a plain {@code $(params.X)} replaced by X's default: what runs unless
   * overridden.
   */
  static String image(Step step, TaskSpec spec) {
    String image =
        step.getImage() != null
            ? step.getImage()
            : spec.getStepTemplate() == null ? null : spec.getStepTemplate().getImage();
    Optional<Reference> reference =
        Reference.isolated(image)
            .filter(
                r -> "params".equals(r.root()) && r.index().isEmpty() && r.paramKey().isEmpty());
    if (reference.isEmpty()) {
      return image;
    }
    String name = reference.get().paramName();
    return list(spec.getParams()).stream()
        .filter(param -> param.getName().equals(name) && param.getDefault() != null)
        .map(param -> param.getDefault().getStringVal())
        .findFirst()
        .orElse(image);
  }

  private static void unsupported(
      List<String> problems, String where, String feature, boolean present) {
    if (present) {
      problems.add(where + ": " + feature + ": not supported by run-local");
    }
  }

  static boolean present(List<?> list) {
    return list != null && !list.isEmpty();
  }
}
