package dev.sparkprop.bench;

import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.nn.Objective;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.optim.Optimizer;
import dev.sparkprop.optim.Optimizers;
import dev.sparkprop.spark.CachedExamples;
import dev.sparkprop.spark.SharedTheta;
import dev.sparkprop.spark.SparkGradient;
import dev.sparkprop.train.Minibatch;
import dev.sparkprop.train.MinibatchPlan;
import dev.sparkprop.train.StepTimings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * What a minibatch step costs beyond its compute, and whether the heap grows as steps go by.
 *
 * <p>{@link #overhead} runs minibatch steps (batch 256, Adam) through {@link SparkGradient}
 * and splits each step's wall time with the trainer's own {@link StepTimings}: overhead = wall −
 * the slowest partition's compute. {@link #jobs} times bare Spark jobs over the same cached
 * blocks to put numbers on the parts of that overhead: an empty job (scheduling and task launch),
 * the same job returning a zero Δ per partition through treeAggregate (plus aggregation), and one
 * that reads a Θ broadcast (plus broadcast).
 */
public final class StepBench {

    /** The minibatch of the overhead run: the project's MNIST configs' batch. */
    public static final int BATCH = 256;

    private StepBench() {
    }

    /** {@code steps} minibatch steps on {@code data}; heap retained after step {@code steps/10} and at the end. */
    public static Map<String, Object> overhead(JavaSparkContext sc, CachedExamples data, int steps) {
        NetworkSpec spec = NetworkSpec.parse(PassBench.MLLIB_NETWORK);
        SparkGradient source = new SparkGradient(sc, data, spec, 2, 256, 1, new double[0]);
        MinibatchPlan plan = new MinibatchPlan(data.partitionSizes(), BATCH);
        Optimizer adam = Optimizers.create("adam", 0.001, 0.9, 0.9, 0.999, 1e-8);
        double[] theta = Initialization.parse("xavier").initialize(spec, 1);
        StepTimings timings = source.timings();
        double[] wall = new double[steps];
        double[] slowest = new double[steps];
        double[] broadcast = new double[steps];
        double[] job = new double[steps];
        double[] update = new double[steps];
        int warm = steps / 10;
        double heapWarm = 0;
        for (int i = 0; i < steps; i++) {
            if (i == warm) {
                heapWarm = HeapMeter.usedAfterGcMb();
            }
            double slowestBefore = timings.slowestComputeSeconds();
            double broadcastBefore = timings.broadcastSeconds();
            double jobBefore = timings.jobSeconds();
            long start = System.nanoTime();
            CostGradient costGradient = Objective.UNREGULARIZED.costGradient(spec, theta, source.sums(theta,
                    Minibatch.step(plan, i / plan.stepsPerEpoch(), i % plan.stepsPerEpoch(), -1)));
            long updateStart = System.nanoTime();
            adam.step(costGradient.gradient(), theta);
            long end = System.nanoTime();
            wall[i] = (end - start) / 1e9;
            update[i] = (end - updateStart) / 1e9;
            slowest[i] = timings.slowestComputeSeconds() - slowestBefore;
            broadcast[i] = timings.broadcastSeconds() - broadcastBefore;
            job[i] = timings.jobSeconds() - jobBefore;
        }
        double heapEnd = HeapMeter.usedAfterGcMb();
        double[] overhead = new double[steps];
        for (int i = 0; i < steps; i++) {
            overhead[i] = wall[i] - slowest[i];
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("master", sc.master());
        map.put("partitions", data.partitions());
        map.put("batch_size", BATCH);
        map.put("steps", steps);
        map.put("step_ms_median", ms(Stats.median(wall)));
        map.put("slowest_compute_ms_median", ms(Stats.median(slowest)));
        map.put("overhead_ms_median", ms(Stats.median(overhead)));
        map.put("overhead_ms_mean", ms(Stats.mean(overhead)));
        map.put("job_ms_median", ms(Stats.median(job)));
        map.put("broadcast_ms_median", ms(Stats.median(broadcast)));
        map.put("update_ms_median", ms(Stats.median(update)));
        map.put("heap_retained_mb_after_warmup", Stats.round(heapWarm, 1));
        map.put("heap_retained_mb_at_end", Stats.round(heapEnd, 1));
        map.put("heap_growth_mb", Stats.round(heapEnd - heapWarm, 1));
        map.put("heap_growth_steps", steps - warm);
        return map;
    }

    /** Medians over {@code reps} of each bare job (see the class doc), and the differences that isolate each part. */
    public static Map<String, Object> jobs(JavaSparkContext sc, CachedExamples data, int reps) {
        int parameters = NetworkSpec.parse(PassBench.MLLIB_NETWORK).parameterCount();
        double[] theta = new double[parameters];
        double[] empty = new double[reps];
        double[] delta = new double[reps];
        double[] broadcast = new double[reps];
        for (int r = 0; r < reps; r++) {
            long start = System.nanoTime();
            data.rdd().treeAggregate(0L, (count, block) -> count + block.size(), Long::sum, 2);
            long emptyDone = System.nanoTime();
            data.rdd().treeAggregate(new GradientSum(), (sum, block) -> {
                sum.accumulators(parameters);
                return sum;
            }, GradientSum::add, 2);
            long deltaDone = System.nanoTime();
            Broadcast<SharedTheta> shipped = sc.broadcast(new SharedTheta(theta));
            data.rdd().treeAggregate(0L, (count, block) -> count + shipped.value().values().length, Long::sum, 2);
            shipped.destroy();
            long broadcastDone = System.nanoTime();
            empty[r] = (emptyDone - start) / 1e9;
            delta[r] = (deltaDone - emptyDone) / 1e9;
            broadcast[r] = (broadcastDone - deltaDone) / 1e9;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("reps", reps);
        map.put("empty_job_ms", ms(Stats.median(empty)));
        map.put("delta_job_ms", ms(Stats.median(delta)));
        map.put("broadcast_job_ms", ms(Stats.median(broadcast)));
        map.put("aggregation_ms", ms(Stats.median(delta) - Stats.median(empty)));
        map.put("broadcast_ms", ms(Stats.median(broadcast) - Stats.median(empty)));
        return map;
    }

    private static double ms(double seconds) {
        return Stats.round(seconds * 1e3, 2);
    }
}
