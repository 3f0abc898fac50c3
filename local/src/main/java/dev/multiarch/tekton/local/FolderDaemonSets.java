package dev.multiarch.tekton.local;

import static dev.multiarch.tekton.model.JsonNodes.list;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.model.KubernetesNames;
import dev.multiarch.tekton.tasks.EmulatorDaemonSet;
import dev.multiarch.tekton.validate.YamlDocs;
import dev.multiarch.tekton.validate.YamlInputException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The DaemonSets of a {@code --from} folder. run-local stands in on this host only for the emulator
 * DaemonSet that {@code generate} writes (its labels say so, {@code DaemonSetPlacement.daemonSets}
 * in core), and only when every command of it that would run here is the one generate writes (as
 * {@link EmulatorDaemonSet#create()} renders them); any other DaemonSet, a node-exporter say, is
 * left alone with a note: nothing of it runs here.
 */
final class FolderDaemonSets {

  /** The labels by which generate marks its emulator DaemonSet. */
  static final Map<String, String> OWN_LABELS =
      Map.of(
          "app.kubernetes.io/managed-by", "multiarch-tekton",
          "app.kubernetes.io/component", "binfmt");

  private static final String POD = "spec.template.spec";

  private FolderDaemonSets() {}

  /**
   * The document as a DaemonSet, which must have a {@code metadata} with a name Kubernetes takes
   * and a {@code spec} mapping.
   *
   * @throws YamlInputException naming the file, line and field otherwise
   */
  static DaemonSet read(YamlDocs.Doc doc) {
    JsonNode metadata = doc.root().get("metadata");
    if (metadata == null || !metadata.isObject()) {
      throw problem(doc, "metadata", "must be a mapping with the DaemonSet's name");
    }
    JsonNode name = metadata.get("name");
    if (name == null
        || !name.isTextual()
        || !KubernetesNames.isDnsSubdomainShape(name.asText())
        || name.asText().length() > 253) {
      throw problem(doc, "metadata.name", "must be a DNS-1123 subdomain, as Kubernetes names one");
    }
    JsonNode spec = doc.root().get("spec");
    if (spec == null || !spec.isObject()) {
      throw problem(doc, "spec", "must be a mapping, the DaemonSet's spec");
    }
    return FolderInputs.convert(doc, DaemonSet.class);
  }

  /** Whether generate wrote it, by its labels. */
  static boolean isOwn(DaemonSet daemonSet) {
    Map<String, String> labels = daemonSet.getMetadata().getLabels();
    return labels != null
        && OWN_LABELS.entrySet().stream()
            .allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
  }

  /** The note that says a DaemonSet is left alone. */
  static String ignored(DaemonSet daemonSet, YamlDocs.Doc doc) {
    return "DaemonSet "
        + daemonSet.getMetadata().getName()
        + " ("
        + doc.source()
        + ") is ignored: not the emulator DaemonSet multiarch-tekton generates, so nothing of it"
        + " runs on this host";
  }

  /**
   * Checks that everything of the emulator DaemonSet that run-local runs on this host (its init
   * containers, the readiness probes, their env and mounts, the pod's volumes) is exactly what
   * generate writes for its emulators; what a cluster only schedules by (node selector,
   * tolerations, resources) may differ.
   *
   * @throws YamlInputException naming the file, line and the first field that differs
   */
  static void checkOwn(DaemonSet daemonSet, YamlDocs.Doc doc) {
    PodSpec pod =
        daemonSet.getSpec().getTemplate() == null
            ? null
            : daemonSet.getSpec().getTemplate().getSpec();
    if (pod == null) {
      throw problem(doc, POD, "must be the pod of the emulator DaemonSet generate writes");
    }
    String emulators = env(list(pod.getInitContainers()), EmulatorDaemonSet.EMULATORS_ENV);
    for (String platform : emulators.split(",", -1)) {
      try {
        Platform.parse(platform);
      } catch (InvalidValueException e) {
        throw problem(
            doc,
            POD + ".initContainers[0].env",
            EmulatorDaemonSet.EMULATORS_ENV + " must list known platforms: " + e.getMessage());
      }
    }
    Container daemon =
        list(pod.getContainers()).stream()
            .filter(c -> EmulatorDaemonSet.EMULATORS_CONTAINER.equals(c.getName()))
            .findFirst()
            .orElse(new Container());
    PodSpec own =
        new EmulatorDaemonSet(
                daemonSet.getMetadata().getName(),
                daemonSet.getMetadata().getNamespace(),
                Map.of(),
                pod.getServiceAccountName(),
                emulators,
                Map.of(),
                image(list(pod.getInitContainers()), EmulatorDaemonSet.INSTALL_CONTAINER),
                "",
                "true".equals(env(List.of(daemon), "UNINSTALL_ON_STOP")))
            .create()
            .getSpec()
            .getTemplate()
            .getSpec();
    if (!Objects.equals(list(pod.getVolumes()), list(own.getVolumes()))) {
      throw differs(doc, POD + ".volumes");
    }
    List<Container> inits = list(pod.getInitContainers());
    List<Container> ownInits = list(own.getInitContainers());
    if (inits.size() != ownInits.size()) {
      throw differs(doc, POD + ".initContainers");
    }
    for (int i = 0; i < inits.size(); i++) {
      Container init = inits.get(i);
      Container expected = ownInits.get(i);
      String field = POD + ".initContainers[" + i + "]";
      same(doc, field + ".name", init.getName(), expected.getName());
      same(doc, field + ".command", list(init.getCommand()), list(expected.getCommand()));
      same(doc, field + ".args", list(init.getArgs()), list(expected.getArgs()));
      same(doc, field + ".env", list(init.getEnv()), list(expected.getEnv()));
      same(
          doc,
          field + ".volumeMounts",
          list(init.getVolumeMounts()),
          list(expected.getVolumeMounts()));
      boolean standIn = ImageStandIns.runsEntrypoint(init.getImage(), list(init.getCommand()));
      if (standIn != EmulatorDaemonSet.INSTALL_CONTAINER.equals(init.getName())) {
        // The install container's image must be one run-local stands in for; a script
        // container's command runs as it is.
        throw differs(doc, field + ".image");
      }
    }
    List<Container> containers = list(pod.getContainers());
    for (int i = 0; i < containers.size(); i++) {
      Container container = containers.get(i);
      if (container.getReadinessProbe() == null
          || container.getReadinessProbe().getExec() == null) {
        continue;
      }
      String field = POD + ".containers[" + i + "]";
      Optional<Container> expected =
          list(own.getContainers()).stream()
              .filter(c -> c.getName().equals(container.getName()))
              .findFirst();
      if (expected.isEmpty()) {
        throw differs(doc, field + ".readinessProbe");
      }
      same(
          doc,
          field + ".readinessProbe.exec.command",
          list(container.getReadinessProbe().getExec().getCommand()),
          list(expected.get().getReadinessProbe().getExec().getCommand()));
      same(doc, field + ".env", list(container.getEnv()), list(expected.get().getEnv()));
    }
  }

  private static String env(List<Container> containers, String name) {
    for (Container container : containers) {
      for (EnvVar var : list(container.getEnv())) {
        if (name.equals(var.getName()) && var.getValue() != null) {
          return var.getValue();
        }
      }
    }
    return "";
  }

  private static String image(List<Container> containers, String name) {
    return containers.stream()
        .filter(c -> name.equals(c.getName()))
        .map(Container::getImage)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse("");
  }

  private static void same(YamlDocs.Doc doc, String field, Object given, Object expected) {
    if (!Objects.equals(given, expected)) {
      throw differs(doc, field);
    }
  }

  private static YamlInputException differs(YamlDocs.Doc doc, String field) {
    return problem(
        doc,
        field,
        "differs from the emulator DaemonSet multiarch-tekton generates; run-local runs on this"
            + " host only the commands generate writes (regenerate the folder)");
  }

  private static YamlInputException problem(YamlDocs.Doc doc, String field, String problem) {
    return new YamlInputException(
        doc.source(), doc.line(field), doc.label() + " " + field + ": " + problem);
  }
}
