# emulator_problems EMULATORS: prints one line per platform of the comma-separated EMULATORS that this node cannot
# run through an emulator (entry missing, disabled, without the F flag, or the node's own architecture, which must
# never be emulated), or nothing when every one is ready.
emulator_problems() {
  local platform entry problem
  local -a platforms
  IFS=, read -r -a platforms <<< "$1"
  for platform in "${platforms[@]}"; do
    if [ -z "$platform" ]; then
      continue
    fi
    if ! lookup_platform "$platform"; then
      echo "$platform is not a known platform"
      continue
    fi
    entry="$BINFMT_MISC_DIR/$QEMU_ENTRY"
    if runs_natively "$MACHINE"; then
      echo "$platform is this node's own architecture ($MACHINE): it must not be emulated here"
    elif [ ! -f "$entry" ]; then
      echo "$platform: $entry is missing"
    else
      problem="$(entry_problem "$entry")"
      if [ -n "$problem" ]; then
        echo "$platform: $entry: $problem"
      fi
    fi
  done
}
