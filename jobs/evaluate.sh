#!/usr/bin/env bash
# sparkprop evaluate, in local mode or through spark-submit like jobs/train.sh (see jobs/launch.sh).
#   jobs/evaluate.sh out/mnist sample-data/mnist/test.csv.gz [--json]
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/launch.sh
sparkprop_launch evaluate "$@"
