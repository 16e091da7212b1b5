package dev.sparkprop.bench;

import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.nn.Objective;
import dev.sparkprop.optim.Optimizer;
import dev.sparkprop.optim.Optimizers;
import dev.sparkprop.spark.CachedExamples;
import dev.sparkprop.spark.SparkGradient;
import dev.sparkprop.train.Minibatch;
import dev.sparkprop.train.MinibatchPlan;
import dev.sparkprop.train.Precision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;

/**
 * What each {@code storage-level} costs a training step: the MNIST training blocks cached at
 * MEMORY_ONLY, MEMORY_AND_DISK (the default), MEMORY_ONLY_SER and DISK_ONLY, the bytes Spark holds
 * in memory and on disk for each, and the examples/s of minibatch steps at {@code conf/mnist-fast}'s
 * batch (1,024, Adam) over them. A step's task reads its partition's whole block, so a level that
 * stores bytes (the {@code _SER} levels, and disk) decodes the block on every step. All four are
 * cached at once and take turns, round after round, so a change in the machine's load falls on all
 * of them alike.
 */
public final class StorageBench {

    /** The levels compared, in the order they take turns. */
    public static final List<String> LEVELS = List.of("MEMORY_ONLY", "MEMORY_AND_DISK", "MEMORY_ONLY_SER", "DISK_ONLY");
    /** The minibatch of the steps: conf/mnist-fast's. */
    public static final int BATCH = 1024;

    private StorageBench() {
    }

    /**
     * Caches the training set once at every level (all held at once), then {@code rounds} rounds in
     * which every level in turn runs {@code steps} steps (after one untimed step). One map per
     * level: its bytes and the median round's examples/s.
     */
    public static List<Map<String, Object>> run(JavaSparkContext sc, BenchData data, int rounds, int steps) {
        Map<String, CachedExamples> cached = new LinkedHashMap<>();
        Map<String, double[]> rates = new LinkedHashMap<>();
        for (String level : LEVELS) {
            cached.put(level, data.trainingSet(sc, 2, Precision.DOUBLE, level));
            rates.put(level, new double[rounds]);
        }
        for (int round = 0; round < rounds; round++) {
            for (String level : LEVELS) {
                rates.get(level)[round] = examplesPerSecond(sc, cached.get(level), steps);
            }
        }
        Map<String, long[]> bytes = new LinkedHashMap<>();
        cached.forEach((level, blocks) -> bytes.put(level, cachedBytes(sc, blocks)));
        cached.values().forEach(CachedExamples::release);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String level : LEVELS) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("storage_level", level);
            row.put("memory_bytes", bytes.get(level)[0]);
            row.put("disk_bytes", bytes.get(level)[1]);
            row.put("examples_per_second", Math.round(Stats.median(rates.get(level))));
            row.put("rounds", rounds);
            row.put("steps", steps);
            rows.add(row);
        }
        return rows;
    }

    /** {memory, disk} bytes Spark holds for the blocks' RDD. */
    private static long[] cachedBytes(JavaSparkContext sc, CachedExamples blocks) {
        for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
            if (info.id() == blocks.rdd().id()) {
                return new long[] {info.memSize(), info.diskSize()};
            }
        }
        return new long[] {-1, -1};
    }

    /** Examples/s of {@code steps} Adam steps of {@link #BATCH} on {@code blocks}, after one untimed step. */
    private static double examplesPerSecond(JavaSparkContext sc, CachedExamples blocks, int steps) {
        NetworkSpec spec = NetworkSpec.parse("784-256:relu-128:relu-10:softmax");
        SparkGradient source = new SparkGradient(sc, blocks, spec, 2, 256, 1, new double[0]);
        MinibatchPlan plan = new MinibatchPlan(blocks.partitionSizes(), BATCH);
        Optimizer adam = Optimizers.create("adam", 0.001, 0.9, 0.9, 0.999, 1e-8);
        double[] theta = Initialization.parse("he").initialize(spec, 1);
        long start = 0;
        for (int i = 0; i <= steps; i++) {
            if (i == 1) {
                start = System.nanoTime();
            }
            CostGradient costGradient = Objective.UNREGULARIZED.costGradient(spec, theta, source.sums(theta,
                    Minibatch.step(plan, i / plan.stepsPerEpoch(), i % plan.stepsPerEpoch(), -1)));
            adam.step(costGradient.gradient(), theta);
        }
        return (double) steps * Math.min(BATCH, blocks.count()) / ((System.nanoTime() - start) / 1e9);
    }
}
