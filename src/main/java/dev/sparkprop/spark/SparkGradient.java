package dev.sparkprop.spark;

import dev.sparkprop.data.DataReader;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.train.ConfigKeys;
import dev.sparkprop.train.GradientSource;
import dev.sparkprop.train.GradientTree;
import dev.sparkprop.train.MetricSum;
import dev.sparkprop.train.Minibatch;
import dev.sparkprop.train.PartitionWork;
import dev.sparkprop.train.StepTimings;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Gradient sums on Spark. One call is one Spark job:
 *
 * <ol>
 *   <li>broadcast Θ ({@link ThetaShipment}: in local mode its pieces carry a number instead of
 *       Θ's bytes);</li>
 *   <li>every partition runs forward and backward propagation on its share of the minibatch
 *       ({@link PartitionWork}) and returns raw sums: Δ, Σ J_1 and its count;</li>
 *   <li>{@code treeAggregate} adds them in the fixed order of a {@link GradientTree};</li>
 *   <li>the broadcast is destroyed; the caller (the training loop, on the driver) divides once
 *       by the true m and updates Θ.</li>
 * </ol>
 *
 * Closures capture only the spec, the broadcast's handle and a few numbers, never this object.
 */
public final class SparkGradient implements GradientSource {

    /**
     * Test hook for fault tolerance on a cluster: {@code --conf spark.sparkprop.test.failOnceAtStep=N}
     * makes the first attempt of partition 0's task in this source's N-th gradient job (1-based;
     * training step N of a fresh run) throw, so Spark must retry it ({@code spark.task.maxFailures}:
     * 4 on a cluster, {@code local[2,4]} in local mode). Unset or 0: nothing happens.
     */
    static final String FAIL_ONCE_AT_STEP = "spark.sparkprop.test.failOnceAtStep";

    private final JavaSparkContext sc;
    private final CachedExamples data;
    private final NetworkSpec spec;
    private final int treeDepth;
    private final int blockSize;
    private final long seed;
    private final double[] dropoutRates;
    private final StepTimings timings = new StepTimings();
    private final long failOnceAtStep;
    /** {@link ThetaShipment#tasksShareThisJvm}: local mode's broadcasts carry a number, not Θ. */
    private final boolean tasksShareThisJvm;
    private long gradientJobs;

    /**
     * @param data the cached examples, one block per partition
     * @param treeDepth depth of {@code treeAggregate}
     * @param blockSize examples per GEMM block inside a task
     * @param seed the run's seed (epoch orders, dropout masks)
     * @param dropoutRates drop probability per hidden layer (index 0 = layer 2), in training steps only
     */
    public SparkGradient(JavaSparkContext sc, CachedExamples data, NetworkSpec spec, int treeDepth, int blockSize,
                         long seed, double[] dropoutRates) {
        this.sc = sc;
        this.data = data;
        this.spec = spec;
        this.treeDepth = treeDepth;
        this.blockSize = blockSize;
        this.seed = seed;
        this.dropoutRates = dropoutRates.clone();
        this.failOnceAtStep = sc.getConf().getLong(FAIL_ONCE_AT_STEP, 0);
        this.tasksShareThisJvm = ThetaShipment.tasksShareThisJvm(sc);
    }

    /**
     * A source for judging θ only: no dropout, and the key table's default tree depth and block
     * size (they change the speed of a pass, never its sums' meaning).
     */
    public static SparkGradient forEvaluation(JavaSparkContext sc, CachedExamples data, NetworkSpec spec) {
        return new SparkGradient(sc, data, spec, ConfigKeys.TREE_DEPTH.defaultValue(),
                ConfigKeys.BLOCK_SIZE.defaultValue(), 0, new double[0]);
    }

    @Override
    public long[] partitionSizes() {
        return data.partitionSizes();
    }

    @Override
    public long count() {
        return data.count();
    }

    @Override
    public StepTimings timings() {
        return timings;
    }

    @Override
    public GradientSum sums(double[] theta, Minibatch batch) {
        long start = System.nanoTime();
        ThetaShipment shipped = ThetaShipment.of(sc, theta, tasksShareThisJvm);
        long broadcastDone = System.nanoTime();
        NetworkSpec spec = this.spec;
        int blockSize = this.blockSize;
        long seed = this.seed;
        double[] rates = dropoutRates;
        boolean injectFailure = ++gradientJobs == failOnceAtStep;
        try {
            GradientSum sum = DataReader.perform(() -> data.rdd().treeAggregate(new GradientTree(data.partitions()),
                    (tree, examples) -> {
                        failFirstAttemptOfPartition0(injectFailure);
                        int partition = TaskContext.getPartitionId();
                        return tree.addLeaf(partition, PartitionWork.gradient(spec, blockSize, seed, rates, batch,
                                partition, shipped.value().values(), shipped.value()::floatValues,
                                examples));
                    },
                    GradientTree::addAll, treeDepth)).total();
            timings.addStep(broadcastDone - start, System.nanoTime() - broadcastDone);
            timings.addCompute(sum.computeNanos(), sum.slowestComputeNanos());
            return sum;
        } finally {
            shipped.release();
        }
    }

    /** The {@link #FAIL_ONCE_AT_STEP} hook; runs on an executor. */
    private static void failFirstAttemptOfPartition0(boolean injectFailure) {
        if (injectFailure && TaskContext.getPartitionId() == 0 && TaskContext.get().attemptNumber() == 0) {
            throw new IllegalStateException("injected task failure (" + FAIL_ONCE_AT_STEP + "); Spark retries it");
        }
    }

    @Override
    public MetricSum evaluate(double[] theta) {
        ThetaShipment shipped = ThetaShipment.of(sc, theta, tasksShareThisJvm);
        NetworkSpec spec = this.spec;
        int blockSize = this.blockSize;
        try {
            return DataReader.perform(() -> data.rdd().treeAggregate(new MetricSum(),
                    (partial, examples) -> PartitionWork.metrics(spec, blockSize, shipped.value().values(),
                            examples, partial),
                    MetricSum::add, treeDepth));
        } finally {
            shipped.release();
        }
    }
}
