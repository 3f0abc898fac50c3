package dev.multiarch.tekton.tasks;

import dev.multiarch.tekton.templates.ScriptTemplate;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.ParamSpecBuilder;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.StepBuilder;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskBuilder;
import io.fabric8.tekton.v1.TaskResult;
import io.fabric8.tekton.v1.TaskResultBuilder;
import io.fabric8.tekton.v1.WorkspaceDeclaration;
import io.fabric8.tekton.v1.WorkspaceDeclarationBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pieces every catalog Task is made of, so labels, privileges and param wiring look the same in
 * all.
 */
final class TaskParts {

  static final String API_VERSION = "tekton.dev/v1";
  static final String VERSION = "0.1.0";
  static final String MIN_PIPELINES_VERSION = "0.53.0";

  /** Node platforms the step images exist for (Tekton catalog meaning of tekton.dev/platforms). */
  static final String NODE_PLATFORMS = "linux/amd64,linux/arm64,linux/ppc64le,linux/s390x";

  static final String STORAGE_VOLUME = "varlibcontainers";
  static final String STORAGE_PATH = "/var/lib/containers";

  /**
   * Passes the unusable emulators' entries from the step that finds them to the one that removes
   * them: a result file, which every step of the pod sees (Tekton substitutes its path in env too:
   * ApplyResults). The DaemonSet uses a volume instead.
   */
  static final String UNUSABLE_FILE = References.resultPath(Results.REPLACED_EMULATORS);

  static final String STATE_VOLUME = "binfmt-state";
  static final String STATE_FILE = "/binfmt-state/unusable";

  /** The step or container that finds registered emulators an unprivileged pod cannot use. */
  static final String TEST_REGISTERED_STEP = "test-registered";

  /** The step or container that removes those, right before binfmt registers them again. */
  static final String RELEASE_UNUSABLE_STEP = "release-unusable";

  /**
   * tonistiigi/binfmt's entrypoint (its Dockerfile, stage image: ENTRYPOINT ["/usr/bin/binfmt"]).
   */
  static final String BINFMT_COMMAND = "/usr/bin/binfmt";

  /**
   * The end of a required BUILDER_IMAGE param's description: no default can name that image, which
   * nobody publishes and each cluster builds into a registry of its own.
   */
  static final String BUILDER_IMAGE_REQUIRED =
      " (required: nobody publishes it; multiarch-tekton's bootstrap Pipeline builds it on the"
          + " cluster, and the generated Pipelines pass it).";

  private TaskParts() {}

  static ObjectMeta metadata(String name, String displayName) {
    return new ObjectMetaBuilder()
        .withName(name)
        .addToLabels("app.kubernetes.io/part-of", "multiarch-tekton")
        .addToLabels("app.kubernetes.io/version", VERSION)
        .addToAnnotations("tekton.dev/pipelines.minVersion", MIN_PIPELINES_VERSION)
        .addToAnnotations("tekton.dev/displayName", displayName)
        .addToAnnotations("tekton.dev/platforms", NODE_PLATFORMS)
        .addToAnnotations("tekton.dev/tags", "image-build")
        .build();
  }

  /**
   * The Task with its privileged steps listed in annotation {@link TaskCatalog#PRIVILEGED_STEPS},
   * derived from the steps themselves, so that the declaration validate checks can never drift from
   * what is generated.
   */
  static Task declarePrivilegedSteps(Task task) {
    List<String> names =
        task.getSpec().getSteps().stream()
            .filter(
                step ->
                    step.getSecurityContext() != null
                        && Boolean.TRUE.equals(step.getSecurityContext().getPrivileged()))
            .map(Step::getName)
            .toList();
    if (names.isEmpty()) {
      return task;
    }
    return new TaskBuilder(task)
        .editMetadata()
        .addToAnnotations(TaskCatalog.PRIVILEGED_STEPS, String.join(",", names))
        .endMetadata()
        .build();
  }

  /** A string param; a null default makes it required. */
  static ParamSpec string(String name, String description, String defaultValue) {
    ParamSpecBuilder param =
        new ParamSpecBuilder().withName(name).withType("string").withDescription(description);
    if (defaultValue != null) {
      param.withDefault(new ParamValue(defaultValue));
    }
    return param.build();
  }

  /** An array param; a null default makes it required. */
  static ParamSpec array(String name, String description, List<String> defaultValue) {
    ParamSpecBuilder param =
        new ParamSpecBuilder().withName(name).withType("array").withDescription(description);
    if (defaultValue != null) {
      param.withDefault(new ParamValue(defaultValue));
    }
    return param.build();
  }

