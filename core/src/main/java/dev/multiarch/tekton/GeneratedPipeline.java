package dev.multiarch.tekton;

import dev.multiarch.tekton.internal.assembly.Names;
import dev.multiarch.tekton.internal.assembly.PipelineRunAssembler;
import dev.multiarch.tekton.internal.assembly.PlacementMode;
import dev.multiarch.tekton.internal.graph.MermaidFlowchart;
import dev.multiarch.tekton.internal.output.FolderWriter;
import dev.multiarch.tekton.internal.output.Kustomization;
import dev.multiarch.tekton.text.ShellWords;
import dev.multiarch.tekton.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.ImageStream;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineTaskRunSpec;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TimeoutFields;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything generated for one {@link BuildSpec}: the fabric8 objects, their YAML, and the files of
 * an output folder. Obtained from {@link MultiArchTekton#generate()}; immutable.
 */
public final class GeneratedPipeline {

  /** Name of the kustomization file in an output folder. */
  static final String KUSTOMIZATION_FILE = "kustomization.yaml";

  private final BuildSpec spec;
  private final PlacementMode placement;
  private final Optional<ImageStream> imageStream;
  private final List<ServiceAccount> serviceAccounts;
  private final List<RoleBinding> roleBindings;
  private final List<DaemonSet> daemonSets;
  private final List<Task> tasks;
  private final Pipeline pipeline;
  private final PipelineRun pipelineRun;
  private final Optional<BuilderImageBootstrap> bootstrap;

  GeneratedPipeline(
      BuildSpec spec,
      PlacementMode placement,
      Optional<ImageStream> imageStream,
      List<ServiceAccount> serviceAccounts,
      List<RoleBinding> roleBindings,
      List<DaemonSet> daemonSets,
      List<Task> tasks,
      Pipeline pipeline,
      PipelineRun pipelineRun,
      Optional<BuilderImageBootstrap> bootstrap) {
    this.spec = spec;
    this.placement = placement;
    this.imageStream = imageStream;
    this.serviceAccounts = List.copyOf(serviceAccounts);
    this.roleBindings = List.copyOf(roleBindings);
    this.daemonSets = List.copyOf(daemonSets);
    this.tasks = List.copyOf(tasks);
    this.pipeline = pipeline;
    this.pipelineRun = pipelineRun;
    this.bootstrap = bootstrap;
  }

  /**
   * What builds the default builder image on the cluster, present when the spec uses it (names no
   * {@link BuildSpec#builderImage()} of its own): nobody publishes that image.
   */
  public Optional<BuilderImageBootstrap> bootstrap() {
    return bootstrap;
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

  /**
   * The ImageStream that receives the per-arch images; empty when they go to the spec's staging
   * repository instead.
   */
  public Optional<ImageStream> imageStream() {
    return imageStream;
  }

  public List<ServiceAccount> serviceAccounts() {
    return serviceAccounts;
  }

  public List<RoleBinding> roleBindings() {
    return roleBindings;
  }

  /**
   * The emulator DaemonSet that registers the emulators on the build nodes in placement daemonset
   * (one), else none. It stays after a run: deleting it is up to the cluster's admin.
   */
  public List<DaemonSet> daemonSets() {
    return daemonSets;
  }

  /**
   * The resources to apply, in apply order: ImageStreams (the per-arch images' unless a staging
   * repository takes them, then the builder image's), ServiceAccounts, RoleBindings, the emulator
   * DaemonSet if any (after the account it runs as), Tasks, Pipeline, and the builder image
   * bootstrap's Pipeline.
   */
  public List<HasMetadata> resources() {
    List<HasMetadata> all = new ArrayList<>();
    imageStream.ifPresent(all::add);
    bootstrap.flatMap(BuilderImageBootstrap::imageStream).ifPresent(all::add);
    all.addAll(serviceAccounts);
    all.addAll(roleBindings);
    all.addAll(daemonSets);
    all.addAll(tasks);
    bootstrap.ifPresent(b -> all.addAll(b.tasks()));
    all.add(pipeline);
    bootstrap.ifPresent(b -> all.add(b.pipeline()));
    return List.copyOf(all);
  }

  /** Every resource and then the PipelineRun(s) as one multi-document YAML stream. */
  public String toYaml() {
    List<Object> documents = new ArrayList<>(resources());
    documents.add(pipelineRun);
    bootstrap.ifPresent(b -> documents.add(b.pipelineRun()));
    return YamlWriter.toYaml(documents);
  }

  /**
   * The files of an output folder, name to content, in a stable order: one file per resource, the
   * kustomization.yaml listing them, the PipelineRun and the bootstrap's (beside it, not listed:
   * kustomize needs names) and, in same-node placement, the volume claim template {@code tkn
   * pipeline start} takes.
   */
  public Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    for (HasMetadata resource : resources()) {
      files.put(fileName(resource), FolderWriter.HEADER + YamlWriter.toYaml(resource));
    }
    List<String> listed = List.copyOf(files.keySet());
    files.put(
        KUSTOMIZATION_FILE, FolderWriter.HEADER + YamlWriter.toYaml(new Kustomization(listed)));
    files.put(pipelineRunFile(), FolderWriter.HEADER + YamlWriter.toYaml(pipelineRun));
    bootstrap.ifPresent(
        b ->
            files.put(
                b.pipelineRunFile(), FolderWriter.HEADER + YamlWriter.toYaml(b.pipelineRun())));
    placement
        .extraFiles()
        .forEach(
            (name, content) -> files.put(name, FolderWriter.HEADER + YamlWriter.toYaml(content)));
    return files;
  }

  /**
   * Writes {@link #files()} as the whole content of {@code dir}, in place, so that a failure or a
   * crash at any instant leaves every file whole and the set either old or new (a write cut short
   * by a crash is finished by the next one). The folder is created if missing; a link to a folder
   * writes that folder; the folder keeps its mode and owner, and each replaced file its own. Beside
   * the files goes {@code .multiarch-tekton.sha256}, the hashes of what was written: a file edited
   * since is refused (listed in {@link OutputFolderException#editedFiles()}) unless {@link
   * WriteOption#OVERWRITE_EDITED_FILES} is given, and a file this tool did not write is always
   * refused. Concurrent writes into one folder take turns.
   *
   * @throws OutputFolderException if the folder cannot or may not be written
   */
  public void writeTo(Path dir, WriteOption... options) {
    FolderWriter.write(
        dir, files(), Arrays.asList(options).contains(WriteOption.OVERWRITE_EDITED_FILES));
  }

  /**
   * {@link #writeTo(Path, WriteOption...)} without options: edited files are refused.
   *
   * @throws OutputFolderException if the folder cannot or may not be written
   */
  public void writeTo(Path dir) {
    writeTo(dir, new WriteOption[0]);
  }

  /** The name of the PipelineRun's file in an output folder. */
  public String pipelineRunFile() {
    return "pipelinerun-" + spec.name() + ".yaml";
  }

  /**
   * The shell commands that deploy and start a folder written by {@link #writeTo(Path,
   * WriteOption...)}: apply; with a {@link #bootstrap()}, once per namespace, {@code oc create} of
   * its PipelineRun (which must succeed first); then either {@code oc create} of the PipelineRun or
   * the equivalent {@code tkn pipeline start}. Every word is quoted for a POSIX shell where it
   * needs to be (a path with a space or a {@code ;} is one argument, a path starting with {@code -}
   * gets {@code ./}, control characters are written {@code $'\x1b'} as bash and zsh read them), so
   * the commands can be pasted as printed. tkn cannot pin a pipeline task to nodes ({@code
   * taskRunSpecs[].podTemplate}): for a run that does (native platforms, placement daemonset) a
   * comment saying so stands in its place. Nor can it take a volume claim template whose path holds
   * a comma (it splits {@code --workspace} on commas): for such a folder in same-node placement the
   * tkn command is left out.
   */
  public List<String> startCommands(Path dir) {
    List<String> commands = new ArrayList<>();
    commands.add("oc apply -k " + ShellWords.path(dir.toString()));
    bootstrap.ifPresent(
        b -> {
          commands.add(
              "# once per namespace: build the builder image "
                  + b.image()
                  + ", and wait for this run to succeed before the first build");
          commands.add(
              "oc create -f " + ShellWords.path(dir.resolve(b.pipelineRunFile()).toString()));
        });
    commands.add("oc create -f " + ShellWords.path(dir.resolve(pipelineRunFile()).toString()));
    List<String> pinned =
        pipelineRun.getSpec().getTaskRunSpecs().stream()
            .filter(s -> s.getPodTemplate() != null)
            .map(PipelineTaskRunSpec::getPipelineTaskName)
            .toList();
    if (!pinned.isEmpty()) {
      commands.add(
          "# not tkn pipeline start: it cannot pin "
              + String.join(", ", pinned)
              + (pinned.size() == 1 ? " to its nodes" : " to their nodes")
              + " (taskRunSpecs podTemplate); create the PipelineRun instead");
    } else {
      placement.tknSourceArgs(dir).ifPresent(sourceArgs -> commands.add(tknStart(sourceArgs)));
    }
    return List.copyOf(commands);
  }

  private String tknStart(List<String> sourceArgs) {
    Names names = Names.of(spec);
    List<String> words =
        new ArrayList<>(
            List.of(
                "tkn",
                "pipeline",
                "start",
                names.pipeline(),
                "-n",
                spec.namespace(),
                "--use-param-defaults",
                "--serviceaccount",
                names.builderAccount()));
    TimeoutFields timeouts = PipelineRunAssembler.timeouts(spec);
    words.add("--pipeline-timeout");
    words.add(BuildTimeouts.format(timeouts.getPipeline().getDuration()));
    if (timeouts.getTasks() != null) {
      words.addAll(
          List.of(
              "--tasks-timeout",
              BuildTimeouts.format(timeouts.getTasks().getDuration()),
              "--finally-timeout",
              BuildTimeouts.format(timeouts.getFinally().getDuration())));
    }
    for (String task : placement.privilegedTasks()) {
      words.add("--task-serviceaccount");
      words.add(task + "=" + names.privilegedAccount());
    }
    words.addAll(sourceArgs);
    words.add("--workspace");
    words.add(
        "name="
            + Names.DOCKERCONFIG_WORKSPACE
            + (spec.destination().credentialsSecret().isEmpty()
                ? ",emptyDir="
                : ",secret=" + spec.destination().credentialsSecret()));
    words.add("--showlog");
    return String.join(" ", words.stream().map(ShellWords::quote).toList());
  }

  /**
   * The Pipeline as a Mermaid flowchart: its tasks, the matrix fanned out to one node per platform,
   * and the finally tasks; GitHub and most Markdown viewers draw it from a {@code ```mermaid}
   * block.
   */
  public String toMermaid() {
    return MermaidFlowchart.render(pipeline);
  }

  private static String fileName(HasMetadata resource) {
    return resource.getKind().toLowerCase(Locale.ROOT)
        + "-"
        + resource.getMetadata().getName()
        + ".yaml";
  }
}
