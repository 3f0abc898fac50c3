#!/usr/bin/env bash
# Proves this node can run PLATFORM before anything is built, because a missing emulator otherwise shows up as
# 'exec format error' in the middle of a RUN instruction.
# With BINFMT_NODE set (same-node placement), an emulated platform must build on the node whose emulators the binfmt
# task registered: elsewhere it fails at once, naming both nodes and the fix.
# A platform whose Containerfile runs no instruction on the target platform (everything that executes is in a stage
# FROM --platform=$BUILDPLATFORM, see _containerfile.ftl) builds without an emulator: the check is skipped for it.
# Env: PLATFORM, NODE_NAME (downward API), BINFMT_NODE, BINFMT_MISC_DIR (default /proc/sys/fs/binfmt_misc) and PROBE_DIR
# (default /usr/libexec/multiarch-tekton/probe, where the builder image keeps one static busybox per platform); the
# build's SOURCE_DIR, GIT_URL, CONTEXT and CONTAINERFILE locate its Containerfile (without SOURCE_DIR it is not read).
set -euo pipefail

<#include "_common.ftl">

<#include "_platform-names.ftl">

<#include "_platform-table.ftl">

<#include "_probe.ftl">

<#include "_containerfile.ftl">

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

# cross_compiled: true when the build's Containerfile runs no instruction on the target platform; otherwise
# TARGET_INSTRUCTION holds the first one (LINE: TEXT), or nothing when the file was not read. A path the build step
# would refuse is not read here: that step names what is wrong with it.
TARGET_INSTRUCTION=""
cross_compiled() {
  local source_root context="${CONTEXT:-.}" containerfile="${CONTAINERFILE:-Containerfile}"
  if [ -z "${SOURCE_DIR:-}" ]; then
    return 1
  fi
  case "$context/$containerfile" in
    /* | -*) return 1 ;;
  esac
  case "/$context/$containerfile/" in
    */../*) return 1 ;;
  esac
  source_root="$SOURCE_DIR"
  if [ -n "${GIT_URL:-}" ]; then
    source_root="$SOURCE_DIR/${PLATFORM//\//-}"
  fi
  if [ ! -f "$source_root/$context/$containerfile" ]; then
    return 1
  fi
  TARGET_INSTRUCTION="$(first_target_instruction "$source_root/$context/$containerfile")"
  [ -z "$TARGET_INSTRUCTION" ]
}

if cross_compiled; then
  echo "$PLATFORM: no instruction runs on the target platform; building without an emulator"
  exit 0
fi
if [ -n "$TARGET_INSTRUCTION" ]; then
  echo "${CONTAINERFILE:-Containerfile}:$TARGET_INSTRUCTION runs on the target platform: $PLATFORM needs an emulator"
fi

if [ -n "$BINFMT_NODE" ] && [ "$BINFMT_NODE" != "$NODE_NAME" ]; then
  die "node $NODE_NAME ($MACHINE) cannot run $PLATFORM: the multiarch-binfmt task registered the emulators on node $BINFMT_NODE, and this build landed elsewhere, so Tekton's affinity assistant did not keep the run on one node; fix: turn the affinity assistant on in Tekton's feature-flags ConfigMap (OpenShift Pipelines: TektonConfig spec.pipeline): before Tekton 1.0 disable-affinity-assistant: \"false\" (while it is \"true\", coschedule is ignored), from Tekton 1.0 coschedule: workspaces; or use placement in-pod"
fi

entry="$BINFMT_MISC_DIR/$QEMU_ENTRY"
proof=""
# binfmt_misc is often not mounted inside an unprivileged container: then only the probe can tell.
if [ -r "$entry" ]; then
  problem="$(entry_problem "$entry")"
  if [ -n "$problem" ]; then
    fail "$entry: $problem"
  fi
  proof="$entry is enabled with flag F"
fi
status=0
run_probe "$PLATFORM" || status="$?"
if [ "$status" -eq 1 ]; then
  # With the entry enabled and flagged F, what remains is the kernel's open of the interpreter on this pod's behalf,
  # which SELinux denies when the registering container's files carry other MCS categories than this pod's.
  fail "the probe $PROBE did not run (${PROBE_OUTPUT:-no output}); if the entry is enabled with flag F, SELinux may deny this pod the interpreter that another pod registered: confirm with 'oc debug node/$NODE_NAME -- chroot /host ausearch -m avc -ts recent' (denials of read or execute on qemu-*), then run the multiarch-binfmt task, whose register steps run with SELinux level s0 and replace such an entry"
elif [ "$status" -eq 0 ]; then
  proof="${proof:+$proof; }the probe $PROBE ran"
fi
if [ -z "$proof" ]; then
  fail "no readable binfmt_misc entry $entry and no probe binary $PROBE_DIR/${PLATFORM//\//-}"
fi
echo "node $NODE_NAME ($MACHINE) runs $PLATFORM through QEMU: $proof"
