#!/usr/bin/env bash
# Benchmark: the layer cache (spec.cache.repository, --cache-repository). run-local builds a 2-platform image
# (linux/amd64 native, linux/arm64 emulated) whose Containerfile has a RUN that keeps the CPU busy for a few seconds
# under QEMU, then a last RUN that writes a version. Three runs against one local registry, each TaskRun from empty
# vfs storage as on a cluster: without the cache, cold with the cache (it fills it), and with the cache after a
# "commit" that changes only the last RUN. Prints each run's milliseconds and the ratios. Env: RUNS (default 3:
# the median of that many rounds, each round a new cache repository), KEEP=1 keeps the work folder.
# Needs root and Debian's buildah, skopeo, qemu-user-static, binfmt-support, docker-registry (apt-get install them),
# and arm64 in dpkg's architectures for the busybox download.
set -euo pipefail

RUNS="${RUNS:-3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
W="$(mktemp -d "${TMPDIR:-/tmp}/multiarch-cache-bench.XXXXXX")"
# shellcheck source=bench/_host.sh
. "$ROOT/bench/_host.sh"

require_host "$ROOT"
echo "work folder: $W"
fetch_busybox

start_registry
enable_arm64_emulator

# A two-platform busybox base in the registry: the build's FROM is pulled, and no ARG comes before the slow RUN
# (buildah 1.28 never takes an ARG step from the cache, so every later step would miss: docs/cache.md).
base=(buildah --root "$W/base/root" --runroot "$W/base/run" --storage-driver vfs)
"${base[@]}" manifest create localhost/bench-base > /dev/null
for arch in amd64 arm64; do
  container="$("${base[@]}" from scratch)"
  "${base[@]}" copy "$container" "$W/debs/$arch/bin/busybox" /bin/busybox > /dev/null
  "${base[@]}" config --os linux --arch "$arch" "$container"
  "${base[@]}" commit -q --rm "$container" "localhost/bench-base-$arch" > /dev/null
  "${base[@]}" manifest add localhost/bench-base "localhost/bench-base-$arch" > /dev/null
done
"${base[@]}" manifest push --quiet --all --tls-verify=false localhost/bench-base "docker://$REG/bench/base:1"

# make_context VERSION: the slow RUN, then a last RUN that only writes VERSION.
make_context() {
  mkdir -p "$W/ctx-$1"
  cat > "$W/ctx-$1/Containerfile" <<CONTAINERFILE
FROM $REG/bench/base:1
RUN ["/bin/busybox", "sh", "-c", "i=0; while [ \$i -lt 300000 ]; do i=\$((i + 1)); done; /bin/busybox uname -m > /arch.txt"]
RUN ["/bin/busybox", "sh", "-c", "echo $1 > /version.txt"]
CONTAINERFILE
}
make_context v1
make_context v2

local_run() { # NAME CONTEXT [RUN-LOCAL FLAGS...]
  local name="$1" context="$2"
  shift 2
  "$ROOT/multiarch-tekton" run-local -f "$ROOT/examples/hello/multiarch.yaml" --source "$W/ctx-$context" \
    --registry "$REG" --log-dir "$W/logs-$name" "$@" > "$W/$name.out" 2>&1 || die "run-local failed: $W/$name.out"
}

: > "$W/none.ms"
: > "$W/cold.ms"
: > "$W/warm.ms"
for i in $(seq 1 "$RUNS"); do
  cache="$REG/bench/cache-$i"
  t0=$(ms); local_run "none-$i" v1; t1=$(ms)
  local_run "cold-$i" v1 --cache-repository "$cache"; t2=$(ms)
  local_run "warm-$i" v2 --cache-repository "$cache"; t3=$(ms)
  grep -q -- '--> Cache pulled from remote' "$W/logs-warm-$i/build-linux-arm64/03-build-and-push.log" \
    || die "the rebuild took nothing from the cache: $W/logs-warm-$i/build-linux-arm64/03-build-and-push.log"
  echo "$((t1 - t0))" >> "$W/none.ms"
  echo "$((t2 - t1))" >> "$W/cold.ms"
  echo "$((t3 - t2))" >> "$W/warm.ms"
  printf 'round %d: no cache %6d ms, cold cache %6d ms, rebuild after a last-layer change %6d ms\n' \
    "$i" "$((t1 - t0))" "$((t2 - t1))" "$((t3 - t2))"
done
none="$(median < "$W/none.ms")"
cold="$(median < "$W/cold.ms")"
warm="$(median < "$W/warm.ms")"
echo
printf 'median of %d rounds: no cache %s ms, cold cache %s ms, cached rebuild %s ms\n' "$RUNS" "$none" "$cold" "$warm"
awk -v n="$none" -v c="$cold" -v w="$warm" \
  'BEGIN { printf "cached rebuild: %.2fx faster than a build without the cache; filling the cache cost %.2fx\n", n / w, c / n }'
