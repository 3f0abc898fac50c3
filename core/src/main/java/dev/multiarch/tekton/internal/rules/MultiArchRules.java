package dev.multiarch.tekton.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.multiarch.tekton.validate.FieldErrors;
import dev.multiarch.tekton.validate.RuleSet;

/**
 * This project's rules as a {@link RuleSet} on top of Tekton's: values reach scripts through env,
 * privileged steps are declared, pipeline tasks do not fall into the default-timeout trap, and a
 * build pinned to native nodes registers no emulator of their architecture, and no URL param holds
 * credentials. Each finding is printed with the {@code [multiarch-tekton]} tag.
 */
public final class MultiArchRules implements RuleSet {

  /** The one instance: the rules hold no state. */
  public static final MultiArchRules INSTANCE = new MultiArchRules();

  private MultiArchRules() {}

  @Override
  public FieldErrors taskSpec(JsonNode spec, JsonNode metadata) {
    return ProjectRules.taskSpec(spec, metadata);
  }

  @Override
  public FieldErrors taskMetadata(JsonNode spec, JsonNode metadata) {
    return ProjectRules.annotation(spec, metadata);
  }

  @Override
  public FieldErrors stepActionSpec(JsonNode spec) {
    return ProjectRules.script(spec.get("script"));
  }

  @Override
  public FieldErrors pipelineRunSpec(JsonNode spec, JsonNode pipelineSpec) {
    return ProjectRules.timeoutTrap(spec, pipelineSpec)
        .also(NativeBuilds.registerNoEmulator(spec, pipelineSpec))
        .also(CredentialsInUrls.pipelineRunSpec(spec));
  }

  @Override
  public FieldErrors pipelineSpec(JsonNode spec) {
    return CredentialsInUrls.pipelineSpec(spec);
  }
}
