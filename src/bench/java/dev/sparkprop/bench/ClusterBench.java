package dev.sparkprop.bench;

import dev.sparkprop.cluster.ClusterSubmission;
import dev.sparkprop.cluster.LoopbackCluster;
import dev.sparkprop.spark.CachedExamples;
import dev.sparkprop.testing.ClassesJar;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;
import org.apache.spark.sql.SparkSession;

/**
 * What a step costs once the work leaves one JVM ({@code jobs/bench.sh --cluster}). On the
 * loopback standalone cluster of {@code jobs/cluster-up.sh} (a master and two workers of one core,
 * each executor a JVM of 1 GB, all on this machine's two cores, as in the integration tests) and
 * in {@code local[2]}, taking turns, it runs {@link StepBench}'s step row (minibatch steps of 256
 * on MNIST, split into the slowest task's compute and the rest; after half as many untimed steps,
 * so that fresh executors' JIT compilation is not what is timed) and its bare jobs (an empty job,
 * one returning a zero Δ, one reading a Θ broadcast), and breaks the step down further:
 *
 * <ul>
 *   <li>per task, from Spark's own task metrics: scheduler delay (launch, result delivery and
 *       waiting for a core), deserializing the task, running it, serializing its result;
 *   <li>per step, the CPU each kind of JVM burned (driver, executors, master and workers), which
 *       says whether the two cores were the limit.
 * </ul>
 *
 * <p>Then {@link SpillBench}: a training set twice the executors' storage memory on the same
 * cluster, against {@code local[2]} with every block in memory.
 */
final class ClusterBench {

    private static final String LOCAL = "local[2]";

    private ClusterBench() {
    }

