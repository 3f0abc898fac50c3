#!/usr/bin/env bash
# Bootstrap of the builder image: proves this node runs PLATFORM natively (the image's RUN dnf would need an
# emulator otherwise, and the bootstrap never emulates), then writes the project's Containerfile, embedded when the
# Task was generated, as the build context of the next step.
# Env: PLATFORM, NODE_NAME (downward API), CONTEXT_DIR.
# The platform table's lookup also sets QEMU_ENTRY, which only the emulating scripts read.
# shellcheck disable=SC2034
set -euo pipefail

<#include "_common.ftl">

<#include "_platform-names.ftl">

<#include "_platform-table.ftl">

NODE_NAME="${NODE_NAME:-unknown}"
MACHINE="$(uname -m)"

lookup_platform "$PLATFORM" || require_known_platform "$PLATFORM"
if ! runs_natively "$MACHINE"; then
  die "node $NODE_NAME ($MACHINE) does not run $PLATFORM natively; the builder image bootstrap builds each platform on nodes of that architecture only (pin this task to them in the PipelineRun's taskRunSpecs)"
fi
echo "node $NODE_NAME ($MACHINE) runs $PLATFORM natively"

mkdir -p -- "$CONTEXT_DIR"
cat > "$CONTEXT_DIR/Containerfile" <<'[=delimiter]'
[=containerfile?remove_ending("\n")]
[=delimiter]
echo "wrote $CONTEXT_DIR/Containerfile"
