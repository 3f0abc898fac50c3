package dev.multiarch.tekton.local;

import dev.multiarch.tekton.model.Scope;
import io.fabric8.tekton.v1.ParamValue;
import java.nio.file.Path;
import java.util.Map;

/**
 * One TaskRun to execute: a planned task with its params and workspaces resolved by the Pipeline.
 *
 * @param planned the pipeline task and its Task spec
 * @param label the matrix combination it runs, for example {@code linux/arm64}; empty without
 *     matrix
 * @param name the TaskRun's name, {@code <pipelinerun>-<task>[-<index>]}
 * @param params the params the Pipeline passes, already substituted
 * @param workspaces the folders bound to the Task's workspaces, by the Task's workspace name
 * @param runDir a fresh folder of this TaskRun's own (results, home, scripts, buildah storage)
 * @param logDir the folder its step logs go to
 * @param context the {@code context.*} values of the PipelineRun
 * @param policy its timeout, retries and group deadline
 */
record TaskRunRequest(
    PlannedTask planned,
    String label,
    String name,
    Map<String, ParamValue> params,
    Map<String, Path> workspaces,
    Path runDir,
    Path logDir,
    Scope context,
    TaskRunPolicy policy) {

  TaskRunRequest {
    params = Map.copyOf(params);
    workspaces = Map.copyOf(workspaces);
  }

  /**
   * The request of retry {@code retry} (0 for the first attempt): a fresh run folder, as a retried
   * TaskRun gets a fresh pod with fresh volumes, and its logs beside the first attempt's, in {@code
   * retry-<n>}.
   */
  TaskRunRequest attempt(int retry) {
    return retry == 0
        ? this
        : new TaskRunRequest(
            planned,
            label,
            name,
            params,
            workspaces,
            runDir.resolve("retry-" + retry),
            logDir.resolve("retry-" + retry),
            context,
            policy);
  }

  String displayName() {
    return label.isEmpty() ? planned.name() : planned.name() + " " + label;
  }
}
