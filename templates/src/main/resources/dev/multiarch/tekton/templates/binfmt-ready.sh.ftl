#!/usr/bin/env bash
# The emulator DaemonSet's readiness probe: ready only while every platform of EMULATORS runs on this node through a
# registered emulator, enabled, with the F flag (an entry someone disabled or removed makes the pod unready, visibly).
# Env: EMULATORS (comma-separated platforms), BINFMT_MISC_DIR (default /proc/sys/fs/binfmt_misc).
set -euo pipefail

<#include "_common.ftl">

<#include "_platform-table.ftl">

<#include "_emulators.ftl">

BINFMT_MISC_DIR="${BINFMT_MISC_DIR:-/proc/sys/fs/binfmt_misc}"
MACHINE="$(uname -m)"

problems="$(emulator_problems "$EMULATORS")"
if [ -n "$problems" ]; then
  die "$problems"
fi
echo "ready: $EMULATORS"
