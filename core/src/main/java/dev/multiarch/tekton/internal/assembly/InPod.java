package dev.multiarch.tekton.internal.assembly;

import static dev.multiarch.tekton.internal.assembly.Names.BUILD_TASK;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.tasks.BuildTask;
import dev.multiarch.tekton.tasks.Params;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.tekton.pod.Template;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Placement in-pod: each matrixed build registers the run's emulators on its own node in a
 * privileged first step, so builds spread over nodes and need no shared volume, but their pods are
 * privileged. Every build gets the same EMULATORS, the Pipeline's (every emulated platform, never
 * the nodes' own): per-platform values would need {@code matrix.include} entries, and Tekton adds
 * an entry that matches no combination as a combination of its own, so a run given fewer {@code
 * PLATFORMS} would still build the platforms it left out.
 */
final class InPod extends PlacementMode {

  /**
   * No cleanup: builds register emulators on whichever nodes they land on; one finally pod cannot
   * reach them all.
   */
  static final SpecRules SPEC_RULES =
      new SpecRules() {
        @Override
        public void checkCleanup(boolean cleanupEmulators, boolean emulates) {
          SpecRules.super.checkCleanup(cleanupEmulators, emulates);
          if (cleanupEmulators) {
            throw new InvalidValueException(
                "spec.cleanupEmulators",
                "true",
                "false with placement in-pod: cleanup runs"
                    + " on the builds' node in placement same-node, and when its pods stop in placement daemonset");
          }
        }
      };

  InPod(BuildSpec spec, PlatformLayout layout) {
    super(spec, layout);
  }

  @Override
  Task matrixBuildTaskResource() {
    return BuildTask.create(true);
  }

  @Override
  List<ParamSpec> params() {
    return emulatorParams("each build registers on its node");
  }

  @Override
  List<Param> matrixBuildParams() {
    return List.of(
        TaskWiring.pass(Params.EMULATORS, false), TaskWiring.pass(Params.BINFMT_IMAGE, false));
  }

  @Override
  String emulation() {
    return "QEMU emulation (placement in-pod)";
  }

  @Override
  public List<String> privilegedTasks() {
    return List.of(BUILD_TASK);
  }

  @Override
  public List<RoleBinding> roleBindings() {
    List<RoleBinding> bindings = new ArrayList<>(super.roleBindings());
    // In-pod builds run as the privileged account and push, so it needs the push rights too.
    if (spec.usesImageStream() || !spec.cacheImageStreams().isEmpty()) {
      bindings.add(
          access.binding(names.privilegedAccount(), "image-builder", Access.IMAGE_BUILDER_ROLE));
    }
    return bindings;
  }

  @Override
  Template runPodTemplate() {
    return nodePlatformPodTemplate();
  }
}
