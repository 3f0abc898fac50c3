/**
 * Bounded reading of files that come from users: a size, line-length and YAML node budget, refusal
 * of what is not a regular file (FIFOs, devices, {@code /proc}), and I/O failures said in words.
 * The validator, the spec reader and run-local read their input through it, so that no input can
 * hang or exhaust the tool.
 */
package dev.multiarch.tekton.input;
