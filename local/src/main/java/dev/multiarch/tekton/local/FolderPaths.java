package dev.multiarch.tekton.local;

import static dev.multiarch.tekton.model.JsonNodes.list;

import dev.multiarch.tekton.validate.YamlDocs;
import dev.multiarch.tekton.validate.YamlInputException;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.WorkspaceBinding;
import io.fabric8.tekton.v1.WorkspacePipelineTaskBinding;
import java.util.List;
import java.util.Optional;

/**
 * What of a {@code --from} folder's Pipeline and PipelineRun becomes a folder of this host: the
 * PipelineRun's workspace names and every workspace {@code subPath}. Each must stay inside the
 * run's folders ({@link RunPaths}); one that does not is the folder's fault, named with its file,
 * line and field before anything runs, as Kubernetes refuses the pod of such a subPath.
 */
final class FolderPaths {

  private FolderPaths() {}

  /**
   * @throws YamlInputException naming the first name or subPath that would leave the run's folders
   */
  static void check(
      Pipeline pipeline, YamlDocs.Doc pipelineDoc, PipelineRun run, YamlDocs.Doc runDoc) {
    List<WorkspaceBinding> bindings = list(run.getSpec().getWorkspaces());
    for (int i = 0; i < bindings.size(); i++) {
      String field = "spec.workspaces[" + i + "]";
      String name = bindings.get(i).getName() == null ? "" : bindings.get(i).getName();
      refuse(
          runDoc,
          field + ".name",
          name,
          RunPaths.nameProblem(name),
          " (a workspace becomes a folder of the run, by its name)");
      subPath(runDoc, field + ".subPath", bindings.get(i).getSubPath());
    }
    tasks(pipelineDoc, "spec.tasks", list(pipeline.getSpec().getTasks()));
    tasks(pipelineDoc, "spec.finally", list(pipeline.getSpec().getFinally()));
  }

  private static void tasks(YamlDocs.Doc doc, String field, List<PipelineTask> tasks) {
    for (int i = 0; i < tasks.size(); i++) {
      List<WorkspacePipelineTaskBinding> bindings = list(tasks.get(i).getWorkspaces());
      for (int j = 0; j < bindings.size(); j++) {
        subPath(
            doc, field + "[" + i + "].workspaces[" + j + "].subPath", bindings.get(j).getSubPath());
      }
    }
  }

  private static void subPath(YamlDocs.Doc doc, String field, String subPath) {
    if (subPath != null) {
      // Kubernetes' own check of a volume mount's subPath, which a workspace's becomes.
      refuse(
          doc,
          field,
          subPath,
          RunPaths.subPathProblem(subPath),
          " (Kubernetes refuses a volume mount whose subPath leaves its volume)");
    }
  }

  private static void refuse(
      YamlDocs.Doc doc, String field, String value, Optional<String> problem, String why) {
    if (problem.isPresent()) {
      throw new YamlInputException(
          doc.source(),
          doc.line(field),
          doc.label() + " " + field + ": '" + value + "' " + problem.get() + why);
    }
  }
}
