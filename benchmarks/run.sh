#!/usr/bin/env bash
# Runs the py2sfn-task-tools benchmarks: builds what they need, times the local runner's own
# overhead (W7, no emulator), starts moto (through the test emulator harness) unless only W7 runs,
# runs every workload for every contender with the emulator as is and through a latency proxy,
# prints a table and writes benchmarks/target/results.json and results.csv.
#
#   ./benchmarks/run.sh [--quick] [--latency-ms 5[,20]] [--workloads w1,w2,w3,w4,w5,w6,w7,w8]
#                       [--contenders java-library,bare-sdk,python-original] [--items 1000,10000]
#                       [--runs N] [--warmup N] [--big-runs N] [--calls N] [--coldstart-reps N]
#                       [--connect-latency-ms 0] [--http-client urlconnection|apache5] [--memory-heap 256m]
#                       [--runner-rounds 1000] [--map-items 10000] [--runner-warmup N] [--runner-runs N]
#                       [--skip-build] [--out DIR]
#
# See benchmarks/README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

SKIP_BUILD=false
ARGS=()
for arg in "$@"; do
  if [[ "$arg" == "--skip-build" ]]; then SKIP_BUILD=true; else ARGS+=("$arg"); fi
done

if [[ "$SKIP_BUILD" != true ]]; then
  echo "[run.sh] building: ./mvnw -q -Pbenchmarks -pl benchmarks -am package -DskipTests" >&2
  ./mvnw -q -Pbenchmarks -pl benchmarks -am package -DskipTests
fi

# Private copies of the project's own jars: other builds of this checkout (./mvnw verify) rewrite
# module/target/*.jar, which would break a benchmark JVM that loads classes from them mid-run.
mkdir -p benchmarks/target/lib
for file in benchmarks/target/classpath-*.txt; do
  tr ':' '\n' < "$file" | while read -r entry; do
    case "$entry" in
      "$ROOT"/benchmarks/target/lib/*) ;;
      "$ROOT"/*/target/*.jar) cp -f "$entry" benchmarks/target/lib/ ;;
    esac
  done
  sed -i -E "s#$ROOT/[^/:]+/target/([^/:]+\.jar)#$ROOT/benchmarks/target/lib/\1#g" "$file"
done

JAR="$ROOT/$(ls benchmarks/target/py2sfn-task-tools-benchmarks-*.jar | grep -v -- '-sources' | head -1)"
CP="$JAR:$(cat benchmarks/target/classpath-harness.txt)"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  free -g
  java -version 2>&1
  echo "loadavg: $(cat /proc/loadavg)"
} > benchmarks/target/machine.txt 2>&1 || true
cat benchmarks/target/machine.txt >&2

# The harness JVM: moto and the Python virtualenv come from the test emulator (target/python-venv).
# It runs in benchmarks/, so moto's log lands in benchmarks/target/moto-<port>.log.
cd "$ROOT/benchmarks"
exec java -Xmx4g -Dpy2sfn.python.venv="$ROOT/target/python-venv" -Dbench.root="$ROOT" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$CP" io.github.py2sfn.tasktools.benchmarks.Bench --out "$ROOT/benchmarks/target" ${ARGS[@]+"${ARGS[@]}"}
