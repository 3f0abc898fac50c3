# run_probe PLATFORM: runs the builder image's static busybox of PLATFORM (PROBE_DIR) as `busybox true`; returns 2
# when the image has no probe for it, 1 when it does not run (its output in PROBE_OUTPUT), 0 when it runs.
# busybox takes the applet to run from the base name of argv[0]: called as linux-arm64 it only prints 'linux-arm64:
# applet not found'. So it runs through a link named busybox. `exec -a busybox` would not do: an emulator registered
# without the P (preserve-argv0) flag hands the binary the path it was started by as argv[0], which a link keeps and
# `exec -a` does not.
run_probe() {
  local probe="$PROBE_DIR/${1//\//-}" link_dir status=0
  PROBE="$probe"
  PROBE_OUTPUT=""
  if [ ! -x "$probe" ]; then
    return 2
  fi
  link_dir="$(mktemp -d)"
  ln -s -- "$probe" "$link_dir/busybox"
  PROBE_OUTPUT="$("$link_dir/busybox" true 2>&1)" || status=1
  rm -rf -- "$link_dir"
  return "$status"
}
