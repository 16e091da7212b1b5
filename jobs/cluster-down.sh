#!/usr/bin/env bash
# Stop the cluster jobs/cluster-up.sh started: the workers first (each stops its executors), then
# the master, each by the PID in its PID file, and only if that PID is still the Spark process it
# was (a recycled PID is left alone). SIGTERM, then SIGKILL after 20 s. Logs stay in the cluster
# directory. Env: SPARKPROP_CLUSTER_DIR (cluster).
set -uo pipefail
cd "$(dirname "$0")/.."
DIR="${SPARKPROP_CLUSTER_DIR:-cluster}"

for name in worker1 worker2 master; do
  file="$DIR/$name.pid"
  [[ -f "$file" ]] || continue
  pid="$(cat "$file")"
  class=org.apache.spark.deploy.worker.Worker
  [[ "$name" == master ]] && class=org.apache.spark.deploy.master.Master
  if { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | grep -q "$class"; then
    kill "$pid"
    for _ in $(seq 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "cluster-down: $name ($pid) ignored SIGTERM; sending SIGKILL" >&2
      kill -9 "$pid"
    fi
    echo "stopped $name ($pid)"
  else
    echo "$name ($pid) was not running"
  fi
  rm -f "$file"
done
rm -f "$DIR/master-url"
