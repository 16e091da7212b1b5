#!/usr/bin/env bash
# sparkprop predict, in local mode or through spark-submit like jobs/train.sh (see jobs/launch.sh).
#   jobs/predict.sh out/mnist sample-data/mnist/test.csv.gz --out out/mnist-scores [--out-format parquet]
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/launch.sh
sparkprop_launch predict "$@"
