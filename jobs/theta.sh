#!/usr/bin/env bash
# sparkprop theta: Θ as text in the notes' layout, in local mode like jobs/train.sh.
#   jobs/theta.sh export out/xor
#   jobs/theta.sh import conf/xor-notes.theta --output out/xor-notes
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/launch.sh
sparkprop_launch theta "$@"
