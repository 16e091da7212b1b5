#!/usr/bin/env bash
# Benchmark sparkprop against Spark MLlib's MLP (and scikit-learn when installed) on MNIST:
#
#   jobs/bench.sh                      # --size tiny: the first 2,000/500 rows, under a minute
#   jobs/bench.sh --size full          # all of MNIST; many minutes; run it on a quiet machine
#   jobs/bench.sh --size full --configs sigmoid-adam,sigmoid-lbfgs,best,fast,sgd --out target/bench-full.json
#   jobs/bench.sh --skip-mllib --skip-sklearn
#
# Builds if needed (as jobs/train.sh does), prints the machine (CPU, memory, Java, the BLAS
# library and the OpenBLAS core it picked, load average), then runs dev.sparkprop.bench.Bench in
# one local-mode JVM: DGEMM, the kernel, sparkprop's passes, steps and configs, MLlib, then
# scikit-learn as a child process. stdout: progress, then the Markdown tables; the JSON goes to
# --out (default target/bench.json); Spark's and the peers' logs to target/bench-stderr.log.
# Env: SPARKPROP_DRIVER_MEMORY (-Xmx, default 8g), JAVA_OPTS, OPENBLAS_CORETYPE (set here when
# OpenBLAS fell back to its SSE3 kernels; see sparkprop_fix_openblas_core), SPARKPROP_PYTHON (the
# interpreter with sklearn). Exit codes: 0 ran, 1 a part failed, 2 bad flags.
set -euo pipefail
cd "$(dirname "$0")/.."
source jobs/launch.sh

# One line per fact about this machine, for the README's Performance section.
bench_machine() {
  local cpu cores mem blas pkg version
  cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)
  cores=$(nproc)
  mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  echo "machine: ${cpu:-unknown CPU} (family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')" \
    "model $(grep -m1 '^model[[:space:]]*:' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')), $cores cores, $mem RAM, $(uname -sr)"
  echo "java: $(java -version 2>&1 | head -n 1)"
  blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 /usr/lib/aarch64-linux-gnu/libblas.so.3 2>/dev/null \
    | head -n 1 || true)
  if [[ -n "$blas" && -e "$blas" ]]; then
    pkg=$(dpkg -S "$blas" 2>/dev/null | cut -d: -f1 || true)
    version=$(dpkg-query -W -f '${Version}' "$pkg" 2>/dev/null || true)
    sparkprop_fix_openblas_core "$blas"
    echo "blas: $blas (${pkg:-?} ${version:-?}), OpenBLAS core: $(sparkprop_openblas_core "$blas")" \
      "${OPENBLAS_CORETYPE:+(OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE)}"
  else
    echo "blas: no libblas.so.3: the pure-Java BLAS (apt-get install libopenblas0-pthread for native)"
  fi
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)  date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command: jobs/bench.sh $*"
}

if sparkprop_needs_build || [[ ! -f target/test-classes/dev/sparkprop/bench/Bench.class ]]; then
  sparkprop_build
fi
# One OpenBLAS thread per Spark task, as jobs/train.sh runs training; every Spark socket on loopback.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
bench_machine "$@"
mkdir -p target
status=0
# shellcheck disable=SC2086  # JAVA_OPTS is a list of flags on purpose
java ${JAVA_OPTS:-} "${SPARK_JAVA17_OPTS[@]}" -Xmx"${SPARKPROP_DRIVER_MEMORY:-8g}" \
  -cp "$SPARKPROP_JAR:target/test-classes:target/lib/*" dev.sparkprop.bench.Bench "$@" 2> target/bench-stderr.log || status=$?
if [[ $status -eq 2 ]]; then
  cat target/bench-stderr.log >&2   # a refused command line: the reason and the usage
elif [[ $status -ne 0 ]]; then
  echo "bench: failed (exit $status); the end of target/bench-stderr.log:" >&2
  tail -n 30 target/bench-stderr.log >&2
fi
exit $status
