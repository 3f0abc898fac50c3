#!/usr/bin/env bash
# Benchmark: how many Tekton documents per second `validate` checks. Validates one set of files again and again for
# SECONDS (default 20) after a warm-up, in one JVM, and prints documents per second of wall time and of CPU time.
# The default set is every generated example folder and the validator's test sets (tekton-validate's testing/ and the valid
# corpus); pass files or folders to use others.
# Needs Java 17 and Maven (it compiles the test classes of tekton-validate first).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_TO_RUN="${SECONDS_TO_RUN:-20}"
cd "$ROOT"
if [ "$#" -eq 0 ]; then
  set -- examples/*/generated tekton-validate/src/test/resources/testing tekton-validate/src/test/resources/corpus/valid
fi
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# One reactor build, so that the project's own modules come from their target folders, not a local repository.
mvn -B -q -pl tekton-validate -am test-compile dependency:build-classpath -DskipTests -Dmdep.outputFile="$CP_FILE" \
  -Dmdep.includeScope=test >/dev/null
java -cp "tekton-validate/target/test-classes:tekton-validate/target/classes:$(cat "$CP_FILE")" \
  dev.multiarch.tekton.validate.bench.ValidationBenchmark "$SECONDS_TO_RUN" "$@"
