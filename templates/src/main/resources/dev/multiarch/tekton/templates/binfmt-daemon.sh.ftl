#!/usr/bin/env bash
# The emulator DaemonSet's container. Its init container (tonistiigi/binfmt, privileged) registered EMULATORS on this
# node; this proves every one is enabled with the F flag and that none emulates the node's own architecture, then
# stays, so that the registrations are redone whenever the pod restarts (after a node reboot, say) and the readiness
# probe keeps checking them. With UNINSTALL_ON_STOP=true it removes them again when the pod stops: the DaemonSet was
# deleted, or the node drained.
# Env: EMULATORS (comma-separated platforms), NODE_NAME (downward API), UNINSTALL_ON_STOP, BINFMT_MISC_DIR (default
# /proc/sys/fs/binfmt_misc).
set -euo pipefail

<#include "_common.ftl">

<#include "_platform-names.ftl">

<#include "_platform-table.ftl">

<#include "_emulators.ftl">

BINFMT_MISC_DIR="${BINFMT_MISC_DIR:-/proc/sys/fs/binfmt_misc}"
NODE_NAME="${NODE_NAME:-unknown}"
MACHINE="$(uname -m)"

if [ ! -e "$BINFMT_MISC_DIR/status" ]; then
  # The init container's mount went with it; this container (privileged) mounts its own to read and remove entries.
  mkdir -p -- "$BINFMT_MISC_DIR"
  mount -t binfmt_misc binfmt_misc "$BINFMT_MISC_DIR" \
    || die "node $NODE_NAME: cannot mount binfmt_misc at $BINFMT_MISC_DIR (is the container privileged?)"
fi

problems="$(emulator_problems "$EMULATORS")"
if [ -n "$problems" ]; then
  while IFS= read -r problem; do
    printf 'ERROR: node %s (%s): %s\n' "$NODE_NAME" "$MACHINE" "$problem" >&2
  done <<< "$problems"
  die "node $NODE_NAME cannot emulate $EMULATORS; fix: label only nodes of the build nodes' platform for emulation, and check the kernel supports binfmt_misc (see the install init container's log)"
fi
echo "node $NODE_NAME ($MACHINE) emulates $EMULATORS (enabled, flag F)"

sleeper=""
stop() {
  local platform
  local -a platforms
  if [ "${UNINSTALL_ON_STOP:-false}" = true ]; then
    IFS=, read -r -a platforms <<< "$EMULATORS"
    for platform in "${platforms[@]}"; do
      if [ -n "$platform" ] && lookup_platform "$platform" && [ -f "$BINFMT_MISC_DIR/$QEMU_ENTRY" ]; then
        echo -1 > "$BINFMT_MISC_DIR/$QEMU_ENTRY"
        echo "node $NODE_NAME: removed $QEMU_ENTRY"
      fi
    done
  fi
  if [ -n "$sleeper" ]; then
    kill "$sleeper" 2> /dev/null || true
  fi
  exit 0
}
trap stop TERM INT

while true; do
  sleep 3600 &
  sleeper="$!"
  wait "$sleeper" || true
done
