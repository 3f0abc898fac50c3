package dev.multiarch.tekton;

import dev.multiarch.tekton.internal.assembly.ImageStreamAssembler;
import dev.multiarch.tekton.internal.assembly.Names;
import dev.multiarch.tekton.internal.assembly.PacRuns;
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
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.ImageStream;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineBuilder;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineTaskRunSpec;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskBuilder;
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

  /**
   * Name of the output folder's file of the RoleBindings only a cluster admin may create, applied
   * once with {@code oc apply -f}; not in the kustomization, so a project admin can apply that.
   */
  public static final String RBAC_FILE = "rbac.yaml";

  private final BuildSpec spec;
  private final PlacementMode placement;
  private final Optional<ImageStream> imageStream;
  private final List<ServiceAccount> serviceAccounts;
  private final List<Role> roles;
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
      List<Role> roles,
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
    this.roles = List.copyOf(roles);
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

  /**
   * The ImageStreams of the layer cache, one per cached platform ({@code <name>-<os>-<arch>}), when
   * the spec's cache repository is an ImageStream of its namespace; empty otherwise.
   */
  public List<ImageStream> cacheImageStreams() {
    return ImageStreamAssembler.cache(spec);
  }

  public List<ServiceAccount> serviceAccounts() {
    return serviceAccounts;
  }

  /**
   * The namespace Roles: {@code <name>-import-index} when the spec imports the index into the
   * ImageStream and the builder account is generated; else none.
   */
  public List<Role> roles() {
    return roles;
  }

  /** Every RoleBinding, those of {@link #clusterAdminBindings()} too. */
  public List<RoleBinding> roleBindings() {
    return roleBindings;
  }

  /**
   * The RoleBindings a project admin cannot create, because each lets an account use an SCC:
   * OpenShift Pipelines' {@code pipelines-scc} for a generated builder account, {@code privileged}
   * for what registers emulators. A cluster admin applies them once ({@link #RBAC_FILE}); {@link
   * #resources()} leaves them out.
   */
  public List<RoleBinding> clusterAdminBindings() {
    return roleBindings.stream().filter(GeneratedPipeline::needsClusterAdmin).toList();
  }

  private static boolean needsClusterAdmin(RoleBinding binding) {
    // system:image-builder is not here: the admin role covers it (OpenShift's bootstrap policy
    // tests, TestCovers: "admin and editor should cover imagebuilder"), so a project admin binds
    // it.
    return binding.getRoleRef() != null
        && SccRole.ofClusterRole(binding.getRoleRef().getName()).isPresent();
  }

  /**
   * The emulator DaemonSet that registers the emulators on the build nodes in placement daemonset
   * (one), else none. It stays after a run: deleting it is up to the cluster's admin.
   */
  public List<DaemonSet> daemonSets() {
    return daemonSets;
  }

  /**
   * The resources a project admin applies, in apply order: ImageStreams (the per-arch images'
   * unless a staging repository takes them, then the builder image's), ServiceAccounts, Roles, the
   * RoleBindings but {@link #clusterAdminBindings()}, the emulator DaemonSet if any (after the
   * account it runs as), Tasks, Pipeline, and the builder image bootstrap's Pipeline. The output
   * folder's kustomization lists exactly these.
   */
  public List<HasMetadata> resources() {
    return resources(false);
  }

  /**
   * {@link #resources()} and the {@link #clusterAdminBindings()} among the other RoleBindings: all
   * a cluster admin applies at once, in apply order.
   */
  public List<HasMetadata> allResources() {
    return resources(true);
  }

  private List<HasMetadata> resources(boolean withClusterAdminBindings) {
    List<HasMetadata> all = new ArrayList<>();
    imageStream.ifPresent(all::add);
    all.addAll(cacheImageStreams());
    bootstrap.flatMap(BuilderImageBootstrap::imageStream).ifPresent(all::add);
    all.addAll(serviceAccounts);
    all.addAll(roles);
    roleBindings.stream()
        .filter(binding -> withClusterAdminBindings || !needsClusterAdmin(binding))
        .forEach(all::add);
    all.addAll(daemonSets);
    all.addAll(tasks);
    bootstrap.ifPresent(b -> all.addAll(b.tasks()));
    all.add(pipeline);
    bootstrap.ifPresent(b -> all.add(b.pipeline()));
    return List.copyOf(all);
  }

  /**
   * Every resource, the {@link #clusterAdminBindings()} among them, and then the PipelineRun(s) as
   * one multi-document YAML stream.
   */
  public String toYaml() {
    List<Object> documents = new ArrayList<>(allResources());
    documents.add(pipelineRun);
    bootstrap.ifPresent(b -> documents.add(b.pipelineRun()));
    return YamlWriter.toYaml(documents);
  }

  private static final String RBAC_NOTE =
      "# For a cluster admin, once: oc apply -f rbac.yaml. Each RoleBinding lets a ServiceAccount of\n"
          + "# this build use an SCC, which a project admin may not grant; the rest of the folder needs\n"
          + "# no more than the admin role of the namespace (oc apply -k).\n";

  /**
   * The files of an output folder, name to content, in a stable order: one file per resource, the
   * kustomization.yaml listing them, {@link #RBAC_FILE} with the {@link #clusterAdminBindings()}
   * (none, when there are none; they are not listed in the kustomization), the PipelineRun and the
   * bootstrap's (beside it, not listed: kustomize needs names) and, in same-node placement, the
   * volume claim template {@code tkn pipeline start} takes.
   */
  public Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    for (HasMetadata resource : resources()) {
      files.put(fileName(resource), FolderWriter.HEADER + YamlWriter.toYaml(resource));
    }
    List<String> listed = List.copyOf(files.keySet());
    files.put(
        KUSTOMIZATION_FILE, FolderWriter.HEADER + YamlWriter.toYaml(new Kustomization(listed)));
    List<RoleBinding> admin = clusterAdminBindings();
    if (!admin.isEmpty()) {
      files.put(RBAC_FILE, FolderWriter.HEADER + RBAC_NOTE + YamlWriter.toYaml(admin));
    }
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

  /**
   * How {@code dir} differs from what {@link #writeTo(Path, WriteOption...)} would leave there
   * ({@link #files()} and the manifest), sorted by file name; empty when equal. Writes nothing.
   *
   * @throws OutputFolderException if {@code dir} is not a folder or cannot be read
   */
  public List<FolderDifference> compareTo(Path dir) {
    return FolderWriter.compare(dir, files());
  }

  /**
   * The files of a Pipelines-as-Code folder, the repository's {@code .tekton/}: the Tasks, the
   * Pipeline, and two PipelineRuns, one PaC starts on a push to the spec's branch ({@code
   * pipelinerun-<name>-push.yaml}), one on a pull request into it ({@code
   * pipelinerun-<name>-pull-request.yaml}), each cloning {@code {{ repo_url }}} at {@code {{
   * revision }}} with PaC's {@code {{ git_auth_secret }}} in the {@code basic-auth} workspace; a
   * pull request publishes to the tag {@code pr-<number>}, never the release tags. Nothing in it
   * carries a namespace (PaC runs in its Repository's), and it holds only Tekton kinds: the
   * ImageStreams, ServiceAccounts and RoleBindings are {@link #files()}'s, applied once.
   *
   * @throws InvalidValueException if the spec builds no git branch, or its name is too long for the
   *     runs' names
   */
  public Map<String, String> pacFiles() {
    GeneratedPipeline pac = MultiArchTekton.from(PacRuns.spec(spec)).generate();
    Map<String, String> files = new LinkedHashMap<>();
    for (Task task : pac.tasks()) {
      Task bare = new TaskBuilder(task).editMetadata().withNamespace(null).endMetadata().build();
      files.put(fileName(bare), FolderWriter.HEADER + YamlWriter.toYaml(bare));
    }
    Pipeline bare =
        new PipelineBuilder(pac.pipeline())
            .editMetadata()
            .withNamespace(null)
            .endMetadata()
            .build();
    files.put(fileName(bare), FolderWriter.HEADER + YamlWriter.toYaml(bare));
    for (PacRuns.Event event : PacRuns.Event.values()) {
      files.put(
          "pipelinerun-" + spec.name() + "-" + event.fileSuffix() + ".yaml",
          FolderWriter.HEADER
              + YamlWriter.toYaml(
                  PacRuns.of(pac.spec(), pac.pipeline(), pac.pipelineRun(), event)));
    }
    return files;
  }

  /**
   * Writes {@link #pacFiles()} as the whole content of {@code dir}, as {@link #writeTo(Path,
   * WriteOption...)} writes its folder: crash-safe, in place, with the manifest of hashes, refusing
   * a folder that holds files this tool did not write, and edited files unless told otherwise.
   *
   * @throws OutputFolderException if the folder cannot or may not be written
   * @throws InvalidValueException as {@link #pacFiles()}
   */
  public void writePacTo(Path dir, WriteOption... options) {
    FolderWriter.write(
        dir, pacFiles(), Arrays.asList(options).contains(WriteOption.OVERWRITE_EDITED_FILES));
  }

  /**
   * How {@code dir} differs from what {@link #writePacTo(Path, WriteOption...)} would leave there,
   * as {@link #compareTo(Path)}.
   *
   * @throws OutputFolderException if {@code dir} is not a folder or cannot be read
   * @throws InvalidValueException as {@link #pacFiles()}
   */
  public List<FolderDifference> comparePacTo(Path dir) {
    return FolderWriter.compare(dir, pacFiles());
  }

  /**
   * Refuses, without writing anything, a folder that {@link #writeTo(Path, WriteOption...)} or
   * {@link #writePacTo(Path, WriteOption...)} would refuse: for a caller that writes both folders
   * and wants neither written when one is refused.
   *
   * @throws OutputFolderException if the folder may not be written
   */
  public static void checkWritable(Path dir, WriteOption... options) {
    FolderWriter.checkWritable(
        dir, Arrays.asList(options).contains(WriteOption.OVERWRITE_EDITED_FILES));
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
    if (!clusterAdminBindings().isEmpty()) {
      commands.add(
          "oc apply -f "
              + ShellWords.path(dir.resolve(RBAC_FILE).toString())
              + "  # as a cluster admin, once");
    }
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
    startCaveat().ifPresent(caveat -> commands.add("# " + caveat));
    return List.copyOf(commands);
  }

  /**
   * What goes wrong when the run is started another way, when some of its tasks run privileged: the
   * console's Start and a {@code tkn pipeline start} without {@code --task-serviceaccount} run
   * every task as one ServiceAccount, on OpenShift Pipelines {@code pipeline} (the operator's
   * {@code default-service-account}, {@code openshiftDefaulting} in its {@code
   * tektonpipeline_defaults.go}), which may not run privileged containers. Empty when nothing in
   * the Pipeline is privileged.
   */
  public Optional<String> startCaveat() {
    List<String> privileged = placement.privilegedTasks();
    if (privileged.isEmpty()) {
      return Optional.empty();
    }
    Names names = Names.of(spec);
    return Optional.of(
        "the console's Start, and tkn pipeline start without "
            + String.join(
                " ",
                privileged.stream()
                    .map(task -> "--task-serviceaccount " + task + "=" + names.privilegedAccount())
                    .toList())
            + ", run every task as one ServiceAccount (OpenShift Pipelines' default: pipeline),"
            + " which may not run the privileged steps of "
            + String.join(", ", privileged)
            + ": create the generated PipelineRun, or start with multiarch-tekton start");
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
    PipelineRunAssembler.gitSecrets(spec)
        .forEach(
            (workspace, secret) -> {
              words.add("--workspace");
              words.add("name=" + workspace + ",secret=" + secret);
            });
    if (!spec.buildSecret().isEmpty()) {
      words.add("--workspace");
      words.add("name=" + Names.BUILD_SECRETS_WORKSPACE + ",secret=" + spec.buildSecret());
    }
    if (!spec.caBundle().isEmpty()) {
      words.add("--workspace");
      words.add("name=" + Names.SSL_CA_DIRECTORY_WORKSPACE + ",config=" + spec.caBundle());
    }
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
