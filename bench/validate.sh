#!/usr/bin/env bash
# Benchmark: how many Tekton documents per second `validate` checks. Validates one set of files again and again for
# SECONDS (default 20) after a warm-up, in one JVM, and prints documents per second of wall time and of CPU time, and
# MiB of YAML per CPU second. The default set is every generated example folder and the validator's test sets
# (tekton-validate's testing/ and the valid corpus); pass files or folders to use others.
# --hostile instead times each of the large inputs of issue 20 on its own (HostileInputs writes them into a temporary
# folder): a 15 MiB scalar, a matrix of 9,000 include entries, 3,000 Tasks with 3,000 near-miss references, 30,000
# unknown fields, 15,000 steps; then `validate` of a folder of 20,000 files through the built command under
# `ulimit -n 20`, with its time and peak memory (GNU time's maximum resident set size).
# Needs Java 17 (the Maven wrapper compiles the test classes of tekton-validate first).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_TO_RUN="${SECONDS_TO_RUN:-20}"
cd "$ROOT"
HOSTILE=""
if [ "${1:-}" = "--hostile" ]; then
  HOSTILE=$(mktemp -d)
  shift
fi
if [ "$#" -eq 0 ] && [ -z "$HOSTILE" ]; then
  set -- examples/*/generated tekton-validate/src/test/resources/testing tekton-validate/src/test/resources/corpus/valid
fi
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"; [ -z "$HOSTILE" ] || rm -rf "$HOSTILE"' EXIT
# One reactor build, so that the project's own modules come from their target folders, not a local repository.
./mvnw -B -q -Dstyle.color=never -pl tekton-validate -am test-compile dependency:build-classpath -DskipTests -Dmdep.outputFile="$CP_FILE" \
  -Dmdep.includeScope=test >/dev/null
CP="tekton-validate/target/test-classes:tekton-validate/target/classes:$(cat "$CP_FILE")"
if [ -z "$HOSTILE" ]; then
  java -cp "$CP" dev.multiarch.tekton.validate.bench.ValidationBenchmark "$SECONDS_TO_RUN" "$@"
  exit
fi
java -cp "$CP" dev.multiarch.tekton.validate.bench.HostileInputs "$HOSTILE"
for input in scalar-15MiB matrix-9000 near-miss-3000 unknown-30000 steps-15000; do
  printf '%-16s ' "$input"
  java -cp "$CP" dev.multiarch.tekton.validate.bench.ValidationBenchmark "$SECONDS_TO_RUN" "$HOSTILE/$input"
done
# The folder through the command itself: the walk, one file open at a time, and the JVM the launcher starts.
printf '%-16s ' "files-20000"
(
  ulimit -n 20
  /usr/bin/time -f '%e s, at most %M KiB resident' "$ROOT/multiarch-tekton" validate "$HOSTILE/files-20000" 2>&1 \
    | tr '\n' ' '
)
echo
