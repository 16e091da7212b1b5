#!/usr/bin/env bash
# sparkprop gradcheck, in local mode like jobs/train.sh (see jobs/launch.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/launch.sh
sparkprop_launch gradcheck "$@"
