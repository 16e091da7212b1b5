package dev.sparkprop.train;

import dev.sparkprop.data.DataReader;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.nn.ExampleBlock;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.NetworkSpec;
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
 *   <li>the driver forms D = Δ/m + (λ/m)Θ with the true m, lets the optimizer update Θ, and
 *       destroys the step's broadcast.</li>
 * </ol>
 *
 * Closures capture only the spec, the broadcast handle and a few numbers, never this object.
 */
public final class DistributedTrainer {

    private final JavaSparkContext sc;
    private final NetworkSpec spec;
    private final double lambda;
    private final int treeDepth;
    private final int blockSize;
    private final long seed;
    private final StepTimings timings = new StepTimings();

    /**
     * @param lambda λ, the L2 weight
     * @param treeDepth depth of treeAggregate
     * @param blockSize examples per GEMM block inside a task
     * @param seed the seed of the per-epoch shuffles
     */
    public DistributedTrainer(JavaSparkContext sc, NetworkSpec spec, double lambda, int treeDepth, int blockSize,
                              long seed) {
        this.sc = sc;
        this.spec = spec;
        this.lambda = lambda;
        this.treeDepth = treeDepth;
        this.blockSize = blockSize;
        this.seed = seed;
    }

    /** Where the time of the steps so far went. */
    public StepTimings timings() {
        return timings;
    }

    /**
     * Runs the steps of one epoch on {@code theta} in place. Returns the sums the steps saw on
     * the way (each at the Θ its step started from): the running cost and accuracy of the epoch.
     */
    public GradientSum runEpoch(TrainingSet data, MinibatchPlan plan, int epoch, Optimizer optimizer,
                                double[] theta) {
        GradientSum running = new GradientSum();
        for (int step = 0; step < plan.stepsPerEpoch(); step++) {
            runStep(data, plan, epoch, step, optimizer, theta, running);
        }
        return running;
    }

    /**
     * Runs step {@code step} of {@code epoch}: one Spark job, then the optimizer's update of
     * {@code theta} on the driver. Adds what the step saw into {@code running}. A cost that is
     * not finite stops training.
     */
    public void runStep(TrainingSet data, MinibatchPlan plan, int epoch, int step, Optimizer optimizer,
                        double[] theta, GradientSum running) {
        GradientSum sum = sums(data, plan.stepsPerEpoch() == 1 ? null : plan.slices(step), epoch, theta);
        CostGradient costGradient = CostGradient.of(spec, theta, sum, lambda);
        if (!Double.isFinite(costGradient.cost())) {
            throw new ArithmeticException("the cost became " + costGradient.cost() + " in epoch " + (epoch + 1)
                    + ", step " + (step + 1) + "; training stopped and no model was written."
                    + " Lower the learning rate or scale the features");
        }
        long start = System.nanoTime();
        optimizer.step(costGradient.gradient(), theta);
        timings.addUpdate(System.nanoTime() - start);
        running.addExamples(sum.cost(), sum.count());
        running.addCorrect(sum.correct());
        running.addComputeNanos(sum.computeNanos());
    }

    /** J and D at θ over step {@code step} of {@code epoch} (one Spark job). */
    public CostGradient stepGradient(TrainingSet data, MinibatchPlan plan, int epoch, int step, double[] theta) {
        GradientSum sum = sums(data, plan.stepsPerEpoch() == 1 ? null : plan.slices(step), epoch, theta);
        return CostGradient.of(spec, theta, sum, lambda);
    }

    /** J and D at θ over all of {@code data} (one Spark job): the batch gradient. */
    public CostGradient fullGradient(TrainingSet data, double[] theta) {
        return CostGradient.of(spec, theta, sums(data, null, 0, theta), lambda);
    }

    /**
     * The raw sums of one job: each partition p takes positions slices[2p]..slices[2p+1] of its
     * epoch order, or all its examples in stored order when {@code slices} is null.
     */
    private GradientSum sums(TrainingSet data, int[] slices, int epoch, double[] theta) {
        long start = System.nanoTime();
        Broadcast<double[]> thetaBroadcast = sc.broadcast(theta.clone());
        long broadcastDone = System.nanoTime();
        NetworkSpec spec = this.spec;
        int blockSize = this.blockSize;
        long seed = this.seed;
        try {
            GradientSum sum = DataReader.perform(() -> data.blocks().treeAggregate(new GradientTree(data.partitions()),
                    (tree, block) -> tree.addLeaf(TaskContext.getPartitionId(), accumulate(spec, blockSize, seed,
                            epoch, slices, thetaBroadcast.value(), block)),
                    GradientTree::addAll, treeDepth)).total();
            timings.addStep(broadcastDone - start, System.nanoTime() - broadcastDone);
            return sum;
        } finally {
            thetaBroadcast.destroy();
        }
    }

    /** The work of one partition in one step; runs on an executor. */
    private static GradientSum accumulate(NetworkSpec spec, int blockSize, long seed, int epoch, int[] slices,
                                          double[] theta, ExampleBlock block) {
        GradientSum partial = new GradientSum();
        int partition = TaskContext.getPartitionId();
        int from = slices == null ? 0 : slices[2 * partition];
        int to = slices == null ? block.size() : slices[2 * partition + 1];
        long start = System.nanoTime();
        if (to > from) {
            Backprop backprop = Workspaces.backprop(spec, blockSize);
            int[] order = slices == null ? null : Workspaces.order(seed, epoch, partition, block.size());
            backprop.accumulateInto(theta, block, order, from, to, partial);
        }
        partial.addComputeNanos(System.nanoTime() - start);
        return partial;
    }

    /** Judges θ on {@code data}: cost, accuracy or errors, confusion counts (one Spark job). */
    public MetricSum evaluate(TrainingSet data, double[] theta) {
        Broadcast<double[]> thetaBroadcast = sc.broadcast(theta.clone());
        NetworkSpec spec = this.spec;
        int blockSize = this.blockSize;
        try {
            return DataReader.perform(() -> data.blocks().treeAggregate(new MetricSum(),
                    (partial, block) -> Evaluation.addBlock(spec, blockSize, thetaBroadcast.value(), block, partial),
                    MetricSum::add, treeDepth));
        } finally {
            thetaBroadcast.destroy();
        }
    }

    /** The regularized mean cost J from an unregularized cost sum over {@code count} examples. */
    public double cost(double costSum, long count, double[] theta) {
        return costSum / count + lambda / (2.0 * count) * CostGradient.sumOfSquaredWeights(spec, theta);
    }
}
