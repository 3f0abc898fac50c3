#!/usr/bin/env bash
# Benchmark: run-local against plain buildah on the same 2-platform builds (linux/amd64 + linux/arm64, FROM scratch,
# a static busybox per architecture, exec-form RUNs emulated on arm64), pushed as one image index to the same local
# registry. Two contexts: "tiny" (one RUN of uname: measures run-local's fixed cost) and "work" (a RUN that keeps
# the CPU busy for a few seconds under QEMU, like a real build step). Prints every run's milliseconds, the median of
# each and their ratio (target: run-local <= 1.5x). Both start from empty vfs storage each run, as a TaskRun's
# emptyDir does.
# Needs root and Debian's buildah, skopeo, qemu-user-static, binfmt-support, docker-registry (apt-get install them),
# and arm64 in dpkg's architectures for the busybox download. Env: RUNS (default 5), KEEP=1 keeps the work folder.
set -euo pipefail

RUNS="${RUNS:-5}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
W="$(mktemp -d "${TMPDIR:-/tmp}/multiarch-bench.XXXXXX")"
# shellcheck source=bench/_host.sh
. "$ROOT/bench/_host.sh"

require_host "$ROOT"
echo "work folder: $W"
fetch_busybox

# make_context NAME RUN_SCRIPT: a context whose RUN runs RUN_SCRIPT with busybox sh.
make_context() {
  local dir="$W/ctx-$1" arch
  for arch in amd64 arm64; do
    mkdir -p "$dir/$arch"
    cp "$W/debs/$arch/bin/busybox" "$dir/$arch/busybox"
  done
  cat > "$dir/Containerfile" <<CONTAINERFILE
FROM scratch
ARG TARGETARCH
COPY \${TARGETARCH}/busybox /bin/busybox
RUN ["/bin/busybox", "sh", "-c", "$2"]
ENTRYPOINT ["/bin/busybox"]
CONTAINERFILE
}
make_context tiny '/bin/busybox uname -m > /arch.txt'
# shellcheck disable=SC2016 # the $ are the RUN's, not this script's
make_context work 'i=0; while [ $i -lt 300000 ]; do i=$((i + 1)); done; /bin/busybox uname -m > /arch.txt'

start_registry
enable_arm64_emulator

plain_run() { # CONTEXT RUN
  local dir="$W/plain-$1-$2"
  local storage=(buildah --root "$dir/root" --runroot "$dir/run" --storage-driver vfs)
  BUILDAH_ISOLATION=chroot "${storage[@]}" build -q --isolation chroot --platform linux/amd64,linux/arm64 \
    --manifest bench-list "$W/ctx-$1" > "$dir.log" 2>&1
  "${storage[@]}" manifest push --quiet --all --tls-verify=false bench-list "docker://$REG/bench/plain:latest" \
    >> "$dir.log" 2>&1
  "${storage[@]}" rm --all > /dev/null 2>&1 || true
  rm -rf -- "$dir"
}

local_run() { # CONTEXT RUN
  "$ROOT/multiarch-tekton" run-local -f "$ROOT/examples/hello/multiarch.yaml" --source "$W/ctx-$1" \
    --registry "$REG" --log-dir "$W/run-local-$1-$2" > "$W/run-local-$1-$2.out" 2>&1
}

summary=()
for context in tiny work; do
  : > "$W/plain-$context.ms"
  : > "$W/local-$context.ms"
  for i in $(seq 1 "$RUNS"); do
    t0=$(ms); plain_run "$context" "$i" || die "plain buildah run failed: $W/plain-$context-$i.log"; t1=$(ms)
    local_run "$context" "$i" || die "run-local run failed: $W/run-local-$context-$i.out"; t2=$(ms)
    echo "$((t1 - t0))" >> "$W/plain-$context.ms"
    echo "$((t2 - t1))" >> "$W/local-$context.ms"
    printf '%-4s run %d: plain buildah %6d ms, run-local %6d ms\n' "$context" "$i" "$((t1 - t0))" "$((t2 - t1))"
  done
  plain="$(median < "$W/plain-$context.ms")"
  local_ms="$(median < "$W/local-$context.ms")"
  ratio="$(awk -v a="$local_ms" -v b="$plain" 'BEGIN { printf "%.2f", a / b }')"
  summary+=("$(printf '%-4s median of %d runs: plain buildah %6s ms, run-local %6s ms, ratio %sx' \
    "$context" "$RUNS" "$plain" "$local_ms" "$ratio")")
done
echo
printf '%s\n' "${summary[@]}"
echo "target: run-local within 1.5x of plain buildah"
