#!/usr/bin/env bash
# Removes the binfmt_misc entries the previous step found unusable from an unprivileged container (one name a line in
# UNUSABLE_FILE), so that the next step, tonistiigi/binfmt with SELinux level s0, registers them again with an
# interpreter every pod can open. Entries that work are never touched: builds of other runs may be using them.
# The window: from the removal here to the registration in the next step (Tekton starts the next step when this one
# ends: about a second). A process that starts a binary of that platform on this node in that window gets
# 'exec format error'; processes already running keep their interpreter. An unusable entry failed those builds anyway,
# except in the pods whose MCS categories its files carry; and two pods that replace the same entry at the same
# time may each replace it once. Once replaced, the entry is usable by every pod and is never replaced again.
# Env: UNUSABLE_FILE, NODE_NAME (downward API), BINFMT_MISC_DIR (default /proc/sys/fs/binfmt_misc).
set -euo pipefail

<#include "_common.ftl">

BINFMT_MISC_DIR="${BINFMT_MISC_DIR:-/proc/sys/fs/binfmt_misc}"
NODE_NAME="${NODE_NAME:-unknown}"

if [ ! -s "$UNUSABLE_FILE" ]; then
  echo "node $NODE_NAME: no registered emulator to replace"
  exit 0
fi
if [ ! -e "$BINFMT_MISC_DIR/status" ]; then
  mkdir -p -- "$BINFMT_MISC_DIR"
  mount -t binfmt_misc binfmt_misc "$BINFMT_MISC_DIR" \
    || die "node $NODE_NAME: cannot mount binfmt_misc at $BINFMT_MISC_DIR (is the step privileged?)"
fi
while IFS= read -r name; do
  case "$name" in
    qemu-*) ;;
    *) die "node $NODE_NAME: '$name' is not an emulator's binfmt_misc entry" ;;
  esac
  if [ -f "$BINFMT_MISC_DIR/$name" ]; then
    echo -1 > "$BINFMT_MISC_DIR/$name"
    echo "node $NODE_NAME: removed $name, which an unprivileged container could not use; the next step registers it again"
  fi
done < "$UNUSABLE_FILE"
