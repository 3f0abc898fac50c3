/**
 * Text that reaches a terminal or a shell: values printed with their control characters escaped and
 * cut to length, words quoted for a POSIX shell, and did-you-mean suggestions for a mistyped name.
 */
package dev.multiarch.tekton.text;
