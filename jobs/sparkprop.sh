#!/usr/bin/env bash
# sparkprop's launcher:  jobs/sparkprop.sh COMMAND [ARGS...]
#
#   jobs/sparkprop.sh train conf/xor.properties
#   jobs/sparkprop.sh train conf/mnist.properties --epochs 3 --partitions 4
#   SPARKPROP_DRIVER_MEMORY=4g jobs/sparkprop.sh train conf/iris.properties --verbose
#   jobs/sparkprop.sh evaluate out/mnist sample-data/mnist/test.csv.gz [--json]
#   jobs/sparkprop.sh predict out/mnist sample-data/mnist/test.csv.gz --out out/mnist-scores [--out-format parquet]
#   jobs/sparkprop.sh inspect out/xor
#   jobs/sparkprop.sh train conf/mnist-fast.properties --ui      # a live page; its address goes to stderr
#   jobs/sparkprop.sh ui out/mnist        # a finished run's page, until Ctrl-C (--ui-port, --seconds)
#   jobs/sparkprop.sh theta export out/xor
#   jobs/sparkprop.sh theta import conf/xor-notes.theta --output out/xor-notes
#   jobs/sparkprop.sh explain out/worked --input 0.05,0.10 --target 0.01,0.99
#   jobs/sparkprop.sh gradcheck --network 3-5:sigmoid-3:sigmoid
#   jobs/sparkprop.sh generate parity --bits 8 --output out/parity8.csv   # also circle, polygon, ring, sine
#   jobs/sparkprop.sh bench --size tiny --skip-sklearn
#   jobs/sparkprop.sh bench --spark-lines  # the step row on Spark 3.5 and Spark 4, side by side
#   jobs/sparkprop.sh bench --cluster --size full  # the step row on a loopback cluster, and a spill run
#   jobs/sparkprop.sh shell               # spark-shell with sparkprop on the classpath
#   jobs/sparkprop.sh shell --master 'local[2]' --conf spark.ui.enabled=false -- -i lab.scala
#   jobs/sparkprop.sh train --help        # a command's options (evaluate, predict, ... alike)
#   jobs/sparkprop.sh --version           # sparkprop's, Spark's and Java's versions
#
# jobs/train.sh and jobs/bench.sh are links to this file: called as NAME.sh it runs command NAME,
# so `jobs/train.sh CONF [--key value ...]` is `jobs/sparkprop.sh train CONF [--key value ...]`.
#
# Runs from the project root whatever the caller's directory, so CONF and every relative path
# (the conf files' data and output paths included) are relative to the project root. train's
# flags are the config keys (`jobs/sparkprop.sh train --help`); they override CONF. The resolved
# config goes to stderr first; the per-epoch lines to stdout, ending with the summary JSON on its
# last line. Maven's output goes to stderr too, so stdout carries only the command's own output.
# Exit codes: 0 done, 1 the job failed, 2 the command line or config was refused.
#
# Every command but bench runs sparkprop (dev.sparkprop.cli.Main) in place of this script, two ways:
#
#   SPARK_HOME set   "$SPARK_HOME/bin/spark-submit" with the cluster jar, target/sparkprop_2.12-spark3.5-cluster.jar
#                    (spark-submit adds the Java 17 flags and takes the master from --master,
#                    spark-defaults.conf or its own default). Builds the jar if missing, never
#                    otherwise: a submitting host may have the jar but no Maven. Extra spark-submit
#                    options come from SPARKPROP_SUBMIT_ARGS, e.g.
#                    "--master spark://host:7077 --executor-memory 4g". jobs/cluster-up.sh makes a
#                    SPARK_HOME for its loopback cluster.
#   otherwise        local mode with plain `java` and the Maven jars, Spark included (target/lib);
#                    needs only Java 17 and Maven. Rebuilds when target/sparkprop_2.12-spark3.5.jar or target/lib
#                    is missing or anything under src/ or pom.xml changed since its last build.
#
# shell is spark-shell: Spark's own REPL (org.apache.spark.repl.Main, from spark-repl in target/lib)
# with sparkprop on its classpath, `spark` and `sc` ready, so `new SparkpropClassifier()` works at
# the prompt. Its options are spark-shell's, i.e. spark-submit's (--master, --conf, --jars,
# --packages, --name, ...); the master is local[*] unless --master says otherwise. Options for the
# Scala REPL itself (e.g. -i FILE, which loads FILE line by line) follow a `--`. Two ways, as for
# the other commands:
#
#   SPARK_HOME set   "$SPARK_HOME/bin/spark-shell --jars target/sparkprop_2.12-spark3.5-cluster.jar", plus
#                    SPARKPROP_SUBMIT_ARGS and the options given here.
#   otherwise        Spark's own SparkSubmit with plain `java`, as bin/spark-shell ends up running
#                    it: `--class org.apache.spark.repl.Main ... spark-shell`, with
#                    -Dscala.usejavacp=true so the REPL's compiler sees Spark and sparkprop. The
#                    JVM is already running, so SPARKPROP_DRIVER_MEMORY sets the heap, not
#                    --driver-memory. A master other than local[...] also needs
#                    `--jars target/sparkprop_2.12-spark3.5-cluster.jar`, so the executors get sparkprop.
#
# bench benchmarks sparkprop against Spark MLlib's MLP (and scikit-learn when installed) on MNIST,
# in local mode (`--cluster`: the step row on a loopback standalone cluster of jobs/cluster-up.sh
# beside local[2], then a training set twice the executors' storage memory spilled there): `--size tiny` (the default) is the first 2,000/500 rows, under a minute;
# `--size full` all of MNIST, many minutes, for a quiet machine; `--configs sigmoid-adam,best,...`,
# `--blas-options system,bundled,bundled-own-core,vector,java` (the BLAS libraries compared side by
# side, a child JVM each; tiny runs the first two), `--out FILE` (default target/bench.json),
# `--skip-mllib`, `--skip-sklearn`. It prints the machine (CPU, memory, Java, the system's BLAS
# library and the OpenBLAS core it picked, load average), then runs dev.sparkprop.bench.Bench
# (src/bench/java, built into target/test-classes, in no jar) in one JVM: DGEMM, the kernel, the
# BLAS options (child JVMs), sparkprop's passes, steps and configs, MLlib, then scikit-learn as a
# child process. stdout: progress, then the Markdown tables; Spark's and the peers' logs go to
# target/bench-stderr.log, whose end is shown when a part fails.
#
# Spark 4: SPARKPROP_SPARK=4 runs every command on the Spark 4 / Scala 2.13 build instead
# (target/spark4/sparkprop_2.13-spark4.jar, ...-cluster.jar and target/spark4/lib; built with
# `mvn -Dspark.line=4`); with SPARK_HOME set it must be a Spark 4 installation. shell needs
# SPARK_HOME on that line (no spark-repl for Spark 4 on Maven Central).
#
# Env: SPARKPROP_SPARK (3.5 or 4, default 3.5), SPARKPROP_DRIVER_MEMORY (local mode's -Xmx, default 8g), JAVA_OPTS (more flags for the
# local-mode JVM; -Dsparkprop.blas=auto|bundled|system|java chooses the BLAS library, see
# linalg.BlasLibrary), SPARK_HOME and SPARKPROP_SUBMIT_ARGS (see above), OPENBLAS_CORETYPE (set
# here when -Dsparkprop.blas=system and Debian's OpenBLAS fell back to its SSE3 kernels; see
# sparkprop_fix_openblas_core), SPARKPROP_PYTHON
# (bench: the interpreter with sklearn).
#
# jobs/cluster-up.sh sources this file for its definitions only: the Java 17 flags and the build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."   # the link's directory, not its target's

