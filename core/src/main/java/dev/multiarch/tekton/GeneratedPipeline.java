package dev.multiarch.tekton;

import dev.multiarch.tekton.internal.assembly.Names;
import dev.multiarch.tekton.internal.graph.MermaidFlowchart;
import dev.multiarch.tekton.internal.assembly.PipelineRunAssembler;
import dev.multiarch.tekton.internal.output.FolderWriter;
import dev.multiarch.tekton.internal.output.Kustomization;
import dev.multiarch.tekton.internal.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.ImageStream;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TimeoutFields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything generated for one {@link BuildSpec}: the fabric8 objects, their YAML, and the files of an
 * output folder. Obtained from {@link MultiArchTekton#generate()}; immutable.
 */
public final class GeneratedPipeline {

  /** Name of the kustomization file in an output folder. */
  static final String KUSTOMIZATION_FILE = "kustomization.yaml";

  private final BuildSpec spec;
  private final ImageStream imageStream;
  private final List<ServiceAccount> serviceAccounts;
  private final List<RoleBinding> roleBindings;
  private final List<Task> tasks;
  private final Pipeline pipeline;
  private final PipelineRun pipelineRun;

  GeneratedPipeline(BuildSpec spec, ImageStream imageStream, List<ServiceAccount> serviceAccounts,
      List<RoleBinding> roleBindings, List<Task> tasks, Pipeline pipeline, PipelineRun pipelineRun) {
    this.spec = spec;
    this.imageStream = imageStream;
    this.serviceAccounts = List.copyOf(serviceAccounts);
    this.roleBindings = List.copyOf(roleBindings);
    this.tasks = List.copyOf(tasks);
    this.pipeline = pipeline;
    this.pipelineRun = pipelineRun;
  }

  /** The spec this was generated from. */
  public BuildSpec spec() {
    return spec;
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  /** The Tasks the Pipeline references, in the order they run; empty when the spec inlines them. */
  public List<Task> tasks() {
    return tasks;
  }

  /** A PipelineRun with {@code generateName}: to be created ({@code oc create}), not applied. */
  public PipelineRun pipelineRun() {
    return pipelineRun;
  }

  public ImageStream imageStream() {
    return imageStream;
  }

  public List<ServiceAccount> serviceAccounts() {
    return serviceAccounts;
  }

  public List<RoleBinding> roleBindings() {
    return roleBindings;
  }

  /** The resources to apply, in apply order: ImageStream, ServiceAccounts, RoleBindings, Tasks, Pipeline. */
  public List<HasMetadata> resources() {
    List<HasMetadata> all = new ArrayList<>();
    all.add(imageStream);
    all.addAll(serviceAccounts);
    all.addAll(roleBindings);
    all.addAll(tasks);
    all.add(pipeline);
    return List.copyOf(all);
  }

  /** Every resource and then the PipelineRun as one multi-document YAML stream. */
  public String toYaml() {
    List<Object> documents = new ArrayList<>(resources());
    documents.add(pipelineRun);
    return YamlWriter.toYaml(documents);
  }

  /**
   * The files of an output folder, name to content, in a stable order: one file per resource, the
   * kustomization.yaml listing them, the PipelineRun (beside it, not listed: kustomize needs names)
   * and, in same-node placement, the volume claim template {@code tkn pipeline start} takes.
   */
  public Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    for (HasMetadata resource : resources()) {
      files.put(fileName(resource), FolderWriter.HEADER + YamlWriter.toYaml(resource));
    }
    List<String> listed = List.copyOf(files.keySet());
    files.put(KUSTOMIZATION_FILE, FolderWriter.HEADER + YamlWriter.toYaml(new Kustomization(listed)));
    files.put(pipelineRunFile(), FolderWriter.HEADER + YamlWriter.toYaml(pipelineRun));
    if (spec.placement() == Placement.SAME_NODE) {
      files.put(volumeClaimTemplateFile(),
          FolderWriter.HEADER + YamlWriter.toYaml(PipelineRunAssembler.sourceVolumeClaim()));
    }
    return files;
  }

  /**
   * Writes {@link #files()} as the whole content of {@code dir}, atomically: on any failure the folder
   * is left as it was. A folder holding files this tool did not write is refused.
   *
   * @throws OutputFolderException if the folder cannot or may not be written
   */
  public void writeTo(Path dir) {
    FolderWriter.write(dir, files());
  }

  /** The name of the PipelineRun's file in an output folder. */
  public String pipelineRunFile() {
    return "pipelinerun-" + spec.name() + ".yaml";
  }

  /**
   * The commands that deploy and start a folder written by {@link #writeTo(Path)}: apply, then either
   * {@code oc create} of the PipelineRun or the equivalent {@code tkn pipeline start}.
   */
  public List<String> startCommands(Path dir) {
    Names names = Names.of(spec);
    StringBuilder tkn = new StringBuilder("tkn pipeline start ").append(names.pipeline())
        .append(" -n ").append(spec.namespace())
        .append(" --use-param-defaults")
        .append(" --serviceaccount ").append(names.builderAccount());
    TimeoutFields timeouts = PipelineRunAssembler.timeouts(spec);
    tkn.append(" --pipeline-timeout ").append(BuildTimeouts.format(timeouts.getPipeline().getDuration()));
    if (timeouts.getTasks() != null) {
      tkn.append(" --tasks-timeout ").append(BuildTimeouts.format(timeouts.getTasks().getDuration()))
          .append(" --finally-timeout ").append(BuildTimeouts.format(timeouts.getFinally().getDuration()));
    }
    for (String task : PipelineRunAssembler.privilegedTasks(spec)) {
      tkn.append(" --task-serviceaccount ").append(task).append('=').append(names.privilegedAccount());
    }
    if (spec.placement() == Placement.SAME_NODE) {
      tkn.append(" --workspace name=").append(Names.SOURCE_WORKSPACE)
          .append(",volumeClaimTemplateFile=").append(dir.resolve(volumeClaimTemplateFile()));
    } else {
      tkn.append(" --workspace name=").append(Names.SOURCE_WORKSPACE).append(",emptyDir=");
    }
    if (spec.destination().credentialsSecret().isEmpty()) {
      tkn.append(" --workspace name=").append(Names.DOCKERCONFIG_WORKSPACE).append(",emptyDir=");
    } else {
      tkn.append(" --workspace name=").append(Names.DOCKERCONFIG_WORKSPACE)
          .append(",secret=").append(spec.destination().credentialsSecret());
    }
    tkn.append(" --showlog");
    return List.of(
        "oc apply -k " + dir,
        "oc create -f " + dir.resolve(pipelineRunFile()),
        tkn.toString());
  }

  /**
   * The Pipeline as a Mermaid flowchart: its tasks, the matrix fanned out to one node per platform, and the finally
   * tasks; GitHub and most Markdown viewers draw it from a {@code ```mermaid} block.
   */
  public String toMermaid() {
    return MermaidFlowchart.render(pipeline);
  }

  private String volumeClaimTemplateFile() {
    return "workspace-" + Names.SOURCE_WORKSPACE + "-volumeclaimtemplate.yaml";
  }

  private static String fileName(HasMetadata resource) {
    return resource.getKind().toLowerCase(Locale.ROOT) + "-" + resource.getMetadata().getName() + ".yaml";
  }
}
