package dev.sparkprop.train;

import dev.sparkprop.data.DataReader;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.nn.Dropout;
import dev.sparkprop.nn.ExampleBlock;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.nn.Objective;
import dev.sparkprop.optim.Optimizer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Data-parallel gradient descent on Spark. One step is one Spark job:
 *
 * <ol>
 *   <li>broadcast Θ;</li>
 *   <li>every partition runs forward and backward propagation on its slice of the minibatch
 *       ({@link MinibatchPlan}) and returns raw sums: Δ, Σ J_1 and its count;</li>
 *   <li>{@code treeAggregate} adds the sums up;</li>
 *   <li>the driver forms J and D with the true m ({@link Objective}), lets the optimizer update
 *       Θ, and destroys the step's broadcast.</li>
 * </ol>
 *
 * Closures capture only the spec, the broadcast handle and a few numbers, never this object.
 */
public final class DistributedTrainer {

    /**
     * Test hook for fault tolerance on a cluster: {@code --conf spark.sparkprop.test.failOnceAtStep=N}
     * makes the first attempt of partition 0's task in this trainer's N-th gradient job (1-based;
     * training step N of a fresh run) throw, so Spark must retry it ({@code spark.task.maxFailures}:
     * 4 on a cluster, {@code local[2,4]} in local mode). Unset or 0: nothing happens.
     */
    static final String FAIL_ONCE_AT_STEP = "spark.sparkprop.test.failOnceAtStep";

    private final JavaSparkContext sc;
    private final NetworkSpec spec;
    private final Objective objective;
    private final int treeDepth;
    private final int blockSize;
    private final long seed;
    private final double[] dropoutRates;
    private final StepTimings timings = new StepTimings();
    private final long failOnceAtStep;
    private long gradientJobs;

    /**
     * @param lambda λ, the L2 weight
     * @param treeDepth depth of treeAggregate
     * @param blockSize examples per GEMM block inside a task
     * @param seed the seed of the per-epoch shuffles
     */
    public DistributedTrainer(JavaSparkContext sc, NetworkSpec spec, double lambda, int treeDepth, int blockSize,
                              long seed) {
        this(sc, spec, Objective.l2(lambda), treeDepth, blockSize, seed, new double[0]);
    }

    /**
     * @param objective J and D: the L2 and L1 terms of every cost and gradient this trainer forms
     * @param dropoutRates drop probability per hidden layer (index 0 = layer 2), applied in
     *     training steps only
     */
    public DistributedTrainer(JavaSparkContext sc, NetworkSpec spec, Objective objective, int treeDepth,
                              int blockSize, long seed, double[] dropoutRates) {
        this.sc = sc;
        this.spec = spec;
        this.objective = objective;
        this.treeDepth = treeDepth;
        this.blockSize = blockSize;
        this.seed = seed;
        this.dropoutRates = dropoutRates.clone();
        this.failOnceAtStep = sc.getConf().getLong(FAIL_ONCE_AT_STEP, 0);
    }

    /** Where the time of the steps so far went. */
    public StepTimings timings() {
        return timings;
    }

    /**
     * Runs the steps of one epoch with a plain optimizer (no schedule, no dropout) on
     * {@code theta} in place; returns the sums the steps saw on the way.
     */
    public GradientSum runEpoch(TrainingSet data, MinibatchPlan plan, int epoch, Optimizer optimizer,
                                double[] theta) {
        GradientSum running = new GradientSum();
        for (int step = 0; step < plan.stepsPerEpoch(); step++) {
            CostGradient costGradient = checkedStep(data, plan, epoch, step, -1, theta, running);
            long start = System.nanoTime();
            optimizer.step(costGradient.gradient(), theta);
            timings.addUpdate(System.nanoTime() - start);
        }
        return running;
    }

    /**
     * Runs step {@code step} of {@code epoch} (global step {@code globalStep}, which seeds the
     * dropout masks and picks α from the schedule): one Spark job, then {@code rule}'s update of
     * {@code theta} on the driver. Adds what the step saw into {@code running}.
     */
    void runStep(TrainingSet data, MinibatchPlan plan, int epoch, int step, long globalStep, UpdateRule rule,
                 double[] theta, GradientSum running) {
        CostGradient costGradient = checkedStep(data, plan, epoch, step, globalStep, theta, running);
        long start = System.nanoTime();
        rule.apply(costGradient, globalStep, theta);
        timings.addUpdate(System.nanoTime() - start);
    }

    /** One step's job and its gradient; stops training on a cost that is not finite. */
    private CostGradient checkedStep(TrainingSet data, MinibatchPlan plan, int epoch, int step, long globalStep,
                                     double[] theta, GradientSum running) {
        GradientSum sum = sums(data, plan.stepsPerEpoch() == 1 ? null : plan.slices(step), epoch, globalStep, theta);
        CostGradient costGradient = objective.costGradient(spec, theta, sum);
        if (!Double.isFinite(costGradient.cost())) {
            throw new ArithmeticException("the cost became " + costGradient.cost() + " in epoch " + (epoch + 1)
                    + ", step " + (step + 1) + "; training stopped and no model was written."
                    + " Lower the learning rate or scale the features");
        }
        running.addExamples(sum.cost(), sum.count());
        running.addCorrect(sum.correct());
        return costGradient;
    }

