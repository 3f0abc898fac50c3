package dev.multiarch.tekton.local;

import static dev.multiarch.tekton.model.JsonNodes.list;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the emulator DaemonSet does on a node, done on this host before the Pipeline runs: its init
 * containers (tonistiigi/binfmt's {@code --install}, stood in for by {@code host-binfmt.sh} as in
 * the binfmt task), then its container's readiness probe, which must pass as it must on a cluster
 * before builds can rely on the node. The registrations stay afterwards, as the DaemonSet does.
 */
final class DaemonSetStandIn {

  private final ProcessSupervisor supervisor;
  private final Path work;
  private final Path logs;

  DaemonSetStandIn(ProcessSupervisor supervisor, Path work, Path logs) {
    this.supervisor = supervisor;
    this.work = work;
    this.logs = logs;
  }

  /**
   * Runs the DaemonSet's init containers and its readiness probe on this host.
   *
   * @return what happened, one line for the run's notes
   * @throws LocalRunException if the DaemonSet does what run-local cannot stand in for, or a step
   *     of it fails
   */
  String run(DaemonSet daemonSet) {
    String name = daemonSet.getMetadata().getName();
    var pod = daemonSet.getSpec().getTemplate().getSpec();
    Path logDir = RunPaths.child(logs, "daemonset-" + name, "DaemonSet name");
    int index = 0;
    List<String> done = new ArrayList<>();
    for (Container init : list(pod.getInitContainers())) {
      List<String> command;
      Map<String, String> env = env(init);
      if (!ImageStandIns.runsEntrypoint(init.getImage(), list(init.getCommand()))) {
        // A script container (the checks before registering): its own command, with the pod's
        // emptyDir mounts mapped to folders of this run.
        command = new ArrayList<>(list(init.getCommand()));
        command.addAll(list(init.getArgs()));
        env =
            mapMounts(
                env,
                init,
                pod.getVolumes(),
                RunPaths.child(work, "volumes-" + name, "DaemonSet name"));
      } else {
        try {
          command =
              ImageStandIns.command(init.getImage(), list(init.getArgs()), work.resolve("bin"));
        } catch (IllegalArgumentException e) {
          throw new LocalRunException(
              "DaemonSet " + name + " init container " + init.getName() + ": " + e.getMessage());
        }
      }
      run(
          name,
          "init container " + init.getName(),
          command,
          env,
          RunPaths.child(
              logDir, String.format("%02d-%s.log", ++index, init.getName()), "container name"));
      done.add(
          list(init.getArgs()).isEmpty()
              ? init.getName()
              : init.getName() + " (" + String.join(" ", list(init.getArgs())) + ")");
    }
    for (Container container : list(pod.getContainers())) {
      if (container.getReadinessProbe() == null
          || container.getReadinessProbe().getExec() == null) {
        continue;
      }
      Path log =
          RunPaths.child(
              logDir,
              String.format("%02d-%s-readiness.log", ++index, container.getName()),
              "container name");
      run(
          name,
          "readiness probe of container " + container.getName(),
          list(container.getReadinessProbe().getExec().getCommand()),
          env(container),
          log);
      done.add("the readiness probe of container " + container.getName());
    }
    return "DaemonSet "
        + name
        + ": ran "
        + String.join(", then ", done)
        + " on this host; its registrations stay, as"
        + " the DaemonSet does (logs: "
        + logDir
        + ")";
  }

  private void run(
      String name, String what, List<String> command, Map<String, String> env, Path log) {
    int code;
    try {
      Files.createDirectories(log.getParent());
      Files.createDirectories(work.resolve("daemonset"));
      code = supervisor.run(command, env, work.resolve("daemonset"), log);
    } catch (IOException e) {
      throw new UncheckedIOException("DaemonSet " + name + " " + what + ": " + e.getMessage(), e);
    }
    if (code != 0) {
      throw new LocalRunException(
          "DaemonSet "
              + name
              + " "
              + what
              + " failed on this host (exit "
              + code
              + "): "
              + TaskRunner.lastError(log).orElse("no output")
              + " (log: "
              + log
              + ")");
    }
  }

  /** The container's env: literal values, and the downward API's node name as this host's name. */
  private static Map<String, String> env(Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", Host.path());
    for (EnvVar var : list(container.getEnv())) {
      if (var.getValueFrom() == null) {
        env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
      } else if (var.getValueFrom().getFieldRef() != null
          && "spec.nodeName".equals(var.getValueFrom().getFieldRef().getFieldPath())) {
        env.put(var.getName(), Host.name());
      }
    }
    return env;
  }

  /**
   * The env with every value under an emptyDir mount of {@code container} pointing into {@code
   * dir}/<volume> instead, created here.
   */
  private static Map<String, String> mapMounts(
      Map<String, String> env, Container container, List<Volume> volumes, Path dir) {
    Map<String, String> mapped = new LinkedHashMap<>(env);
    for (VolumeMount mount : list(container.getVolumeMounts())) {
      boolean emptyDir =
          list(volumes).stream()
              .anyMatch(v -> v.getName().equals(mount.getName()) && v.getEmptyDir() != null);
      if (!emptyDir) {
        continue;
      }
      Path local = RunPaths.child(dir, mount.getName(), "volume mount name");
      try {
        Files.createDirectories(local);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String prefix = mount.getMountPath().replaceFirst("/+$", "");
      mapped.replaceAll(
          (k, v) ->
              v.equals(prefix) || v.startsWith(prefix + "/")
                  ? local + v.substring(prefix.length())
                  : v);
    }
    return mapped;
  }
}
