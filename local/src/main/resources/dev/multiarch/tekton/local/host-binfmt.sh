#!/usr/bin/env bash
# run-local's host stand-in for the tonistiigi/binfmt image: registers (install) or unregisters (uninstall) the
# binfmt_misc entries given as arguments (qemu-aarch64, qemu-arm, ...) with Debian's qemu-user-static and
# binfmt-support. Debian registers them with the F (fix-binary) flag, as the image does, so that buildah's chroot
# builds reach the emulator. Env: BINFMT_MISC_DIR (default /proc/sys/fs/binfmt_misc).
set -euo pipefail

die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

BINFMT_MISC_DIR="${BINFMT_MISC_DIR:-/proc/sys/fs/binfmt_misc}"
action="${1:-}"
shift || true
case "$action" in
  install | uninstall) ;;
  *) die "usage: host-binfmt.sh install|uninstall ENTRY..." ;;
esac

if [ ! -e "$BINFMT_MISC_DIR/status" ]; then
  mkdir -p -- "$BINFMT_MISC_DIR"
  mount -t binfmt_misc binfmt_misc "$BINFMT_MISC_DIR" \
    || die "cannot mount binfmt_misc at $BINFMT_MISC_DIR (run as root; on a container host, run privileged)"
  echo "mounted binfmt_misc at $BINFMT_MISC_DIR"
fi

for entry in "$@"; do
  if [ "$action" = install ]; then
    [ -f "/usr/share/binfmts/$entry" ] \
      || die "no binfmt-support definition /usr/share/binfmts/$entry; install it with: apt-get install -y qemu-user-static binfmt-support"
    update-binfmts --enable "$entry" 2>&1 | grep -v 'already enabled' || true
    [ -f "$BINFMT_MISC_DIR/$entry" ] || die "update-binfmts --enable $entry registered nothing in $BINFMT_MISC_DIR"
    printf '%s: %s, %s, %s\n' "$entry" "$(sed -n 1p "$BINFMT_MISC_DIR/$entry")" \
      "$(grep '^interpreter' "$BINFMT_MISC_DIR/$entry")" "$(grep '^flags' "$BINFMT_MISC_DIR/$entry")"
  else
    if [ -f "$BINFMT_MISC_DIR/$entry" ]; then
      update-binfmts --disable "$entry"
      echo "$entry: disabled"
    else
      echo "$entry: not registered"
    fi
  fi
done
