package dev.sparkprop.bench;

import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.nn.Objective;
import dev.sparkprop.nn.Initialization;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.optim.Optimizer;
import dev.sparkprop.optim.Optimizers;
import dev.sparkprop.spark.CachedExamples;
import dev.sparkprop.spark.SparkGradient;
import dev.sparkprop.train.Minibatch;
import dev.sparkprop.train.StepTimings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDInfo;

/**
 * Full-batch passes of sparkprop's distributed trainer: the per-pass rate compared with MLlib's
 * (same network, data, BLAS and partitions) and between local[1] and local[2]. One pass is one
 * step of batch gradient descent: broadcast Θ, every partition's forward and backward pass over
 * all its examples, treeAggregate, the driver's update, all timed on the driver.
 */
public final class PassBench {

    /** MLlib's only network: sigmoid hidden layers, softmax output. */
    public static final String MLLIB_NETWORK = "784-256:sigmoid-128:sigmoid-10:softmax";

    /**
     * The passes of one session.
     *
     * @param master the Spark master they ran on
     * @param partitions partitions (tasks) per pass
     * @param examples examples per pass
     * @param passSeconds wall seconds of each pass, in order (the first includes warm-up)
     * @param slowestComputeSeconds the slowest partition's compute in each pass
     */
    public record Passes(String master, int partitions, long examples, double[] passSeconds,
                         double[] slowestComputeSeconds) {

        /** Examples/s of the median pass: the steady rate. */
        public double examplesPerSecond() {
            return examples / Stats.median(passSeconds);
        }

        /** Examples/s over all passes, the first one included. */
        public double examplesPerSecondAllPasses() {
            return examples / Stats.mean(passSeconds);
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("master", master);
            map.put("partitions", partitions);
            map.put("examples", examples);
            map.put("passes", passSeconds.length);
            map.put("pass_seconds_median", Stats.round(Stats.median(passSeconds), 4));
            map.put("slowest_compute_seconds_median", Stats.round(Stats.median(slowestComputeSeconds), 4));
            map.put("examples_per_second", Math.round(examplesPerSecond()));
            map.put("examples_per_second_all_passes", Math.round(examplesPerSecondAllPasses()));
            return map;
        }
    }

    private PassBench() {
    }

    /** {@code passes} full-batch gradient-descent steps on {@code data} (block size 256, α 0.5). */
    public static Passes run(JavaSparkContext sc, CachedExamples data, int passes) {
        return runInTurns(sc, List.of(data), passes).get(0);
    }

    /**
     * {@code passes} full-batch gradient-descent steps on each of {@code sets} (block size 256, α
     * 0.5), one pass of each in turn, so that the machine's drift and the collector's work fall on
     * all of them alike; each from the same Θ, each its own descent.
     */
    public static List<Passes> runInTurns(JavaSparkContext sc, List<CachedExamples> sets, int passes) {
        NetworkSpec spec = NetworkSpec.parse(MLLIB_NETWORK);
        int n = sets.size();
        SparkGradient[] sources = new SparkGradient[n];
        double[][] thetas = new double[n][];
        Optimizer[] descents = new Optimizer[n];
        for (int s = 0; s < n; s++) {
            sources[s] = new SparkGradient(sc, sets.get(s), spec, 2, 256, 1, new double[0]);
            descents[s] = Optimizers.create("sgd", 0.5, 0.9, 0.9, 0.999, 1e-8);
            thetas[s] = Initialization.parse("xavier").initialize(spec, 1);
        }
        double[][] seconds = new double[n][passes];
        double[][] slowest = new double[n][passes];
        for (int pass = 0; pass < passes; pass++) {
            for (int s = 0; s < n; s++) {
                StepTimings timings = sources[s].timings();
                double slowestBefore = timings.slowestComputeSeconds();
                long start = System.nanoTime();
                CostGradient costGradient = Objective.UNREGULARIZED.costGradient(spec, thetas[s],
                        sources[s].sums(thetas[s], Minibatch.all()));
                descents[s].step(costGradient.gradient(), thetas[s]);
                seconds[s][pass] = (System.nanoTime() - start) / 1e9;
                slowest[s][pass] = timings.slowestComputeSeconds() - slowestBefore;
            }
        }
        List<Passes> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            out.add(new Passes(sc.master(), sets.get(s).partitions(), sets.get(s).count(), seconds[s], slowest[s]));
        }
        return out;
    }

    /**
     * Bytes Spark holds for the cached training blocks, against their dense size: n examples of
     * 784 features and 10 targets as doubles.
     */
    public static Map<String, Object> cachedSize(JavaSparkContext sc, CachedExamples data) {
        long cached = -1;
        for (RDDInfo info : sc.sc().getRDDStorageInfo()) {
            if (info.id() == data.rdd().id()) {
                cached = info.memSize() + info.diskSize();
            }
        }
        long dense = data.count() * (BenchData.FEATURES + BenchData.CLASSES) * 8L;
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("cached_bytes", cached);
        map.put("dense_bytes", dense);
        map.put("ratio", cached < 0 ? null : Stats.round((double) cached / dense, 4));
        return map;
    }
}
