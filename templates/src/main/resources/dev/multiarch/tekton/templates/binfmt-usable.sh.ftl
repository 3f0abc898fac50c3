#!/usr/bin/env bash
# Finds the emulators of EMULATORS that an unprivileged container cannot use on this node, before anything is
# registered, and lists their binfmt_misc entries in UNUSABLE_FILE for the next step to replace.
# Why: tonistiigi/binfmt keeps an entry that is already there (cmd/binfmt/main.go, install: EEXIST is logged as
# "already registered" and the old entry stays). With the F flag the kernel re-opens the interpreter of that old entry
# for every process that runs a foreign binary (fs/binfmt_misc.c), as that process, and SELinux checks that open: an
# entry registered from a container whose files carry other MCS categories (container_file_t:s0:cA,cB) cannot be
# opened by pods of other categories. This step runs unprivileged with SELinux level s0, the lowest level: what it can
# run, a pod of any categories can run. So it runs the platform's probe through the emulator, and every failure is an
# entry to replace (a missing entry fails too; replacing it is a no-op and the install step registers it).
# Env: EMULATORS (comma-separated platforms), UNUSABLE_FILE, NODE_NAME (downward API), PROBE_DIR (default
# /usr/libexec/multiarch-tekton/probe).
set -euo pipefail

<#include "_common.ftl">

<#include "_platform-names.ftl">

<#include "_platform-table.ftl">

<#include "_probe.ftl">

PROBE_DIR="${PROBE_DIR:-/usr/libexec/multiarch-tekton/probe}"
NODE_NAME="${NODE_NAME:-unknown}"
MACHINE="$(uname -m)"

: > "$UNUSABLE_FILE"
IFS=, read -r -a platforms <<< "$EMULATORS"
for platform in "${platforms[@]}"; do
  if [ -z "$platform" ]; then
    continue
  fi
  lookup_platform "$platform" || require_known_platform "$platform"
  if runs_natively "$MACHINE"; then
    continue
  fi
  status=0
  run_probe "$platform" || status="$?"
  case "$status" in
    0) echo "node $NODE_NAME: $platform runs from an unprivileged container; $QEMU_ENTRY is kept" ;;
    2) echo "node $NODE_NAME: no probe $PROBE for $platform in this image, so $QEMU_ENTRY cannot be tested; it is kept" ;;
    *)
      echo "node $NODE_NAME: $platform does not run from an unprivileged container (${PROBE_OUTPUT:-no output}); $QEMU_ENTRY will be registered anew"
      printf '%s\n' "$QEMU_ENTRY" >> "$UNUSABLE_FILE"
      ;;
  esac
done