    /** The cluster rows; returns their Markdown tables. {@code workDir} holds the cluster's files and the spill data. */
    static String run(BenchSize size, BenchData data, Path workDir, PrintStream progress)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        StringBuilder md = new StringBuilder();
        progress.printf("[%5.0f s] starting the loopback cluster (jobs/cluster-up.sh)%n", seconds(started));
        try (LoopbackCluster cluster = LoopbackCluster.start(workDir.resolve("cluster").toAbsolutePath())) {
            Path classes = ClassesJar.ofPackage(ClusterBench.class, workDir.resolve("bench-classes.jar").toAbsolutePath());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int round = 1; round <= 2; round++) {
                for (boolean onCluster : round == 1 ? List.of(false, true) : List.of(true, false)) {
                    progress.printf("[%5.0f s] step row, turn %d, %s%n", seconds(started), round,
                            onCluster ? cluster.masterUrl() : LOCAL);
                    rows.add(stepRow(size, data, onCluster ? cluster : null, classes));
                }
            }
            md.append(stepTable(size, rows));
            progress.printf("[%5.0f s] spill: a training set twice the executors' storage memory%n", seconds(started));
            md.append(SpillBench.run(cluster, data, size, workDir.resolve("spill").toAbsolutePath(), progress));
        }
        progress.printf("[%5.0f s] cluster rows done%n", seconds(started));
        return md.toString();
    }

    /** One turn: the step row, its task metrics and JVMs' CPU, and the bare jobs, on {@code cluster} or in local[2]. */
    private static Map<String, Object> stepRow(BenchSize size, BenchData data, LoopbackCluster cluster, Path classes)
            throws InterruptedException {
        SparkConf conf = Bench.FreshSessions.conf(cluster == null ? LOCAL : cluster.masterUrl());
        if (cluster != null) {
            conf.set("spark.jars", ClusterSubmission.CLUSTER_JAR.toAbsolutePath() + "," + classes)
                    .set("spark.executor.memory", "1g")
                    .set("spark.cores.max", "2")
                    .set("spark.locality.wait", "3s");
        }
        SparkSession spark = Bench.FreshSessions.open(conf);
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            CachedExamples blocks = data.trainingSet(sc, 2);
            TaskTimes tasks = new TaskTimes();
            sc.sc().addSparkListener(tasks);
            // Untimed: each turn on the cluster starts executor JVMs of its own, whose JIT compilers
            // would otherwise spend the timed steps compiling (a third of a step's cost over the
            // first 600 steps here), while the local turns run in this JVM, warm from the turns before.
            StepBench.overhead(sc, blocks, size.steps() / 2);
            List<ProcessHandle> executors = cluster == null ? List.of()
                    : cluster.executorsOfApplication(sc.sc().applicationId());
            List<ProcessHandle> daemons = cluster == null ? List.of() : cluster.daemons();
            long[] cpuBefore = {cpu(List.of(ProcessHandle.current())), cpu(executors), cpu(daemons)};
            long wallStart = System.nanoTime();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("where", cluster == null ? LOCAL : "cluster, 2 executors");
            row.putAll(StepBench.overhead(sc, blocks, size.steps()));
            double wall = (System.nanoTime() - wallStart) / 1e6;
            long[] cpuAfter = {cpu(List.of(ProcessHandle.current())), cpu(executors), cpu(daemons)};
            tasks.awaitQuiet();
            sc.sc().removeSparkListener(tasks);
            row.put("executor_jvms", executors.size());
            row.put("wall_ms_per_step", Stats.round(wall / size.steps(), 2));
            String[] jvms = {"driver", "executors", "daemons"};
            for (int i = 0; i < jvms.length; i++) {
                row.put("cpu_ms_per_step_" + jvms[i], Stats.round((cpuAfter[i] - cpuBefore[i]) / 1e6 / size.steps(), 2));
            }
            row.putAll(tasks.medians());
            row.putAll(StepBench.jobs(sc, blocks, size.jobReps()));
            blocks.release();
            return row;
        } finally {
            spark.stop();
        }
    }

    /** CPU time of {@code processes} so far, in nanoseconds. */
    private static long cpu(List<ProcessHandle> processes) {
        return processes.stream().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    private static String stepTable(BenchSize size, List<Map<String, Object>> rows) {
        StringBuilder md = new StringBuilder(String.format("%nStep row in local[2] and on the loopback cluster (batch %d,"
                + " %d steps after %d untimed ones, medians in ms; two executors of one core and 1 GB, a master and two workers, all on"
                + " this machine; the two take turns):%n%n", StepBench.BATCH, size.steps(), size.steps() / 2));
        md.append("| where | step | slowest compute | overhead | broadcast | update | empty job | zero-Δ job"
                + " | broadcast job | task: scheduler delay | task: deserialize | task: run | task: result"
                + " serialize | CPU per step: driver | executors | master+workers |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> row : rows) {
            md.append("| ").append(row.get("where"));
            for (String key : List.of("step_ms_median", "slowest_compute_ms_median", "overhead_ms_median",
                    "broadcast_ms_median", "update_ms_median", "empty_job_ms", "delta_job_ms", "broadcast_job_ms",
                    "task_scheduler_delay_ms", "task_deserialize_ms", "task_run_ms", "task_result_serialize_ms",
                    "cpu_ms_per_step_driver", "cpu_ms_per_step_executors", "cpu_ms_per_step_daemons")) {
                md.append(" | ").append(row.get(key));
            }
            md.append(" |\n");
        }
        md.append("\nCPU per step is each kind of JVM's CPU time over the steps divided by their number; the"
                + " machine has two cores, so two cores' worth is 2 x the step. In local[2] the driver runs the"
                + " tasks too.\n");
        return md.toString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /**
     * Spark's task metrics of every task that ends while it listens (on the driver): scheduler delay
     * as Spark's UI computes it (launch to finish, less the executor's deserialize, run and result
     * serialization, less fetching a large result), and those parts, in ms.
     */
    static final class TaskTimes extends SparkListener {
        private final List<long[]> tasks = new ArrayList<>();
        private volatile long lastEventNanos = System.nanoTime();

        @Override
        public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
            TaskInfo info = end.taskInfo();
            TaskMetrics metrics = end.taskMetrics();
            lastEventNanos = System.nanoTime();
            if (metrics == null) {
                return;
            }
            long total = info.finishTime() - info.launchTime();
            long gettingResult = info.gettingResultTime() > 0 ? info.finishTime() - info.gettingResultTime() : 0;
            long executor = metrics.executorDeserializeTime() + metrics.executorRunTime()
                    + metrics.resultSerializationTime();
            tasks.add(new long[] {Math.max(0, total - executor - gettingResult), metrics.executorDeserializeTime(),
                metrics.executorRunTime(), metrics.resultSerializationTime()});
        }

        /** Waits (at most 10 s) until no task has ended for half a second: the listener bus is asynchronous. */
        void awaitQuiet() throws InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() - lastEventNanos < 500_000_000L && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }

        synchronized Map<String, Object> medians() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("tasks", tasks.size());
            map.put("task_scheduler_delay_ms", median(t -> t[0]));
            map.put("task_deserialize_ms", median(t -> t[1]));
            map.put("task_run_ms", median(t -> t[2]));
            map.put("task_result_serialize_ms", median(t -> t[3]));
            return map;
        }

        private double median(ToLongFunction<long[]> part) {
            return Stats.median(tasks.stream().mapToDouble(t -> part.applyAsLong(t)).toArray());
        }
    }
}
