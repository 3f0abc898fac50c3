/**
 * A Tekton v1 linter that a library user can depend on alone (artifact {@code
 * multiarch-tekton-validate}): {@link dev.multiarch.tekton.validate.TektonValidator} checks
 * Pipelines, Tasks, PipelineRuns, TaskRuns and StepActions as Tekton's admission webhook would
 * under the cluster's {@link dev.multiarch.tekton.validate.FeatureFlags}, and reports each {@link
 * dev.multiarch.tekton.validate.ValidationProblem} at its file, line and path. Tools add rules of
 * their own as a {@link dev.multiarch.tekton.validate.RuleSet}; multiarch-tekton's core adds its
 * own that way. The rules themselves are in the {@code internal} packages, one class per Tekton
 * {@code *_validation.go}.
 */
package dev.multiarch.tekton.validate;
