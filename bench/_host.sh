#!/usr/bin/env bash
# The host setup the run-local benchmarks share, sourced after they set W (their work folder) and RUNS: die, the
# cleanup trap (the registry stopped, W removed unless KEEP=1), ms and median, the root and tool checks, Debian's
# static busybox for amd64 and arm64 in $W/debs, a throwaway docker-registry on loopback (start_registry sets REG),
# and the arm64 emulator enabled. Not a benchmark of its own.

REG_PID=""

die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

cleanup() {
  if [ -n "$REG_PID" ]; then
    kill "$REG_PID" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" != 1 ]; then
    rm -rf -- "$W"
  fi
}
trap cleanup EXIT

ms() { date +%s%3N; }

median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# require_host ROOT: root, the Debian tools, and the tool built (the launcher builds it if needed and records its
# class-data archive: done here, outside the timings).
require_host() {
  [ "$(id -u)" = 0 ] || die "run as root (buildah chroot builds and binfmt_misc need it)"
  local tool
  for tool in buildah skopeo docker-registry update-binfmts qemu-aarch64-static java; do
    command -v "$tool" > /dev/null || die "missing $tool; apt-get install -y buildah skopeo qemu-user-static binfmt-support docker-registry"
  done
  "$1/multiarch-tekton" --version
}

# fetch_busybox: Debian's busybox-static for amd64 and arm64, unpacked in $W/debs/<arch>.
fetch_busybox() {
  mkdir -p "$W/debs"
  (cd "$W/debs" && apt-get download -q -o APT::Sandbox::User=root busybox-static:amd64 busybox-static:arm64 > /dev/null) \
    || die "cannot download busybox-static (dpkg --add-architecture arm64 && apt-get update)"
  local arch
  for arch in amd64 arm64; do
    dpkg -x "$W"/debs/busybox-static_*_"$arch".deb "$W/debs/$arch"
  done
}

# start_registry: a docker-registry on a free loopback port, its data in $W/registry; sets REG (host:port).
start_registry() {
  local port
  mkdir -p "$W/registry"
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  REG="127.0.0.1:$port"
  printf 'version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: %s\n' \
    "$W/registry/data" "$REG" > "$W/registry/config.yml"
  docker-registry serve "$W/registry/config.yml" > "$W/registry/log" 2>&1 &
  REG_PID=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://$REG/v2/" > /dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS "http://$REG/v2/" > /dev/null || die "registry did not start"
}

# enable_arm64_emulator: binfmt registration is the host's one-time setup, outside every timing.
enable_arm64_emulator() {
  mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  update-binfmts --enable qemu-aarch64 2> /dev/null || true
}
