#!/usr/bin/env bash
# Start a Spark standalone cluster on this machine from the build's own jars (no Spark download):
# one master on spark://127.0.0.1:MASTER_PORT and two workers, each its own JVM, every socket on
# 127.0.0.1. Stop it with jobs/cluster-down.sh, which stops exactly the processes started here.
#
#   jobs/cluster-up.sh
#   SPARK_HOME="$PWD/cluster/spark-home" SPARKPROP_SUBMIT_ARGS="--master spark://127.0.0.1:7077" \
#     jobs/train.sh conf/iris.properties
#   jobs/cluster-down.sh
#
# The cluster directory (cluster/, git-ignored) receives:
#   spark-home/jars/         the Spark jars of the build: target/lib minus the jars that
#                            target/sparkprop_2.12-spark3.5-cluster.jar bundles, so executors see only Spark and
#                            the submitted jar, as on a real cluster
#   spark-home/bin/spark-submit   Spark's own org.apache.spark.deploy.SparkSubmit from those jars
#                            (client mode; SPARK_DRIVER_MEMORY sets the driver's -Xmx, default 1g)
#   master.pid, worker1.pid, worker2.pid, master-url, *.log
#   work1/, work2/           each executor's stdout and stderr (work*/app-*/EXECUTOR/)
#   local/                   the executors' scratch space (shuffle files)
#
# Env: MASTER_PORT (7077; 0 = any free port), MASTER_UI_PORT (8080; 0 = any free port),
# WORKER_CORES (1 per worker), WORKER_MEMORY (2g per worker), SPARKPROP_CLUSTER_DIR (cluster),
# SPARKPROP_SPARK (3.5 or 4: the Spark line whose build the cluster runs, as in jobs/sparkprop.sh;
# submit to it with the same SPARKPROP_SPARK).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
source jobs/sparkprop.sh   # its definitions only: SPARK_JAVA17_OPTS, sparkprop_build
DIR="$(mkdir -p "${SPARKPROP_CLUSTER_DIR:-cluster}" && cd "${SPARKPROP_CLUSTER_DIR:-cluster}" && pwd)"
CLUSTER_JAR=$SPARKPROP_CLUSTER_JAR

if ls "$DIR"/*.pid >/dev/null 2>&1; then
  echo "cluster-up: $DIR holds PID files of a running cluster; run jobs/cluster-down.sh first" >&2
  exit 1
fi
if [[ ! -f "$CLUSTER_JAR" || ! -d "$SPARKPROP_LIB" ]]; then
  sparkprop_build
fi

# A Spark installation is a folder with jars/ (workers build each executor's classpath from
# $SPARK_HOME/jars/*) and bin/spark-submit. Jars the cluster jar bundles (picocli) stay out, so a
# class missing from the cluster jar fails here as it would on YARN or Kubernetes.
SPARK_HOME="$DIR/spark-home"
rm -rf "$SPARK_HOME"
mkdir -p "$SPARK_HOME/jars" "$SPARK_HOME/bin" "$DIR/local"
list_jar() { if command -v unzip >/dev/null; then unzip -Z1 "$1"; else jar tf "$1"; fi; }
bundled="$(list_jar "$CLUSTER_JAR" | grep '\.class$')"
for jar in "$ROOT/$SPARKPROP_LIB"/*.jar; do
  # A dependency is bundled when the cluster jar holds its first class.
  first="$(list_jar "$jar" | grep -v module-info | grep -m 1 '\.class$' || true)"
  if [[ -z "$first" ]] || ! grep -qxF "$first" <<< "$bundled"; then
    ln -s "$jar" "$SPARK_HOME/jars/$(basename "$jar")"
  fi
done
cat > "$SPARK_HOME/bin/spark-submit" <<EOF
#!/usr/bin/env bash
# spark-submit of the loopback cluster (written by jobs/cluster-up.sh): Spark's own SparkSubmit run
# from the build's Spark jars, with the Java 17 flags of jobs/spark-java17.properties. Client mode
# only; SPARK_DRIVER_MEMORY sets the driver's heap.
export SPARK_HOME="$SPARK_HOME" SPARK_SCALA_VERSION=$SPARKPROP_SCALA SPARK_LOCAL_IP="\${SPARK_LOCAL_IP:-127.0.0.1}"
# shellcheck disable=SC2086  # SPARK_SUBMIT_OPTS is a list of JVM flags on purpose
exec java$(printf ' %q' "${SPARK_JAVA17_OPTS[@]}") \\
  -Xmx"\${SPARK_DRIVER_MEMORY:-1g}" \${SPARK_SUBMIT_OPTS:-} \\
  -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit --conf spark.driver.host=127.0.0.1 "\$@"
EOF
chmod +x "$SPARK_HOME/bin/spark-submit"

export SPARK_HOME SPARK_SCALA_VERSION=$SPARKPROP_SCALA SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$DIR/local"

start() {  # start NAME MAIN_CLASS ARGS... : a background JVM, output in NAME.log, PID in NAME.pid
  local name="$1"
  shift
  nohup java "${SPARK_JAVA17_OPTS[@]}" -Xmx256m -cp "$SPARK_HOME/jars/*" "$@" > "$DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$DIR/$name.pid"
}
wait_for() {  # wait_for NAME PATTERN : until PATTERN shows up in NAME.log (60 s at most)
  for _ in $(seq 240); do
    grep -q "$2" "$DIR/$1.log" 2>/dev/null && return 0
    kill -0 "$(cat "$DIR/$1.pid")" 2>/dev/null || { echo "cluster-up: $1 died; see $DIR/$1.log" >&2; return 1; }
    sleep 0.25
  done
  echo "cluster-up: $1 did not start within 60 s; see $DIR/$1.log" >&2
  return 1
}
on_failure() {
  echo "cluster-up: stopping what was started" >&2
  SPARKPROP_CLUSTER_DIR="$DIR" jobs/cluster-down.sh >&2
}
trap on_failure ERR

start master org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "${MASTER_PORT:-7077}" --webui-port "${MASTER_UI_PORT:-8080}"
wait_for master "I have been elected leader"
# The port it really got: a busy MASTER_PORT makes Spark try the next ones, and 0 picks any.
MASTER_URL="$(sed -n 's/.*Starting Spark master at \(spark:[^ ]*\).*/\1/p' "$DIR/master.log" | head -n 1)"
for i in 1 2; do
  start "worker$i" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores "${WORKER_CORES:-1}" --memory "${WORKER_MEMORY:-2g}" \
    --webui-port 0 --work-dir "$DIR/work$i" "$MASTER_URL"
done
wait_for worker1 "Successfully registered with master"
wait_for worker2 "Successfully registered with master"
trap - ERR
echo "$MASTER_URL" > "$DIR/master-url"
echo "cluster up: $MASTER_URL, master and workers with PIDs $(cat "$DIR"/master.pid "$DIR"/worker1.pid "$DIR"/worker2.pid | tr '\n' ' ')"
echo "submit with: SPARK_HOME=$SPARK_HOME SPARKPROP_SUBMIT_ARGS=\"--master $MASTER_URL\" jobs/train.sh CONF"
