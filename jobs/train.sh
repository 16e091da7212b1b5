#!/usr/bin/env bash
# Train a network:  jobs/train.sh CONF [--key=value ...]
#
#   jobs/train.sh conf/xor.properties
#   jobs/train.sh conf/mnist.properties --epochs 3 --partitions 4
#   SPARKPROP_DRIVER_MEMORY=4g jobs/train.sh conf/iris.properties --verbose
#
# Runs from the project root whatever the caller's directory, so CONF and every relative path
# (the conf files' data and output paths included) are relative to the project root. The flags
# are the config keys (`sparkprop train --help`); they override CONF. The resolved config goes
# to stderr first; the per-epoch lines to stdout, ending with the summary JSON on its last line.
# Local mode unless SPARK_HOME is set: see jobs/launch.sh. Exit codes: 0 trained, 1 the job
# failed, 2 the command line or config was refused.
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/launch.sh
sparkprop_launch train "$@"
