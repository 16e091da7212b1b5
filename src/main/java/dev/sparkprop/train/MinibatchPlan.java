package dev.sparkprop.train;

import java.io.Serializable;

/**
 * Which examples of each partition every step of an epoch takes.
 *
 * <p>An epoch of n examples in batches of B has S = ⌈n / B⌉ steps; step s takes global positions
 * [sB, min((s+1)B, n)), so every step but the last takes exactly B examples and every example is
 * taken once per epoch. The global positions are spread over the partitions in proportion to
 * their sizes n_p: the k-th example (in that epoch's order) of partition p sits at "time"
 * (k + ½) / n_p, and the positions are the partitions' examples merged by that time. So a step
 * takes about B·n_p/n examples from partition p, and always exactly B in all.
 *
 * <p>Which examples those are is decided inside the partition by its shuffled order
 * ({@link ExampleOrder}): step s takes positions {@link #from}..{@link #to} of that order.
 * B = n gives batch gradient descent (one step per epoch), B = 1 stochastic gradient descent.
 */
public final class MinibatchPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int partitions;
    private final int steps;
    private final long examples;
    /** bounds[s * partitions + p] = how many of partition p's examples steps 0..s-1 took. */
    private final int[] bounds;

    /**
     * @param partitionSizes n_p for every partition
     * @param batchSize B, or 0 for the whole training set
     */
    public MinibatchPlan(long[] partitionSizes, int batchSize) {
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch size must be >= 0; got " + batchSize);
        }
        this.partitions = partitionSizes.length;
        long n = 0;
        for (long size : partitionSizes) {
            n += size;
        }
        if (n == 0) {
            throw new IllegalArgumentException("the training data has no examples");
        }
        this.examples = n;
        long batch = batchSize == 0 ? n : Math.min(batchSize, n);
        long stepCount = (n + batch - 1) / batch;
        if ((stepCount + 1) * partitions > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch size " + batchSize + " gives " + stepCount
                    + " steps per epoch over " + partitions + " partitions; use a larger batch");
        }
        this.steps = (int) stepCount;
        this.bounds = new int[(steps + 1) * partitions];
        fillBounds(partitionSizes, batch);
    }

    /** Merges the partitions by (k + ½) / n_p and records the per-partition counts at step boundaries. */
    private void fillBounds(long[] sizes, long batch) {
        int[] taken = new int[partitions];
        long position = 0;
        for (int s = 1; s <= steps; s++) {
            long end = Math.min(s * batch, examples);
            for (; position < end; position++) {
                taken[next(sizes, taken)]++;
            }
            System.arraycopy(taken, 0, bounds, s * partitions, partitions);
        }
    }

    /** The partition whose next example has the smallest (k + ½) / n_p; ties go to the lower p. */
    private int next(long[] sizes, int[] taken) {
        int best = -1;
        for (int p = 0; p < partitions; p++) {
            if (taken[p] >= sizes[p]) {
                continue;
            }
            // (2k_p + 1) / n_p < (2k_b + 1) / n_b, compared exactly in integers.
            if (best < 0 || (2L * taken[p] + 1) * sizes[best] < (2L * taken[best] + 1) * sizes[p]) {
                best = p;
            }
        }
        return best;
    }

    /** S, the steps in one epoch. */
    public int stepsPerEpoch() {
        return steps;
    }

    /** n, the examples in one epoch. */
    public long examples() {
        return examples;
    }

    /** The number of partitions planned for. */
    public int partitions() {
        return partitions;
    }

    /** The first position in partition p's epoch order that step s takes. */
    public int from(int step, int partition) {
        return bounds[step * partitions + partition];
    }

    /** One past the last position in partition p's epoch order that step s takes. */
    public int to(int step, int partition) {
        return bounds[(step + 1) * partitions + partition];
    }

    /** How many examples step s takes over all partitions. */
    public long stepSize(int step) {
        long total = 0;
        for (int p = 0; p < partitions; p++) {
            total += to(step, p) - from(step, p);
        }
        return total;
    }

    /** Step s's slice of every partition, {from_0, to_0, from_1, to_1, ...}: small enough to ship with a task. */
    public int[] slices(int step) {
        int[] slices = new int[2 * partitions];
        for (int p = 0; p < partitions; p++) {
            slices[2 * p] = from(step, p);
            slices[2 * p + 1] = to(step, p);
        }
        return slices;
    }
}
