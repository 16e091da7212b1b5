# Sourced by the jobs/*.sh launchers and the loopback cluster's spark-submit. SPARK_JAVA17_OPTS:
# the JVM flags Spark 3.5 needs on Java 17, read from jobs/spark-java17.properties (the one list,
# which the pom reads for the tests too). Local mode starts Spark with plain `java`, so it passes
# them itself; spark-submit adds the same set on its own.
mapfile -t SPARK_JAVA17_OPTS < <(sed -n 's/^[[:space:]]*\(-[^[:space:]\\]*\).*/\1/p' \
  "$(dirname "${BASH_SOURCE[0]}")/spark-java17.properties")
