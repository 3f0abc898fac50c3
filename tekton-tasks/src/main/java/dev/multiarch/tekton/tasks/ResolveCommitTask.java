package dev.multiarch.tekton.tasks;

import static dev.multiarch.tekton.tasks.TaskParts.paramEnv;

import dev.multiarch.tekton.templates.ScriptTemplate;
import io.fabric8.tekton.v1.StepBuilder;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskBuilder;
import java.util.Map;

/**
 * The {@code multiarch-resolve-commit} Task: resolves GIT_REVISION to one commit before any build
 * starts, so every platform builds the same commit even when the branch moves during the run, and
 * publishes the commit and the URL (results COMMIT and URL) for Tekton Chains. Unprivileged.
 */
public final class ResolveCommitTask {

  public static final String NAME = "multiarch-resolve-commit";
  public static final String RESOLVE_STEP = "resolve";

  private ResolveCommitTask() {}

  /** The Task in catalog form. */
  public static Task create() {
    return new TaskBuilder()
        .withApiVersion(TaskParts.API_VERSION)
        .withKind("Task")
        .withMetadata(TaskParts.metadata(NAME, "Multi-arch: resolve the commit to build"))
        .withNewSpec()
        .withDescription(
            "Resolves GIT_REVISION of GIT_URL to one commit (result COMMIT), so that every platform"
                + " builds exactly that commit, and gives the URL without credentials (result URL). Both are empty when"
                + " GIT_URL is, for builds of the source workspace.")
        .withParams(
            TaskParts.string(
                Params.GIT_URL,
                "Git repository; empty when the source workspace holds the source.",
                ""),
            TaskParts.string(
                Params.GIT_REVISION, "Branch, tag or commit; empty for the default branch.", ""),
            TaskParts.string(
                Params.BUILDER_IMAGE,
                "An image with git and bash, such as the builder image of containers/"
                    + TaskParts.BUILDER_IMAGE_REQUIRED,
                null))
        .withWorkspaces(TaskParts.gitWorkspaces())
        .addToWorkspaces(TaskParts.trustWorkspace())
        .addAllToParams(TaskParts.proxyParams())
        .withResults(
            TaskParts.result(
                Results.COMMIT, "The full commit GIT_REVISION resolved to; empty without GIT_URL."),
            TaskParts.result(Results.URL, "GIT_URL without credentials; empty without GIT_URL."))
        .withSteps(
            new StepBuilder()
                .withName(RESOLVE_STEP)
                .withImage(References.param(Params.BUILDER_IMAGE))
                .withEnv(paramEnv(Params.GIT_URL), paramEnv(Params.GIT_REVISION))
                .addAllToEnv(TaskParts.gitWorkspaceEnv())
                .addAllToEnv(TaskParts.proxyEnv())
                .withScript(ScriptTemplate.RESOLVE_COMMIT.render(Map.of()))
                .withComputeResources(TaskParts.resources("100m", "256Mi", "1Gi"))
                .build())
        .endSpec()
        .build();
  }
}
