#!/usr/bin/env bash
# Proves this node can run PLATFORM before anything is built, because a missing emulator otherwise shows up as
# 'exec format error' in the middle of a RUN instruction.
# With BINFMT_NODE set (same-node placement), an emulated platform must build on the node whose emulators the binfmt
# task registered: elsewhere it fails at once, naming both nodes and the fix.
# Env: PLATFORM, NODE_NAME (downward API), BINFMT_NODE, BINFMT_MISC_DIR (default /proc/sys/fs/binfmt_misc) and PROBE_DIR
# (default /usr/libexec/multiarch-tekton/probe, where the builder image keeps one static busybox per platform).
set -euo pipefail

<#include "_common.ftl">

<#include "_platform-names.ftl">

<#include "_platform-table.ftl">

BINFMT_MISC_DIR="${BINFMT_MISC_DIR:-/proc/sys/fs/binfmt_misc}"
PROBE_DIR="${PROBE_DIR:-/usr/libexec/multiarch-tekton/probe}"
NODE_NAME="${NODE_NAME:-unknown}"
BINFMT_NODE="${BINFMT_NODE:-}"
MACHINE="$(uname -m)"

lookup_platform "$PLATFORM" || require_known_platform "$PLATFORM"

fail() {
  die "node $NODE_NAME ($MACHINE) cannot run $PLATFORM: $1; fix: run the multiarch-binfmt task on this node first (placement same-node), use placement in-pod so the build registers the emulators on its own node, label this node for the emulator DaemonSet (placement daemonset), or build $PLATFORM natively on nodes of its architecture (spec.native)"
}

if runs_natively "$MACHINE"; then
  echo "node $NODE_NAME ($MACHINE) runs $PLATFORM natively"
  exit 0
fi

if [ -n "$BINFMT_NODE" ] && [ "$BINFMT_NODE" != "$NODE_NAME" ]; then
  die "node $NODE_NAME ($MACHINE) cannot run $PLATFORM: the multiarch-binfmt task registered the emulators on node $BINFMT_NODE, and this build landed elsewhere, so Tekton's affinity assistant did not keep the run on one node; fix: set coschedule: workspaces in Tekton's feature-flags ConfigMap (OpenShift Pipelines: TektonConfig spec.pipeline.coschedule), or use placement in-pod"
fi

entry="$BINFMT_MISC_DIR/$QEMU_ENTRY"
probe="$PROBE_DIR/${PLATFORM//\//-}"
proof=""
# binfmt_misc is often not mounted inside an unprivileged container: then only the probe can tell.
if [ -r "$entry" ]; then
  problem="$(entry_problem "$entry")"
  if [ -n "$problem" ]; then
    fail "$entry: $problem"
  fi
  proof="$entry is enabled with flag F"
fi
if [ -x "$probe" ]; then
  # The probe is busybox, which takes the applet to run from the base name of argv[0]: called as linux-arm64 it
  # only prints 'linux-arm64: applet not found'. Run it through a link named busybox, so that it runs
  # `busybox true`. `exec -a busybox` would not do: an emulator registered without the P (preserve-argv0) flag
  # hands the binary the path it was started by as argv[0], which a link keeps and `exec -a` does not.
  probe_link_dir="$(mktemp -d)"
  trap 'rm -rf -- "$probe_link_dir"' EXIT
  ln -s -- "$probe" "$probe_link_dir/busybox"
  if ! output="$("$probe_link_dir/busybox" true 2>&1)"; then
    fail "the probe $probe did not run (${output:-no output})"
  fi
  proof="${proof:+$proof; }the probe $probe ran"
fi
if [ -z "$proof" ]; then
  fail "no readable binfmt_misc entry $entry and no probe binary $probe"
fi
echo "node $NODE_NAME ($MACHINE) runs $PLATFORM through QEMU: $proof"
