# die MESSAGE: one clear line on stderr, then a failed step.
die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}
