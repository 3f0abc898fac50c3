/**
 * The project's one YAML writer (Jackson's YAML factory set up for Tekton: minimal quotes that
 * every YAML reader reads back as the same string, scripts as literal blocks, stable order, no
 * wrapping) and Go durations as Tekton writes and parses them. Shared by the Task catalog, the
 * generator, the validator and run-local.
 */
package dev.multiarch.tekton.yaml;