    /** J and D at θ over step {@code step} of {@code epoch} (one Spark job). */
    public CostGradient stepGradient(TrainingSet data, MinibatchPlan plan, int epoch, int step, double[] theta) {
        GradientSum sum = sums(data, plan.stepsPerEpoch() == 1 ? null : plan.slices(step), epoch, -1, theta);
        return objective.costGradient(spec, theta, sum);
    }

    /** J and D at θ over all of {@code data} (one Spark job): the batch gradient. */
    public CostGradient fullGradient(TrainingSet data, double[] theta) {
        return objective.costGradient(spec, theta, sums(data, null, 0, -1, theta));
    }

    /**
     * The raw sums of one job: each partition p takes positions slices[2p]..slices[2p+1] of its
     * epoch order, or all its examples in stored order when {@code slices} is null. Dropout
     * applies when {@code globalStep} ≥ 0 (a training step) and a rate is set.
     */
    private GradientSum sums(TrainingSet data, int[] slices, int epoch, long globalStep, double[] theta) {
        long start = System.nanoTime();
        Broadcast<SharedTheta> thetaBroadcast = sc.broadcast(new SharedTheta(theta));
        long broadcastDone = System.nanoTime();
        NetworkSpec spec = this.spec;
        int blockSize = this.blockSize;
        long seed = this.seed;
        double[] rates = globalStep >= 0 ? dropoutRates : new double[0];
        boolean injectFailure = ++gradientJobs == failOnceAtStep;
        try {
            GradientSum sum = DataReader.perform(() -> data.blocks().treeAggregate(new GradientTree(data.partitions()),
                    (tree, block) -> {
                        failFirstAttemptOfPartition0(injectFailure);
                        return tree.addLeaf(TaskContext.getPartitionId(), accumulate(spec, blockSize, seed, epoch,
                                globalStep, rates, slices, thetaBroadcast.value().values(), block));
                    },
                    GradientTree::addAll, treeDepth)).total();
            timings.addStep(broadcastDone - start, System.nanoTime() - broadcastDone);
            timings.addCompute(sum.computeNanos(), sum.slowestComputeNanos());
            return sum;
        } finally {
            thetaBroadcast.destroy();
        }
    }

    /** The {@link #FAIL_ONCE_AT_STEP} hook; runs on an executor. */
    private static void failFirstAttemptOfPartition0(boolean injectFailure) {
        if (injectFailure && TaskContext.getPartitionId() == 0 && TaskContext.get().attemptNumber() == 0) {
            throw new IllegalStateException("injected task failure (" + FAIL_ONCE_AT_STEP + "); Spark retries it");
        }
    }

    /** The work of one partition in one step; runs on an executor. */
    private static GradientSum accumulate(NetworkSpec spec, int blockSize, long seed, int epoch, long globalStep,
                                          double[] dropoutRates, int[] slices, double[] theta, ExampleBlock block) {
        GradientSum partial = new GradientSum();
        int partition = TaskContext.getPartitionId();
        int from = slices == null ? 0 : slices[2 * partition];
        int to = slices == null ? block.size() : slices[2 * partition + 1];
        long start = System.nanoTime();
        if (to > from) {
            Backprop backprop = Workspaces.backprop(spec, blockSize);
            int[] order = slices == null ? null : Workspaces.order(seed, epoch, partition, block.size());
            Dropout dropout = dropoutRates.length == 0 ? Dropout.NONE
                    : new Dropout(dropoutRates, Dropout.stepSeed(seed, globalStep, partition));
            backprop.accumulateInto(theta, block, order, from, to, dropout, partial);
        }
        partial.addComputeNanos(System.nanoTime() - start);
        return partial;
    }

    /** Judges θ on {@code data}: cost, accuracy or errors, confusion counts (one Spark job). */
    public MetricSum evaluate(TrainingSet data, double[] theta) {
        Broadcast<SharedTheta> thetaBroadcast = sc.broadcast(new SharedTheta(theta));
        NetworkSpec spec = this.spec;
        int blockSize = this.blockSize;
        try {
            return DataReader.perform(() -> data.blocks().treeAggregate(new MetricSum(),
                    (partial, block) -> Evaluation.addBlock(spec, blockSize, thetaBroadcast.value().values(), block, partial),
                    MetricSum::add, treeDepth));
        } finally {
            thetaBroadcast.destroy();
        }
    }

    /** The regularized mean cost J (L2 and L1 terms) from an unregularized cost sum over {@code count} examples. */
    public double cost(double costSum, long count, double[] theta) {
        return objective.cost(spec, theta, costSum, count);
    }
}