  static TaskResult result(String name, String description) {
    return new TaskResultBuilder()
        .withName(name)
        .withType("string")
        .withDescription(description)
        .build();
  }

  static WorkspaceDeclaration workspace(String name, String description, boolean optional) {
    WorkspaceDeclarationBuilder workspace =
        new WorkspaceDeclarationBuilder().withName(name).withDescription(description);
    return optional ? workspace.withOptional(true).build() : workspace.build();
  }

  /**
   * HTTP_PROXY, HTTPS_PROXY and NO_PROXY, empty by default, of a Task whose steps talk to git or a
   * registry.
   */
  static List<ParamSpec> proxyParams() {
    return List.of(
        string(
            Params.HTTP_PROXY,
            "Proxy of plain-HTTP requests (git, registries), http://host:port; empty for none.",
            ""),
        string(
            Params.HTTPS_PROXY, "Proxy of HTTPS requests (git, registries); empty for none.", ""),
        string(
            Params.NO_PROXY,
            "Comma-separated hosts, .domains and CIDRs reached without the proxy.",
            ""));
  }

  /** The proxy params as env vars of the same names; the scripts export the lower-case ones. */
  static List<EnvVar> proxyEnv() {
    return Params.PROXY.stream().map(TaskParts::paramEnv).toList();
  }

  /** The script reads the param from an env var of the same name, never from substituted text. */
  static EnvVar paramEnv(String name) {
    return env(name, References.param(name));
  }

