#!/usr/bin/env bash
# Runs the sample workflow locally: builds what it needs, prepares the AWS emulator (moto, installed
# into target/python-venv on first use), runs the catalog-pricing state machine with the local
# runner against the application's task beans, and prints a report; then runs it with the feature
# flag off and shows the execution ABORTED, then a small catalog whose pricing the reviewer rejects.
# Each run's approval step is answered through the approvePricing function (SendTaskHeartbeat,
# SendTaskSuccess, SendTaskFailure). --jsonata runs the JSONata definition of the same workflow;
# --distributed the Distributed Map variant (catalog-pricing-distributed.asl.json).
#
# Usage: ./sample-app/run-local.sh [--items N] [--large-every K] [--large-kb S] [--invalid-every M] [--jsonata | --distributed]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "==> Building the library and the sample (the first build downloads dependencies: a few minutes)"
./mvnw -B --no-transfer-progress install -DskipTests -pl sample-app -am \
  | grep --line-buffered -E '^\[INFO\] Building |ERROR|BUILD' || { echo "Build failed" >&2; exit 1; }

echo "==> Preparing the Python virtualenv with moto"
bash .ci/python-env.sh

./mvnw -q -B --no-transfer-progress -pl sample-app exec:exec@local-run -Dsample.args="$*"
