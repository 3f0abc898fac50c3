/**
 * Tekton's own semantics, written once and used by both {@code validate} (core's validator) and {@code run-local}
 * (the local module's engine), as Tekton's {@code pkg/substitution}, result references, {@code dag} and matrix code
 * serve both its admission webhook and its reconciler: variable references and their substitution, the task graph,
 * matrix fan-out, context variables and how passed params fit declared ones. Public because the local
 * module uses it; not API. Go durations are {@code internal.yaml.GoDuration} in tekton-tasks, which the YAML writer
 * shares.
 */
package dev.multiarch.tekton.internal.tekton;