# The commands this launcher accepts: sparkprop's own, then bench and shell.
SPARKPROP_COMMANDS=(train sweep evaluate predict inspect theta explain gradcheck generate ui bench shell)

# The Spark line: SPARKPROP_SPARK=3.5 (the default: Spark 3.5 on Scala 2.12, built into target/) or
# SPARKPROP_SPARK=4 (Spark 4 on Scala 2.13, built into target/spark4/ by `mvn -Dspark.line=4`).
# Each line has its own build directory, jars, target/lib and build stamp, so neither ever runs
# on the other's classes.
case "${SPARKPROP_SPARK:-3.5}" in
  3.5) SPARKPROP_TARGET=target SPARKPROP_SCALA=2.12 SPARKPROP_LINE=3.5 ;;
  4) SPARKPROP_TARGET=target/spark4 SPARKPROP_SCALA=2.13 SPARKPROP_LINE=4 ;;
  *) echo "sparkprop: SPARKPROP_SPARK=$SPARKPROP_SPARK is not a Spark line sparkprop builds for; use 3.5 or 4" >&2
     exit 2 ;;
esac
SPARKPROP_NAME=sparkprop_$SPARKPROP_SCALA-spark$SPARKPROP_LINE
SPARKPROP_JAR=$SPARKPROP_TARGET/$SPARKPROP_NAME.jar
SPARKPROP_CLUSTER_JAR=$SPARKPROP_TARGET/$SPARKPROP_NAME-cluster.jar
SPARKPROP_LIB=$SPARKPROP_TARGET/lib
SPARKPROP_BENCH_CLASSES=$SPARKPROP_TARGET/test-classes
# Touched after each build the launcher runs. The jar's own time cannot say whether the build is
# current: Maven leaves the jar as it was when only tests or the bench changed.
SPARKPROP_BUILT=$SPARKPROP_TARGET/sparkprop.built

