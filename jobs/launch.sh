# Sourced by jobs/*.sh once they have cd'ed to the project root. `sparkprop_launch COMMAND ARGS...`
# runs `sparkprop COMMAND ARGS...` in place of the calling script (exec), two ways:
#
#   SPARK_HOME set   "$SPARK_HOME/bin/spark-submit" with the cluster jar, target/sparkprop-cluster.jar
#                    (spark-submit adds the Java 17 flags and takes the master from --master,
#                    spark-defaults.conf or its own default). Builds the jar if missing, never
#                    otherwise: a submitting host may have the jar but no Maven. Extra spark-submit
#                    options come from SPARKPROP_SUBMIT_ARGS, e.g.
#                    "--master spark://host:7077 --executor-memory 4g". jobs/cluster-up.sh makes a
#                    SPARK_HOME for its loopback cluster.
#   otherwise        local mode with plain `java` and the Maven jars, Spark included (target/lib);
#                    needs only Java 17 and Maven. Rebuilds when target/sparkprop.jar or target/lib
#                    is missing or anything under src/ or pom.xml is newer than the jar.
#                    SPARKPROP_DRIVER_MEMORY sets -Xmx (default 8g); JAVA_OPTS adds JVM flags.
#
# Maven's output goes to stderr, so stdout carries only the command's own output.

source jobs/jvm-opts.sh

SPARKPROP_JAR=target/sparkprop.jar
SPARKPROP_CLUSTER_JAR=target/sparkprop-cluster.jar

sparkprop_build() {
  echo "sparkprop: building $SPARKPROP_JAR (mvn -B -q -DskipTests package)" >&2
  mvn -B -q -Dstyle.color=never -DskipTests package >&2
}

# True when the jar or the copied dependencies are missing, or the sources changed since the build.
sparkprop_needs_build() {
  [[ ! -f "$SPARKPROP_JAR" || ! -d target/lib ]] \
    || [[ -n "$(find src pom.xml -newer "$SPARKPROP_JAR" -print -quit 2>/dev/null)" ]]
}

# The kernel OpenBLAS picked for this CPU (DYNAMIC_ARCH builds choose at load time), or "unknown".
sparkprop_openblas_core() {
  python3 -c "import ctypes; l = ctypes.CDLL('$1'); l.openblas_get_corename.restype = ctypes.c_char_p; \
print(l.openblas_get_corename().decode())" 2>/dev/null || echo unknown
}

# OpenBLAS 0.3.21 (Debian 12) does not know recent CPU models (e.g. Intel family 6 model 207) and
# falls back to its Prescott (SSE3) kernels, several times slower than its AVX2/AVX-512 ones. When
# that happened on a CPU with AVX-512 or AVX2, pick the matching kernel for this run (for
# sparkprop and MLlib alike, which share the library). An OPENBLAS_CORETYPE already set wins.
sparkprop_fix_openblas_core() {
  local blas=$1 core
  core=$(sparkprop_openblas_core "$blas")
  if [[ -z "${OPENBLAS_CORETYPE:-}" && "$core" =~ ^(Prescott|Core2|Nehalem|Katmai|Atom|unknown)$ ]]; then
    if grep -qw avx512f /proc/cpuinfo; then
      export OPENBLAS_CORETYPE=SkylakeX
    elif grep -qw avx2 /proc/cpuinfo; then
      export OPENBLAS_CORETYPE=Haswell
    fi
    [[ -n "${OPENBLAS_CORETYPE:-}" ]] && echo "sparkprop: OpenBLAS picked $core for this CPU; this run sets" \
      "OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE (set OPENBLAS_CORETYPE=$core to keep OpenBLAS's choice)"
  fi
  return 0
}

sparkprop_launch() {
  if [[ -n "${SPARK_HOME:-}" ]]; then
    [[ -f "$SPARKPROP_CLUSTER_JAR" ]] || sparkprop_build
    # shellcheck disable=SC2086  # SPARKPROP_SUBMIT_ARGS is a list of options on purpose
    exec "$SPARK_HOME/bin/spark-submit" --class dev.sparkprop.cli.Main \
      --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1 ${SPARKPROP_SUBMIT_ARGS:-} \
      "$SPARKPROP_CLUSTER_JAR" "$@"
  fi
  if sparkprop_needs_build; then
    sparkprop_build
  fi
  # One OpenBLAS thread per Spark task (local[*] already runs one task per core), and every
  # Spark socket on loopback.
  export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
  local openblas=/usr/lib/x86_64-linux-gnu/libopenblas.so.0
  [[ -e "$openblas" ]] && sparkprop_fix_openblas_core "$openblas" >&2
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of flags on purpose
  exec java ${JAVA_OPTS:-} "${SPARK_JAVA17_OPTS[@]}" -Xmx"${SPARKPROP_DRIVER_MEMORY:-8g}" \
    -cp "$SPARKPROP_JAR:target/lib/*" dev.sparkprop.cli.Main "$@"
}
