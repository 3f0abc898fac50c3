package dev.multiarch.tekton;

import dev.multiarch.tekton.internal.assembly.AccessAssembler;
import dev.multiarch.tekton.internal.assembly.ImageStreamAssembler;
import dev.multiarch.tekton.internal.assembly.PipelineAssembler;
import dev.multiarch.tekton.internal.assembly.PipelineRunAssembler;
import dev.multiarch.tekton.tasks.BinfmtCleanupTask;
import dev.multiarch.tekton.tasks.BinfmtTask;
import dev.multiarch.tekton.tasks.BuildTask;
import dev.multiarch.tekton.tasks.ManifestTask;
import dev.multiarch.tekton.tasks.ResolveCommitTask;
import io.fabric8.tekton.v1.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The entry point: {@code MultiArchTekton.from(spec).generate()} gives the Pipeline, its Tasks and
 * everything around them as fabric8 objects, YAML text or an output folder.
 *
 * <pre>{@code
 * GeneratedPipeline generated = MultiArchTekton.fromSpecFile(Path.of("multiarch.yaml")).generate();
 * String yaml = generated.toYaml();
 * }</pre>
 */
public final class MultiArchTekton {

  private final BuildSpec spec;

  private MultiArchTekton(BuildSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  /** Generation from a spec built in code; the spec validated itself when it was built. */
  public static MultiArchTekton from(BuildSpec spec) {
    return new MultiArchTekton(spec);
  }

  /**
   * Generation from a spec file.
   *
   * @throws SpecFileException naming file and line if the file cannot be read or is invalid
   */
  public static MultiArchTekton fromSpecFile(Path specFile) {
    return new MultiArchTekton(SpecFile.read(specFile));
  }

  /** The spec generation starts from. */
  public BuildSpec spec() {
    return spec;
  }

  /**
   * Builds every resource, and checks the result with {@link TektonValidator} before anyone can write it. Pure: the
   * same spec always gives equal objects and identical YAML.
   *
   * @throws IllegalStateException if the output would be rejected by Tekton, which is a bug of this project
   */
  public GeneratedPipeline generate() {
    GeneratedPipeline generated = assemble();
    ValidationReport report;
    try {
      report = TektonValidator.create().validate(generated.files());
    } catch (YamlInputException e) {
      // The files are this tool's own, in memory: a limit met here is its bug, not the user's input.
      throw new IllegalStateException("multiarch-tekton generated YAML it cannot read back (a bug; please report "
          + "it): " + e.getMessage(), e);
    }
    if (!report.passed()) {
      throw new IllegalStateException("multiarch-tekton generated YAML that Tekton would reject (a bug; please "
          + "report it): " + String.join("; ", report.problems().stream().map(Object::toString).toList()));
    }
    return generated;
  }

  private GeneratedPipeline assemble() {
    AccessAssembler access = new AccessAssembler(spec);
    List<Task> tasks = tasks();
    return new GeneratedPipeline(
        spec,
        ImageStreamAssembler.assemble(spec),
        access.serviceAccounts(),
        access.roleBindings(),
        // Inlined Tasks live inside the Pipeline; there are no Task resources to apply.
        spec.inlineTasks() ? List.of() : tasks,
        new PipelineAssembler(spec, tasks).assemble(),
        new PipelineRunAssembler(spec).assemble());
  }

  private List<Task> tasks() {
    List<Task> tasks = new ArrayList<>();
    tasks.add(ResolveCommitTask.create());
    if (spec.placement() == Placement.SAME_NODE) {
      tasks.add(BinfmtTask.create());
      tasks.add(BuildTask.create(false));
    } else {
      tasks.add(BuildTask.create(true));
    }
    tasks.add(ManifestTask.create());
    if (spec.cleanupEmulators()) {
      tasks.add(BinfmtCleanupTask.create());
    }
    // Catalog Tasks carry no namespace; the generated set lives in the spec's.
    return tasks.stream()
        .map(task -> task.edit().editMetadata().withNamespace(spec.namespace()).endMetadata().build())
        .toList();
  }
}
