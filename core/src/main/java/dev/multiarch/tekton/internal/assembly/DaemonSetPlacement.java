package dev.multiarch.tekton.internal.assembly;

import static dev.multiarch.tekton.internal.assembly.Names.BUILD_TASK;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.Placement;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.SccRole;
import dev.multiarch.tekton.internal.spec.Checks;
import dev.multiarch.tekton.tasks.EmulatorDaemonSet;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.tekton.pod.Template;
import io.fabric8.tekton.pod.TemplateBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Placement daemonset, the original recipe hardened: a privileged DaemonSet registers the emulators
 * on the nodes that {@code emulationNodeSelector} picks (of the build nodes' platform), proves them
 * with a readiness probe, and stays. The Pipeline has nothing privileged and no shared volume; the
 * matrixed builds are pinned to those nodes and spread across them.
 */
final class DaemonSetPlacement extends PlacementMode {

  /**
   * The label Tekton puts on a TaskRun's pod naming its Pipeline, and the one naming its pipeline
   * task.
   */
  static final String PIPELINE_LABEL = "tekton.dev/pipeline";

  static final String PIPELINE_TASK_LABEL = "tekton.dev/pipelineTask";

  /**
   * The label the DaemonSet selects build nodes by unless the spec says otherwise; admins set it.
   */
  static final Map<String, String> DEFAULT_EMULATION_NODE_SELECTOR =
      Map.of("multiarch-tekton.dev/emulation", "true");

  /**
   * Cleanup is the DaemonSet's pods removing their entries as they stop; the nodes are the
   * selector's.
   */
  static final SpecRules SPEC_RULES =
      new SpecRules() {
        @Override
        public Map<String, String> emulationNodeSelector(
            Map<String, String> given, Placement placement, Platform nodePlatform) {
          if (given == null || given.isEmpty()) {
            return DEFAULT_EMULATION_NODE_SELECTOR;
          }
          Map<String, String> checked = Checks.labelSet("spec.emulationNodeSelector", given);
          // The emulators are chosen for nodePlatform's nodes; the DaemonSet and the builds go to
          // those only.
          NativePlatform.defaultSelector(nodePlatform)
              .forEach(
                  (label, value) -> {
                    if (checked.containsKey(label) && !checked.get(label).equals(value)) {
                      throw new InvalidValueException(
                          "spec.emulationNodeSelector",
                          checked.get(label),
                          value
                              + " for "
                              + label
                              + ", the build nodes' (spec.nodePlatform "
                              + nodePlatform
                              + "), or no "
                              + label
                              + " at all");
                    }
                  });
          return checked;
        }
      };

  DaemonSetPlacement(BuildSpec spec, PlatformLayout layout) {
    super(spec, layout);
  }

  @Override
  String emulation() {
    return "QEMU emulation registered by DaemonSet "
        + names.binfmtDaemonSet()
        + " (placement daemonset)";
  }

  /**
   * The nodes that emulate: those the spec's selector picks, of the build nodes' own architecture
   * and OS, since the emulators are chosen for that platform (an emulator of a node's own
   * architecture would break its native binaries).
   */
  Map<String, String> emulationNodes() {
    Map<String, String> selector = new LinkedHashMap<>(spec.emulationNodeSelector());
    NativePlatform.defaultSelector(spec.nodePlatform()).forEach(selector::putIfAbsent);
    return selector;
  }

  @Override
  public List<ServiceAccount> serviceAccounts() {
    List<ServiceAccount> accounts = new ArrayList<>(super.serviceAccounts());
    accounts.add(access.account(names.binfmtDaemonSet()));
    return accounts;
  }

  @Override
  public List<RoleBinding> roleBindings() {
    List<RoleBinding> bindings = new ArrayList<>(super.roleBindings());
    bindings.add(
        access.binding(
            names.binfmtDaemonSet(), "privileged-scc", SccRole.PRIVILEGED.clusterRole()));
    return bindings;
  }

  @Override
  public List<DaemonSet> daemonSets() {
    Map<String, String> labels = new TreeMap<>(Labels.of(spec));
    labels.put("app.kubernetes.io/component", "binfmt");
    return List.of(
        new EmulatorDaemonSet(
                names.binfmtDaemonSet(),
                spec.namespace(),
                labels,
                names.binfmtDaemonSet(),
                emulatedPlatforms(),
                emulationNodes(),
                spec.binfmtImage(),
                spec.builderImage(),
                spec.cleanupEmulators())
            .create());
  }

  /**
   * Pinned to the emulating nodes, and spread across them (a soft constraint: a busy cluster still
   * runs them): the pods of this Pipeline's build task, which Tekton labels with the Pipeline and
   * the pipeline task.
   */
  @Override
  Template matrixBuildPodTemplate() {
    return new TemplateBuilder()
        .withNodeSelector(ordered(emulationNodes()))
        .withTopologySpreadConstraints(
            new TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey("kubernetes.io/hostname")
                .withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector()
                .addToMatchLabels(PIPELINE_LABEL, names.pipeline())
                .addToMatchLabels(PIPELINE_TASK_LABEL, BUILD_TASK)
                .endLabelSelector()
                .build())
        .build();
  }
}
