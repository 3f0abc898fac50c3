#!/usr/bin/env bash
# Benchmark: how many TaskRuns per second `status` reads and shows. fabric8's mock cluster (over real HTTPS on
# loopback) serves one finished PipelineRun of N TaskRuns (default 20,000, as issue 20 found: `status` hung on it
# before its reading was made linear and its table bounded); `status` runs once through the command's own code in one
# JVM and the script prints the TaskRuns per second of wall time, with the exit code and the lines printed.
# Pass other counts to time those: bench/status-taskruns.sh 2000 20000.
# Needs Java 17 (the Maven wrapper compiles the test classes of cli and the modules it uses first).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ "$#" -eq 0 ]; then
  set -- 20000
fi
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# One reactor build, so that the project's own modules come from their target folders, not a local repository.
./mvnw -B -q -Dstyle.color=never -pl cli -am test-compile dependency:build-classpath -DskipTests -Dmdep.outputFile="$CP_FILE" \
  -Dmdep.includeScope=test >/dev/null
CP="cli/target/test-classes:cli/target/classes"
for module in cluster local core tekton-validate tekton-tasks templates; do
  CP="$CP:$module/target/test-classes:$module/target/classes"
done
CP="$CP:$(cat "$CP_FILE")"
for count in "$@"; do
  java -cp "$CP" dev.multiarch.tekton.cli.StatusBenchmark "$count"
done