  static EnvVar env(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  /** NODE_NAME from the downward API, so failures name the node to fix. */
  static EnvVar nodeName() {
    return new EnvVarBuilder()
        .withName("NODE_NAME")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("spec.nodeName")
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  static List<EnvVar> optionalWorkspaceEnv(String workspace, String prefix) {
    return List.of(
        env(prefix + "_BOUND", References.workspaceBound(workspace)),
        env(prefix + "_PATH", References.workspacePath(workspace)));
  }

  /** The optional git credential workspaces every Task that touches git declares. */
  static List<WorkspaceDeclaration> gitWorkspaces() {
    return List.of(
        workspace(
            Workspaces.BASIC_AUTH,
            "Optional: .gitconfig and .git-credentials for git over HTTPS, as the Tekton catalog's"
                + " git-clone Task and Pipelines-as-Code's git_auth_secret lay them out.",
            true),
        workspace(
            Workspaces.SSH_DIRECTORY,
            "Optional: an ssh private key (id_rsa, id_ed25519, ...), known_hosts and an optional"
                + " config for git over ssh; host keys are always checked.",
            true));
  }

  /** The env that tells a git step where the credential and CA workspaces are, if bound. */
  static List<EnvVar> gitWorkspaceEnv() {
    List<EnvVar> env = new ArrayList<>();
    env.addAll(optionalWorkspaceEnv(Workspaces.BASIC_AUTH, "BASIC_AUTH"));
    env.addAll(optionalWorkspaceEnv(Workspaces.SSH_DIRECTORY, "SSH_DIRECTORY"));
    env.addAll(trustEnv());
    return List.copyOf(env);
  }

  /** The optional CA workspace every Task that talks to git or a registry declares. */
  static WorkspaceDeclaration trustWorkspace() {
    return workspace(
        Workspaces.SSL_CA_DIRECTORY,
        "Optional: CA certificates (PEM, any file names such as ca-bundle.crt) trusted besides the"
            + " system ones by git and by buildah's pulls and pushes.",
        true);
  }

  /** The env that tells a step where the CA workspace is, if bound. */
  static List<EnvVar> trustEnv() {
    return optionalWorkspaceEnv(Workspaces.SSL_CA_DIRECTORY, "SSL_CA_DIRECTORY");
  }

  /**
   * Requests (and a memory limit) for a step, so the pod is never BestEffort: the first evicted
   * under pressure. Tekton turns the steps' requests into the pod's as the largest of them, since
   * steps run one after another.
   */
  static ResourceRequirements resources(String cpu, String memory, String memoryLimit) {
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(cpu))
        .addToRequests("memory", new Quantity(memory))
        .addToLimits("memory", new Quantity(memoryLimit))
        .build();
  }

  /** A short script step (checks, git): a tenth of a CPU, 128Mi, at most 512Mi. */
  static ResourceRequirements smallStep() {
    return resources("100m", "128Mi", "512Mi");
  }

  /** binfmt_misc is kernel-global: only a privileged container may change or mount it. */
  static SecurityContext privileged() {
    return new SecurityContextBuilder().withPrivileged(true).build();
  }

  /**
   * A container that registers emulators: privileged, and with SELinux level {@code s0}. With the F
   * flag the kernel opens the interpreter from this container's files for every pod that runs a
   * foreign binary; CRI-O labels them with the container's MCS level, which without this is the
   * pod's random categories (privileged SCC: seLinuxContext RunAsAny), unreadable from pods of
   * other categories. Files at {@code s0} are readable from every category.
   */
  static SecurityContext registering() {
    return new SecurityContextBuilder()
        .withPrivileged(true)
        .withNewSeLinuxOptions()
        .withLevel("s0")
        .endSeLinuxOptions()
        .build();
  }

  /**
   * Unprivileged at SELinux level {@code s0}, the lowest: whatever it can open, a pod of any MCS
   * categories can.
   */
  static SecurityContext unprivilegedAtLevelS0() {
    return new SecurityContextBuilder()
        .withNewSeLinuxOptions()
        .withLevel("s0")
        .endSeLinuxOptions()
        .build();
  }

  /**
   * The steps that register the emulators of param EMULATORS: find the registered ones that an
   * unprivileged pod cannot use, remove only those, then register with tonistiigi/binfmt (which
   * keeps an entry already there). The Task declares {@link #replacedEmulators()}.
   */
  static List<Step> registrationSteps(String installStep) {
    return List.of(
        new StepBuilder()
            .withName(TEST_REGISTERED_STEP)
            .withImage(References.param(Params.BUILDER_IMAGE))
            .withEnv(paramEnv(Params.EMULATORS), env("UNUSABLE_FILE", UNUSABLE_FILE), nodeName())
            .withScript(ScriptTemplate.BINFMT_USABLE.render(platformModel()))
            .withSecurityContext(unprivilegedAtLevelS0())
            .withComputeResources(smallStep())
            .build(),
        new StepBuilder()
            .withName(RELEASE_UNUSABLE_STEP)
            .withImage(References.param(Params.BUILDER_IMAGE))
            .withEnv(env("UNUSABLE_FILE", UNUSABLE_FILE), nodeName())
            .withScript(ScriptTemplate.BINFMT_RELEASE.render(platformModel()))
            .withSecurityContext(privileged())
            .withComputeResources(smallStep())
            .build(),
        binfmtStep(installStep, "--install"));
  }

  static TaskResult replacedEmulators() {
    return result(
        Results.REPLACED_EMULATORS,
        "The binfmt_misc entries found registered but unusable from an unprivileged pod (SELinux), and"
            + " registered anew; one a line, empty when none.");
  }

  /** The DaemonSet's stand-in for the result file: an emptyDir its init containers share. */
  static Volume stateVolume() {
    return new VolumeBuilder().withName(STATE_VOLUME).withNewEmptyDir().endEmptyDir().build();
  }

  static VolumeMount stateMount() {
    return new VolumeMountBuilder().withName(STATE_VOLUME).withMountPath("/binfmt-state").build();
  }

  /** What buildah needs to build unprivileged: set file capabilities in image layers. */
  static SecurityContext setfcapOnly() {
    return new SecurityContextBuilder()
        .withNewCapabilities()
        .addToAdd("SETFCAP")
        .endCapabilities()
        .build();
  }

  /**
   * A tonistiigi/binfmt step; the image has no shell, so it takes args only. Naming the command
   * spares the controller looking the image's entrypoint up in its registry.
   */
  static Step binfmtStep(String stepName, String action) {
    return new StepBuilder()
        .withName(stepName)
        .withImage(References.param(Params.BINFMT_IMAGE))
        .withCommand(BINFMT_COMMAND)
        .withArgs(action, References.param(Params.EMULATORS))
        .withSecurityContext(registering())
        .withComputeResources(smallStep())
        .build();
  }

  static Volume storageVolume() {
    return new VolumeBuilder().withName(STORAGE_VOLUME).withNewEmptyDir().endEmptyDir().build();
  }

  static VolumeMount storageMount() {
    return new VolumeMountBuilder().withName(STORAGE_VOLUME).withMountPath(STORAGE_PATH).build();
  }

  /** The templates' model: the platform table, from our own constants only. */
  static Map<String, Object> platformModel() {
    List<Map<String, Object>> platforms =
        KnownPlatforms.all().stream()
            .map(
                p ->
                    Map.<String, Object>of(
                        "name",
                        p.name(),
                        "qemuBinary",
                        p.qemuBinary(),
                        "nativeMachines",
                        p.nativeMachines()))
            .toList();
    return Map.of("platforms", platforms);
  }
}
