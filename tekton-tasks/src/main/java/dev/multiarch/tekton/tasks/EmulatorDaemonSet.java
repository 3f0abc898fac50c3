package dev.multiarch.tekton.tasks;

import dev.multiarch.tekton.templates.ScriptTemplate;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The emulator DaemonSet of placement daemonset: on every node its selector picks, init containers
 * replace registered emulators that unprivileged pods cannot use, then a privileged one
 * (tonistiigi/binfmt, SELinux level s0) registers the emulators with the F flag; a privileged
 * container then proves them and stays, its readiness probe failing while one is missing or
 * disabled. Restarted pods (a rebooted node) register again.
 *
 * @param name the DaemonSet's name, also its pods' name prefix
 * @param namespace its namespace
 * @param labels the labels of the DaemonSet and its pods; the selector matches them
 * @param serviceAccount the ServiceAccount its pods run as, which may use the privileged SCC
 * @param emulators the platforms to emulate, comma-separated; never the nodes' own
 * @param nodeSelector the labels of the nodes it runs on
 * @param binfmtImage the tonistiigi/binfmt image
 * @param builderImage the image with bash that runs the check and probe scripts (the builder image)
 * @param uninstallOnStop whether a stopping pod removes the registrations again
 */
public record EmulatorDaemonSet(
    String name,
    String namespace,
    Map<String, String> labels,
    String serviceAccount,
    String emulators,
    Map<String, String> nodeSelector,
    String binfmtImage,
    String builderImage,
    boolean uninstallOnStop) {

  public static final String INSTALL_CONTAINER = "install";
  public static final String EMULATORS_CONTAINER = "emulators";

  /** The env var that carries the emulator list to the scripts. */
  public static final String EMULATORS_ENV = "EMULATORS";

  public EmulatorDaemonSet {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
    nodeSelector = new LinkedHashMap<>(nodeSelector);
  }

  /** The DaemonSet (apps/v1). */
  public DaemonSet create() {
    Map<String, Object> model = TaskParts.platformModel();
    List<EnvVar> env =
        List.of(
            TaskParts.env(EMULATORS_ENV, emulators),
            TaskParts.nodeName(),
            TaskParts.env("UNINSTALL_ON_STOP", Boolean.toString(uninstallOnStop)));
    return new DaemonSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .addToAnnotations("multiarch-tekton.dev/emulators", emulators)
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .withMatchLabels(labels)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(serviceAccount)
        // The pods talk to no API server: no token in them.
        .withAutomountServiceAccountToken(false)
        .withNodeSelector(nodeSelector)
        .withVolumes(TaskParts.stateVolume())
        // As in the binfmt Task: replace only the registered emulators an unprivileged pod cannot
        // use (see binfmt-release.sh for the window), then register.
        .withInitContainers(
            new ContainerBuilder()
                .withName(TaskParts.TEST_REGISTERED_STEP)
                .withImage(builderImage)
                .withCommand(
                    "/bin/bash",
                    "-c",
                    ScriptTemplate.BINFMT_USABLE.render(model),
                    TaskParts.TEST_REGISTERED_STEP)
                .withEnv(
                    TaskParts.env(EMULATORS_ENV, emulators),
                    TaskParts.env("UNUSABLE_FILE", TaskParts.STATE_FILE),
                    TaskParts.nodeName())
                .withVolumeMounts(TaskParts.stateMount())
                .withSecurityContext(TaskParts.unprivilegedAtLevelS0())
                .withResources(TaskParts.smallStep())
                .build(),
            new ContainerBuilder()
                .withName(TaskParts.RELEASE_UNUSABLE_STEP)
                .withImage(builderImage)
                .withCommand(
                    "/bin/bash",
                    "-c",
                    ScriptTemplate.BINFMT_RELEASE.render(model),
                    TaskParts.RELEASE_UNUSABLE_STEP)
                .withEnv(TaskParts.env("UNUSABLE_FILE", TaskParts.STATE_FILE), TaskParts.nodeName())
                .withVolumeMounts(TaskParts.stateMount())
                .withSecurityContext(TaskParts.privileged())
                .withResources(TaskParts.smallStep())
                .build(),
            new ContainerBuilder()
                .withName(INSTALL_CONTAINER)
                .withImage(binfmtImage)
                .withCommand(TaskParts.BINFMT_COMMAND)
                .withArgs("--install", emulators)
                .withSecurityContext(TaskParts.registering())
                .withResources(TaskParts.smallStep())
                .build())
        .withContainers(
            new ContainerBuilder()
                .withName(EMULATORS_CONTAINER)
                .withImage(builderImage)
                .withCommand(
                    "/bin/bash", "-c", ScriptTemplate.BINFMT_DAEMON.render(model), "binfmt-daemon")
                .withEnv(env)
                .withSecurityContext(TaskParts.privileged())
                .withResources(TaskParts.resources("10m", "32Mi", "128Mi"))
                .withNewReadinessProbe()
                .withNewExec()
                .withCommand(
                    "/bin/bash", "-c", ScriptTemplate.BINFMT_READY.render(model), "binfmt-ready")
                .endExec()
                .withPeriodSeconds(60)
                .withTimeoutSeconds(10)
                .withFailureThreshold(1)
                .endReadinessProbe()
                .build())
        .withTerminationGracePeriodSeconds(30L)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