# The JVM flags Spark 3.5 needs on Java 17, which spark-submit adds by itself and plain `java`
# does not: the first word of every line of jobs/spark-java17.properties that starts with '-'
# (the pom reads the same file for the test JVMs).
mapfile -t SPARK_JAVA17_OPTS < <(sed -n 's/^[[:space:]]*\(-[^[:space:]\\]*\).*/\1/p' jobs/spark-java17.properties)
if [[ ${#SPARK_JAVA17_OPTS[@]} -eq 0 ]]; then
  echo "sparkprop: no JVM flags in jobs/spark-java17.properties" >&2
  exit 1
fi

sparkprop_build() {
  echo "sparkprop: building $SPARKPROP_JAR (mvn -B -q -DskipTests package)" >&2
  mvn -B -q -Dstyle.color=never -Dspark.line="$SPARKPROP_LINE" -DskipTests package >&2
  touch "$SPARKPROP_BUILT"
}

# True when the jar or the copied dependencies are missing, or the sources changed since the
# launcher's last build.
sparkprop_needs_build() {
  [[ ! -f "$SPARKPROP_JAR" || ! -d "$SPARKPROP_LIB" || ! -f "$SPARKPROP_BUILT" ]] \
    || [[ -n "$(find src pom.xml -newer "$SPARKPROP_BUILT" -print -quit 2>/dev/null)" ]]
}

# The BLAS library netlib loads (libblas.so.3, links resolved), or nothing when there is none.
sparkprop_blas_library() {
  local blas
  blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 /usr/lib/aarch64-linux-gnu/libblas.so.3 2>/dev/null \
    | head -n 1 || true)
  [[ -n "$blas" && -e "$blas" ]] && echo "$blas"
  return 0
}

# The kernel OpenBLAS picked for this CPU (DYNAMIC_ARCH builds choose at load time), or "unknown".
sparkprop_openblas_core() {
  python3 -c "import ctypes; l = ctypes.CDLL('$1'); l.openblas_get_corename.restype = ctypes.c_char_p; \
print(l.openblas_get_corename().decode())" 2>/dev/null || echo unknown
}

# OpenBLAS 0.3.21 (Debian 12) does not know recent CPU models (e.g. Intel family 6 model 207) and
# falls back to its Prescott (SSE3) kernels, several times slower than its AVX2/AVX-512 ones. When
# that happened on a CPU with AVX-512 or AVX2, pick the matching kernel for this run (for
# sparkprop and MLlib alike, which share the library). An OPENBLAS_CORETYPE already set wins, and
# another BLAS (its path does not say openblas) is left alone.
sparkprop_fix_openblas_core() {
  local blas=$1 core
  [[ "$blas" == *openblas* ]] || return 0
  core=$(sparkprop_openblas_core "$blas")
  if [[ -z "${OPENBLAS_CORETYPE:-}" && "$core" =~ ^(Prescott|Core2|Nehalem|Katmai|Atom|unknown)$ ]]; then
    if grep -qw avx512f /proc/cpuinfo; then
      export OPENBLAS_CORETYPE=SkylakeX
    elif grep -qw avx2 /proc/cpuinfo; then
      export OPENBLAS_CORETYPE=Haswell
    fi
    [[ -n "${OPENBLAS_CORETYPE:-}" ]] && echo "sparkprop: OpenBLAS picked $core for this CPU; this run sets" \
      "OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE (set OPENBLAS_CORETYPE=$core to keep OpenBLAS's choice)" >&2
  fi
  return 0
}

# Local mode's JVM, without its classpath and main class, in SPARKPROP_JAVA: plain `java` with the
# Java 17 flags. One OpenBLAS thread per Spark task (local[*] already runs one task per core) and
# every Spark socket on loopback. sparkprop loads the OpenBLAS 0.3.31 bundled in its jars, which
# knows recent CPUs; only a run that asks for the system's library (JAVA_OPTS=-Dsparkprop.blas=system)
# gets Debian's OpenBLAS core fixed when it fell back.
sparkprop_local_mode() {
  export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  local blas
  blas=$(sparkprop_blas_library)
  [[ -n "$blas" && "${JAVA_OPTS:-}" == *-Dsparkprop.blas=system* ]] && sparkprop_fix_openblas_core "$blas"
  # shellcheck disable=SC2206  # JAVA_OPTS is a list of flags on purpose
  SPARKPROP_JAVA=(java ${JAVA_OPTS:-} "${SPARK_JAVA17_OPTS[@]}" -Xmx"${SPARKPROP_DRIVER_MEMORY:-8g}")
}

# `sparkprop COMMAND ARGS...` in place of this script (exec): through spark-submit or in local mode.
sparkprop_launch() {
  if [[ -n "${SPARK_HOME:-}" ]]; then
    [[ -f "$SPARKPROP_CLUSTER_JAR" ]] || sparkprop_build
    # shellcheck disable=SC2086  # SPARKPROP_SUBMIT_ARGS is a list of options on purpose
    exec "$SPARK_HOME/bin/spark-submit" --class dev.sparkprop.cli.Main \
      --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1 ${SPARKPROP_SUBMIT_ARGS:-} "$SPARKPROP_CLUSTER_JAR" "$@"
  fi
  if sparkprop_needs_build; then
    sparkprop_build
  fi
  sparkprop_local_mode
  exec "${SPARKPROP_JAVA[@]}" -cp "$SPARKPROP_JAR:$SPARKPROP_LIB/*" dev.sparkprop.cli.Main "$@"
}

# spark-shell with sparkprop on its classpath, in place of this script (exec). OPTIONS [-- REPL_OPTIONS].
sparkprop_shell() {
  local submit=() repl=()
  while [[ $# -gt 0 && "$1" != -- ]]; do
    submit+=("$1")
    shift
  done
  [[ $# -gt 0 ]] && shift   # the --
  repl=("$@")
  if [[ -n "${SPARK_HOME:-}" ]]; then
    [[ -f "$SPARKPROP_CLUSTER_JAR" ]] || sparkprop_build
    # spark-shell itself passes the options it does not know to the REPL.
    # shellcheck disable=SC2086  # SPARKPROP_SUBMIT_ARGS is a list of options on purpose
    exec "$SPARK_HOME/bin/spark-shell" --jars "$SPARKPROP_CLUSTER_JAR" ${SPARKPROP_SUBMIT_ARGS:-} \
      "${submit[@]}" "${repl[@]}"
  fi
  if [[ "$SPARKPROP_LINE" != 3.5 ]]; then
    echo "sparkprop: shell on Spark $SPARKPROP_LINE needs SPARK_HOME (a Spark $SPARKPROP_LINE installation):" \
      "Maven Central serves no spark-repl_$SPARKPROP_SCALA for it, so the build has no REPL of its own" >&2
    exit 2
  fi
  if sparkprop_needs_build; then
    sparkprop_build
  fi
  sparkprop_local_mode
  # SparkSubmit reads its options up to the first word it does not know, here "spark-shell" (the
  # resource name by which it knows a shell); what follows goes to the REPL.
  exec "${SPARKPROP_JAVA[@]}" -Dscala.usejavacp=true -cp "$SPARKPROP_JAR:$SPARKPROP_LIB/*" \
    org.apache.spark.deploy.SparkSubmit --class org.apache.spark.repl.Main --name "Spark shell" \
    "${submit[@]}" spark-shell "${repl[@]}"
}

# One line per fact about this machine, for the README's Performance section.
sparkprop_bench_machine() {
  local cpu cores mem blas pkg version
  cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)
  cores=$(nproc)
  mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  echo "machine: ${cpu:-unknown CPU} (family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')" \
    "model $(grep -m1 '^model[[:space:]]*:' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')), $cores cores, $mem RAM, $(uname -sr)"
  echo "java: $(java -version 2>&1 | head -n 1)"
  blas=$(sparkprop_blas_library)
  if [[ -n "$blas" ]]; then
    pkg=$(dpkg -S "$blas" 2>/dev/null | cut -d: -f1 || true)
    version=$(dpkg-query -W -f '${Version}' "$pkg" 2>/dev/null || true)
    echo "system blas: $blas (${pkg:-?} ${version:-?}), OpenBLAS core: $(sparkprop_openblas_core "$blas")" \
      "${OPENBLAS_CORETYPE:+(OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE)}"
  else
    echo "system blas: no libblas.so.3"
  fi
  echo "sparkprop blas: the bundled OpenBLAS (org.bytedeco:openblas) unless -Dsparkprop.blas says otherwise;" \
    "the BLAS options table compares them"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)  date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command: $SPARKPROP_CALLED_AS $*"
}

# The other Spark line's bench classpath (jar, test-classes, lib/*), built if needed: for
# `bench --spark-lines`, whose child JVM runs that line.
sparkprop_other_line_classpath() {
  local other=4
  [[ "$SPARKPROP_LINE" == 4 ]] && other=3.5
  (
    SPARKPROP_SPARK=$other SPARKPROP_DEFINITIONS_ONLY=1
    source jobs/sparkprop.sh
    if sparkprop_needs_build || [[ ! -f "$SPARKPROP_BENCH_CLASSES/dev/sparkprop/bench/Bench.class" ]]; then
      sparkprop_build
    fi
    echo "$PWD/$SPARKPROP_JAR:$PWD/$SPARKPROP_BENCH_CLASSES:$PWD/$SPARKPROP_LIB/*"
  )
}

# The benchmark in local mode, from target/test-classes; exits with its exit code.
sparkprop_bench() {
  if sparkprop_needs_build || [[ ! -f "$SPARKPROP_BENCH_CLASSES/dev/sparkprop/bench/Bench.class" ]]; then
    sparkprop_build
  fi
  local args=() arg
  for arg in "$@"; do   # --spark-lines: the other line's classpath follows, that line built first
    args+=("$arg")
    [[ "$arg" == --spark-lines ]] && args+=("$(sparkprop_other_line_classpath)")
  done
  sparkprop_local_mode
  sparkprop_bench_machine "$@"
  mkdir -p target
  local status=0
  "${SPARKPROP_JAVA[@]}" -cp "$SPARKPROP_JAR:$SPARKPROP_BENCH_CLASSES:$SPARKPROP_LIB/*" dev.sparkprop.bench.Bench "${args[@]}" \
    2> target/bench-stderr.log || status=$?
  if [[ $status -eq 2 ]]; then
    cat target/bench-stderr.log >&2   # a refused command line: the reason and the usage
  elif [[ $status -ne 0 ]]; then
    echo "bench: failed (exit $status); the end of target/bench-stderr.log:" >&2
    tail -n 30 target/bench-stderr.log >&2
  fi
  exit $status
}

# This file's usage: its header comment.
sparkprop_usage() {
  sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' jobs/sparkprop.sh
}

# sourced (or re-read for the other Spark line): the definitions only
[[ "${BASH_SOURCE[0]}" == "$0" && -z "${SPARKPROP_DEFINITIONS_ONLY:-}" ]] || return 0

command=$(basename "$0" .sh)   # jobs/train.sh -> train
SPARKPROP_CALLED_AS=$0
if [[ "$command" == sparkprop ]]; then
  command=${1:-}
  [[ $# -gt 0 ]] && shift
  SPARKPROP_CALLED_AS+=" $command"
fi
if [[ "$command" == -h || "$command" == --help ]]; then
  sparkprop_usage
  exit 0
fi
if [[ "$command" == -V || "$command" == --version ]]; then
  sparkprop_launch "$command"   # sparkprop's, Spark's and Java's versions, from Main
fi
if [[ ! " ${SPARKPROP_COMMANDS[*]} " == *" $command "* ]]; then
  echo "sparkprop: ${command:+unknown command '$command'; }usage: $0 COMMAND [ARGS...]," \
    "COMMAND one of: ${SPARKPROP_COMMANDS[*]}; '$0 --help' explains them" >&2
  exit 2
fi
if [[ "$command" == bench ]]; then
  sparkprop_bench "$@"
elif [[ "$command" == shell ]]; then
  sparkprop_shell "$@"
else
  sparkprop_launch "$command" "$@"
fi
