package dev.multiarch.tekton.internal.assembly;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.InvalidValueException;
import io.fabric8.kubernetes.api.model.SecretVolumeSourceBuilder;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamBuilder;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineRunBuilder;
import io.fabric8.tekton.v1.WorkspaceBinding;
import io.fabric8.tekton.v1.WorkspaceBindingBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The two PipelineRuns of a Pipelines-as-Code folder ({@code .tekton/}), made from the generated
 * PipelineRun so that a PaC run is the same build: one for pushes to the spec's branch, one for
 * pull requests into it. What PaC does with them was read from its source, at v0.24.6 (the 0.24
 * line OpenShift Pipelines 1.14 ships: tektoncd/operator release-v0.70.x, {@code components.yaml})
 * and at v0.43.0:
 *
 * <ul>
 *   <li>{@code pkg/matcher/annotation_matcher.go}, {@code getTargetBranch}: a run without both
 *       {@code on-event} and {@code on-target-branch} never matches; values are {@code [a, b]}
 *       lists; the events are {@code push} and {@code pull_request}.
 *   <li>{@code pkg/customparams/standard.go}, {@code makeStandardParamsFromEvent}, and {@code
 *       pkg/pipelineascode/template.go}, {@code makeTemplate}: {@code repo_url}, {@code revision}
 *       and (pull requests only) {@code pull_request_number}; {@code pkg/pipelineascode/match.go},
 *       {@code changePipelineRun}: {@code git_auth_secret}, a Secret PaC creates per run. {@code
 *       pkg/templates/templating.go}, {@code ReplacePlaceHoldersVariables}, replaces only the keys
 *       it knows, in the whole resolved run: the {@code {{.OCIv1.Architecture}}} of a build script
 *       is left alone.
 *   <li>The run is created in the Repository's namespace: it carries none, and names the spec's in
 *       {@link #TARGET_NAMESPACE}.
 * </ul>
 */
public final class PacRuns {

  /** Annotations PaC matches runs by ({@code pkg/apis/pipelinesascode/keys/keys.go}). */
  public static final String ON_EVENT = "pipelinesascode.tekton.dev/on-event";

  public static final String ON_TARGET_BRANCH = "pipelinesascode.tekton.dev/on-target-branch";
  public static final String MAX_KEEP_RUNS = "pipelinesascode.tekton.dev/max-keep-runs";

  /**
   * The namespace whose Repository a run matches ({@code MatchPipelinerunByAnnotation}: with
   * another Repository, the run is skipped): the spec's, where its ServiceAccounts, ImageStreams
   * and builder image are. A run in another namespace would fail on each of them.
   */
  public static final String TARGET_NAMESPACE = "pipelinesascode.tekton.dev/target-namespace";

  /**
   * The longest spec name with PaC: {@code <name>-push-} gets 5 random characters and must fit 63.
   */
  public static final int MAX_NAME = 63 - 5 - "-push-".length();

  /**
   * The name the git credentials Secret has while the PaC folder is generated; the runs bind {@code
   * {{ git_auth_secret }}} instead.
   */
  private static final String GIT_AUTH_PLACEHOLDER = "pac-git-auth";

  static final String GIT_AUTH_SECRET = "{{ git_auth_secret }}";

  /** An event PaC starts a run for. */
  public enum Event {
    PUSH("push", "push", "push"),
    PULL_REQUEST("pull_request", "pr", "pull-request");

    private final String annotation;
    private final String suffix;
    private final String fileSuffix;

    Event(String annotation, String suffix, String fileSuffix) {
      this.annotation = annotation;
      this.suffix = suffix;
      this.fileSuffix = fileSuffix;
    }

    /** The run's file name suffix: {@code push}, {@code pull-request}. */
    public String fileSuffix() {
      return fileSuffix;
    }

    /** The run's name suffix: {@code push}, {@code pr}. */
    public String suffix() {
      return suffix;
    }
  }

  private PacRuns() {}

  /**
   * The spec the PaC folder is generated from: the spec's, with its git credentials in the {@code
   * basic-auth} workspace (where PaC's {@code {{ git_auth_secret }}} goes; an ssh key is not used,
   * as PaC hands out an https token).
   *
   * @throws InvalidValueException if the spec builds no git repository, names no branch, or has a
   *     name too long for the runs' names
   */
  public static BuildSpec spec(BuildSpec spec) {
    if (spec.source().gitUrl().isEmpty()) {
      throw new InvalidValueException(
          "spec.source.git.url",
          "",
          "a git repository for Pipelines-as-Code, which builds the repository it runs for");
    }
    if (spec.source().gitRevision().isEmpty()) {
      throw new InvalidValueException(
          "spec.source.git.revision",
          "",
          "a branch for Pipelines-as-Code: pushes to it and pull requests into it build");
    }
    if (spec.name().length() > MAX_NAME) {
      throw new InvalidValueException(
          "metadata.name",
          spec.name(),
          "at most "
              + MAX_NAME
              + " characters for Pipelines-as-Code, whose runs are named <name>-push-xxxxx");
    }
    return spec.toBuilder().source(spec.source().withGitSecrets(GIT_AUTH_PLACEHOLDER, "")).build();
  }

  /**
   * The PaC run for {@code event}: {@code run} (generated from {@link #spec(BuildSpec)}) without a
   * namespace, matched by annotations, cloning {@code {{ repo_url }}} at {@code {{ revision }}}
   * with PaC's git credentials; a pull request's images and index get the tag {@code pr-{{
   * pull_request_number }}} instead of the release tags.
   */
  public static PipelineRun of(BuildSpec spec, Pipeline pipeline, PipelineRun run, Event event) {
    Set<String> declared =
        pipeline.getSpec().getParams().stream().map(ParamSpec::getName).collect(Collectors.toSet());
    Map<String, String> values = new LinkedHashMap<>();
    values.put("GIT_URL", "{{ repo_url }}");
    values.put("GIT_REVISION", "{{ revision }}");
    if (event == Event.PULL_REQUEST) {
      values.put("TAG", "pr-{{ pull_request_number }}");
      values.put("DESTINATION_TAGS", "pr-{{ pull_request_number }}");
    }
    List<Param> params = new ArrayList<>();
    values.forEach(
        (name, value) -> {
          if (declared.contains(name)) {
            params.add(new ParamBuilder().withName(name).withNewValue(value).build());
          }
        });
    List<WorkspaceBinding> workspaces = new ArrayList<>();
    for (WorkspaceBinding binding : run.getSpec().getWorkspaces()) {
      workspaces.add(
          Names.BASIC_AUTH_WORKSPACE.equals(binding.getName())
              ? new WorkspaceBindingBuilder()
                  .withName(Names.BASIC_AUTH_WORKSPACE)
                  .withSecret(
                      new SecretVolumeSourceBuilder().withSecretName(GIT_AUTH_SECRET).build())
                  .build()
              : binding);
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    if (run.getMetadata().getAnnotations() != null) {
      annotations.putAll(run.getMetadata().getAnnotations());
    }
    annotations.put(ON_EVENT, "[" + event.annotation + "]");
    annotations.put(ON_TARGET_BRANCH, "[" + spec.source().gitRevision() + "]");
    annotations.put(MAX_KEEP_RUNS, Integer.toString(spec.pacMaxKeepRuns()));
    annotations.put(TARGET_NAMESPACE, spec.namespace());
    return new PipelineRunBuilder(run)
        .editMetadata()
        .withNamespace(null)
        .withGenerateName(spec.name() + "-" + event.suffix + "-")
        .withAnnotations(annotations)
        .endMetadata()
        .editSpec()
        .withParams(params)
        .withWorkspaces(workspaces)
        .endSpec()
        .build();
  }
}
