#!/usr/bin/env bash
# sparkprop inspect, in local mode or through spark-submit like jobs/train.sh (see jobs/launch.sh).
#   jobs/inspect.sh out/xor
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/launch.sh
sparkprop_launch inspect "$@"
