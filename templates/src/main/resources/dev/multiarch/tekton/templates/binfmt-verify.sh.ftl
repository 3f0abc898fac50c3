#!/usr/bin/env bash
# Proves that every target platform (one per argument) runs on this node: natively, or through a QEMU emulator
# registered in binfmt_misc, enabled, with the F flag. tonistiigi/binfmt exits 0 even when registration failed,
# so this step is what turns a silent failure into a clear one before any build starts.
# Writes the node's name as result NODE_NAME, which the builds compare with their own node.
# Env: NODE_NAME (downward API), BINFMT_MISC_DIR (default /proc/sys/fs/binfmt_misc; tests point it at a fake directory).
set -euo pipefail

<#include "_common.ftl">

<#include "_platform-names.ftl">

<#include "_platform-table.ftl">

BINFMT_MISC_DIR="${BINFMT_MISC_DIR:-/proc/sys/fs/binfmt_misc}"
NODE_NAME="${NODE_NAME:-unknown}"
MACHINE="$(uname -m)"

if [ "$#" -eq 0 ]; then
  die "no platforms given: the PLATFORMS param is empty"
fi

if [ ! -e "$BINFMT_MISC_DIR/status" ]; then
  # binfmt mounts it when it registers something; with nothing to register it may still be unmounted.
  mkdir -p -- "$BINFMT_MISC_DIR"
  mount -t binfmt_misc binfmt_misc "$BINFMT_MISC_DIR" \
    || die "node $NODE_NAME: cannot mount binfmt_misc at $BINFMT_MISC_DIR (is the step privileged?)"
fi

# An emulator registered for the node's own architecture sends every native binary through QEMU: slow at best,
# broken at worst. It must go before anything is built on this node.
while IFS= read -r known; do
  lookup_platform "$known"
  entry="$BINFMT_MISC_DIR/$QEMU_ENTRY"
  if runs_natively "$MACHINE" && [ -f "$entry" ] && grep -qx 'enabled' "$entry" \
    && grep -q '^interpreter .*qemu' "$entry"; then
    die "node $NODE_NAME ($MACHINE): the binfmt_misc entry $QEMU_ENTRY emulates this node's own architecture, so every native binary runs through QEMU; remove it with the binfmt image's '--uninstall $QEMU_ENTRY' (or 'echo -1 > $entry') on this node"
  fi
done < <(known_platforms)

failures=()
verified=()
printf '%-16s %-10s %-18s %s\n' PLATFORM MODE ENTRY RESULT
for platform in "$@"; do
  lookup_platform "$platform" || require_known_platform "$platform"
  if runs_natively "$MACHINE"; then
    printf '%-16s %-10s %-18s %s\n' "$platform" native - ok
    continue
  fi
  entry="$BINFMT_MISC_DIR/$QEMU_ENTRY"
  if [ -f "$entry" ]; then
    problem="$(entry_problem "$entry")"
  else
    problem="the entry is missing"
  fi
  if [ -n "$problem" ]; then
    printf '%-16s %-10s %-18s %s\n' "$platform" emulated "$QEMU_ENTRY" FAILED
    failures+=("node $NODE_NAME ($MACHINE) cannot run $platform: $entry: $problem")
  else
    printf '%-16s %-10s %-18s %s\n' "$platform" emulated "$QEMU_ENTRY" ok
    verified+=("$platform")
  fi
done

if [ "${#failures[@]}" -gt 0 ]; then
  for failure in "${failures[@]}"; do
    printf 'ERROR: %s\n' "$failure" >&2
  done
  die "fix: make EMULATORS list every platform this node does not run natively, and check the node's kernel supports binfmt_misc (see the install step's log)"
fi

printf '%s' "$(IFS=,; printf '%s' "${verified[*]}")" > "$(results.EMULATORS_VERIFIED.path)"

# The builds compare it with their own node: emulators registered here help no build elsewhere.
printf '%s' "$NODE_NAME" > "$(results.NODE_NAME.path)"
echo "node $NODE_NAME ($MACHINE) runs all $# platform(s)"
