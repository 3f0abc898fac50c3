package dev.multiarch.tekton.internal.assembly;

import static dev.multiarch.tekton.internal.assembly.Names.BUILD_TASK;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.tasks.BuildTask;
import dev.multiarch.tekton.tasks.Params;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.tekton.v1.IncludeParams;
import io.fabric8.tekton.v1.IncludeParamsBuilder;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Placement in-pod: each matrixed build registers its own platform's emulator in a privileged first step, so builds
 * spread over nodes and need no shared volume, but their pods are privileged. A build's EMULATORS is its own platform
 * when emulated ({@code matrix.include} adds it to that combination) and empty when the nodes run it natively.
 */
final class InPod extends PlacementMode {

  /** No cleanup: builds register emulators on whichever nodes they land on; one finally pod cannot reach them all. */
  static final SpecRules SPEC_RULES = new SpecRules() {
    @Override
    public void checkCleanup(boolean cleanupEmulators, boolean emulates) {
      SpecRules.super.checkCleanup(cleanupEmulators, emulates);
      if (cleanupEmulators) {
        throw new InvalidValueException("spec.cleanupEmulators", "true", "false with placement in-pod: cleanup runs"
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
    return List.of(TaskWiring.string(Params.BINFMT_IMAGE, spec.binfmtImage(), "tonistiigi/binfmt image, pinned."));
  }

  @Override
  List<Param> matrixBuildParams() {
    return List.of(TaskWiring.pass(Params.BINFMT_IMAGE, false));
  }

  @Override
  List<IncludeParams> matrixInclude() {
    List<IncludeParams> include = new ArrayList<>();
    for (Platform platform : layout.emulated()) {
      include.add(new IncludeParamsBuilder()
          .withName("emulate-" + platform.tagSuffix())
          .withParams(TaskWiring.literal(Params.PLATFORM, platform.toString()),
              TaskWiring.literal(Params.EMULATORS, platform.toString()))
          .build());
    }
    return include;
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
    bindings.add(access.binding(names.privilegedAccount(), "image-builder", Access.IMAGE_BUILDER_ROLE));
    return bindings;
  }
}
