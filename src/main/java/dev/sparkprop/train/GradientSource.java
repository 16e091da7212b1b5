package dev.sparkprop.train;

import dev.sparkprop.nn.GradientSum;

/**
 * Where the {@link Trainer} gets the raw sums of a step: examples held in P partitions, one JVM
 * ({@link LocalGradient}) or a Spark cluster ({@code spark.SparkGradient}). The loop does not
 * know which.
 *
 * <p>Every source computes a partition's sums with {@link PartitionWork} and adds the partitions
 * in the fixed order of a {@link GradientTree}, so two sources over the same partitions return
 * the same bits, and a step never divides: the loop divides once, by the true m.
 */
public interface GradientSource {

    /** n_p of every partition p = 0..P-1: what a {@link MinibatchPlan} is made from. */
    long[] partitionSizes();

    /**
     * The raw sums of {@code batch} at θ: Δ of every example it takes, Σ J_1 over them, their
     * count and right answers. Reads {@code theta}; writes nothing of the caller's.
     */
    GradientSum sums(double[] theta, Minibatch batch);

    /** Judges θ on every example, without dropout: cost, accuracy or errors, confusion counts. */
    MetricSum evaluate(double[] theta);

    /** Where the steps' time went so far; the loop adds its update time here too. */
    StepTimings timings();

    /** n, the examples over all partitions. */
    default long count() {
        long n = 0;
        for (long size : partitionSizes()) {
            n += size;
        }
        return n;
    }
}
