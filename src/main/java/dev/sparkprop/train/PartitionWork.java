package dev.sparkprop.train;

import dev.sparkprop.linalg.DoubleArrays;
import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.Dropout;
import dev.sparkprop.nn.Examples;
import dev.sparkprop.nn.FloatBackprop;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.NetworkSpec;
import java.util.function.Supplier;

/**
 * What one partition computes for a job, the same code in one JVM and on an executor: the raw
 * gradient sums of its slice of a minibatch, or the metric sums of all its examples. Scratch
 * space comes from the thread's {@link Workspaces}, so a step allocates no matrices.
 *
 * <p>The examples' storage picks the gradient kernel: float blocks ({@code precision = float})
 * run {@link FloatBackprop} at Θ rounded to float, into the same double sums; compressed sparse
 * blocks ({@code sparse}) run the double kernel for sparse input. Metrics always run the double
 * kernel, which reads float blocks widened.
 */
public final class PartitionWork {

    private static final ThreadLocal<double[]> OUTPUTS = ThreadLocal.withInitial(() -> new double[0]);

    private PartitionWork() {
    }

    /**
     * The sums of partition {@code partition}'s share of {@code batch}: positions
     * {@code batch.from(p)..batch.to(p)} of its epoch order (or all its examples in stored order),
     * with dropout at {@code dropoutRates} when {@code batch} is a training step. Records the
     * compute time in the sum for the step's timing split.
     *
     * @param seed the run's seed, from which the epoch orders and dropout masks derive
     * @param floatTheta Θ rounded to float, asked for only when {@code examples} are stored in float
     */
    public static GradientSum gradient(NetworkSpec spec, int blockSize, long seed, double[] dropoutRates,
                                       Minibatch batch, int partition, double[] theta, Supplier<float[]> floatTheta,
                                       Examples examples) {
        GradientSum partial = new GradientSum();
        int from = batch.from(partition);
        int to = batch.to(partition, examples.size());
        long start = System.nanoTime();
        if (to > from) {
            int[] order = batch.slices() == null ? null
                    : Workspaces.order(seed, batch.epoch(), partition, examples.size());
            Dropout dropout = !batch.training() || dropoutRates.length == 0 ? Dropout.NONE
                    : new Dropout(dropoutRates, Dropout.stepSeed(seed, batch.globalStep(), partition));
            if (examples.isFloat()) {
                Workspaces.floatBackprop(spec, blockSize)
                        .accumulateInto(floatTheta.get(), examples, order, from, to, dropout, partial);
            } else {
                Workspaces.backprop(spec, blockSize, examples.isSparse())
                        .accumulateInto(theta, examples, order, from, to, dropout, partial);
            }
        }
        partial.addComputeNanos(System.nanoTime() - start);
        return partial;
    }

    /** Θ rounded to float on the first call, the same array on later ones: one copy per step in one JVM. */
    public static Supplier<float[]> roundedOnce(double[] theta) {
        float[][] rounded = new float[1][];
        return () -> {
            if (rounded[0] == null) {
                rounded[0] = DoubleArrays.toFloat(theta);
            }
            return rounded[0];
        };
    }

    /** Adds every example of {@code examples}, forward only, {@code blockSize} at a time, into {@code into}; returns it. */
    public static MetricSum metrics(NetworkSpec spec, int blockSize, double[] theta, Examples examples,
                                    MetricSum into) {
        Backprop backprop = Workspaces.backprop(spec, blockSize, examples.isSparse());
        int k = spec.outputSize();
        double[] outputs = OUTPUTS.get();
        if (outputs.length < k * blockSize) {
            outputs = new double[k * blockSize];
            OUTPUTS.set(outputs);
        }
        double[] targets = new double[k * Math.min(blockSize, examples.size())];
        for (int start = 0; start < examples.size(); start += blockSize) {
            int m = Math.min(blockSize, examples.size() - start);
            double cost = backprop.predictInto(theta, examples, start, start + m, outputs, 0);
            for (int c = 0; c < m; c++) {
                examples.copyTargets(start + c, targets, c * k);
            }
            into.addExamples(spec, outputs, targets, 0, m, cost);
        }
        return into;
    }
}
