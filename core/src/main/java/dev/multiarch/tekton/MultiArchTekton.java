package dev.multiarch.tekton;

import dev.multiarch.tekton.internal.assembly.BootstrapAssembler;
import dev.multiarch.tekton.internal.assembly.ImageStreamAssembler;
import dev.multiarch.tekton.internal.assembly.PipelineAssembler;
import dev.multiarch.tekton.internal.assembly.PipelineRunAssembler;
import dev.multiarch.tekton.internal.assembly.PlacementMode;
import dev.multiarch.tekton.internal.rules.MultiArchRules;
import dev.multiarch.tekton.validate.TektonValidator;
import dev.multiarch.tekton.validate.ValidationReport;
import dev.multiarch.tekton.validate.YamlInputException;
import io.fabric8.tekton.v1.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

  /**
   * A validator with Tekton's rules and this project's on top ({@code [multiarch-tekton]} findings:
   * values reach scripts through env, privileged steps declared, the default-timeout trap, no
   * emulator on native nodes, and the validator's reference hints). For Tekton's rules alone, use
   * {@link TektonValidator#create()}.
   */
  public static TektonValidator validator() {
    return TektonValidator.create().withReferenceHints().withRuleSet(MultiArchRules.INSTANCE);
  }

  /** The spec generation starts from. */
  public BuildSpec spec() {
    return spec;
  }

  /**
   * Builds every resource, and checks the result with {@link TektonValidator} before anyone can
   * write it. Pure: the same spec always gives equal objects and identical YAML.
   *
   * @throws IllegalStateException if the output would be rejected by Tekton, which is a bug of this
   *     project
   */
  public GeneratedPipeline generate() {
    GeneratedPipeline generated = assemble();
    ValidationReport report;
    try {
      report = validator().validate(generated.files());
    } catch (YamlInputException e) {
      // The files are this tool's own, in memory: a limit met here is its bug, not the user's
      // input.
      throw new IllegalStateException(
          "multiarch-tekton generated YAML it cannot read back (a bug; please report "
              + "it): "
              + e.getMessage(),
          e);
    }
    if (!report.passed()) {
      throw new IllegalStateException(
          "multiarch-tekton generated YAML that Tekton would reject (a bug; please "
              + "report it): "
              + String.join("; ", report.problems().stream().map(Object::toString).toList()));
    }
    return generated;
  }

  private GeneratedPipeline assemble() {
    PlacementMode placement = PlacementMode.of(spec);
    List<Task> tasks = placement.tasks();
    return new GeneratedPipeline(
        spec,
        placement,
        spec.usesImageStream()
            ? Optional.of(ImageStreamAssembler.assemble(spec))
            : Optional.empty(),
        placement.serviceAccounts(),
        placement.roles(),
        placement.roleBindings(),
        placement.daemonSets(),
        // Inlined Tasks live inside the Pipeline; there are no Task resources to apply.
        spec.inlineTasks() ? List.of() : tasks,
        new PipelineAssembler(spec, placement, tasks).assemble(),
        new PipelineRunAssembler(spec, placement).assemble(),
        spec.bootstrapsBuilderImage() ? Optional.of(bootstrap(tasks)) : Optional.empty());
  }

  private BuilderImageBootstrap bootstrap(List<Task> mainTasks) {
    BootstrapAssembler assembler = new BootstrapAssembler(spec);
    Set<String> applied =
        mainTasks.stream().map(t -> t.getMetadata().getName()).collect(Collectors.toSet());
    return new BuilderImageBootstrap(
        spec.defaultBuilderImage(),
        assembler.imageStream(),
        spec.inlineTasks()
            ? List.of()
            : BootstrapAssembler.tasks(spec).stream()
                .filter(t -> !applied.contains(t.getMetadata().getName()))
                .toList(),
        assembler.pipeline(),
        assembler.pipelineRun(),
        BootstrapAssembler.PIPELINE_RUN_FILE);
  }
}
