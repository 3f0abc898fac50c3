/**
 * Tekton's own semantics, written once and used by both the validator and {@code run-local} (the
 * local module's engine), as Tekton's {@code pkg/substitution}, result references, {@code dag} and
 * matrix code serve both its admission webhook and its reconciler: variable references and their
 * substitution ({@link dev.multiarch.tekton.model.Reference}, {@link
 * dev.multiarch.tekton.model.Scope}), the task graph, matrix fan-out, context variables, how passed
 * params fit declared ones, Tekton's defaults, and Kubernetes' name grammars. Public API of the
 * {@code multiarch-tekton-validate} artifact. Go durations are {@link
 * dev.multiarch.tekton.yaml.GoDuration}, which the YAML writer shares.
 */
package dev.multiarch.tekton.model;
