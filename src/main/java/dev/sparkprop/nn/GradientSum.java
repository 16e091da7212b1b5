package dev.sparkprop.nn;

import dev.sparkprop.linalg.DoubleArrays;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamField;
import java.io.Serializable;

/**
 * Raw sums over some examples, before anything is divided by m: the accumulators Δ^(l) of the
 * notes (in θ's layout), the summed unregularized cost Σ_i J_1(x^(i), y^(i)) and the count of
 * examples. This is what a Spark partition returns and what {@code treeAggregate} adds up;
 * {@link Objective#costGradient} divides once, by the true total m.
 *
 * <p>For a network with batch-normalized layers it also holds the statistics of the examples'
 * weighted inputs, Σz and Σz² per normalized unit ({@link NetworkSpec#statisticsOffset}), summed
 * like Δ, from which the driver moves the running mean and variance ({@link BatchNorm}).
 *
 * <p>Δ is allocated on first use, so an empty sum (the zero value shipped with every Spark task)
 * costs a few bytes, not a parameter vector. Δ and the statistics travel as bulk bytes
 * ({@link DoubleArrays}).
 */
public final class GradientSum implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * What Java serialization writes by itself: every field but Δ and the statistics, which
     * {@link #writeObject} adds as bulk bytes. (Not {@code transient}: Kryo, if a job configures
     * it, writes them itself.)
     */
    private static final ObjectStreamField[] serialPersistentFields = {
        new ObjectStreamField("cost", double.class), new ObjectStreamField("count", long.class),
        new ObjectStreamField("computeNanos", long.class), new ObjectStreamField("slowestComputeNanos", long.class),
        new ObjectStreamField("correct", long.class)};

    private double[] accumulators;
    private double[] statistics;
    private double cost;
    private long count;
    private long computeNanos;
    private long slowestComputeNanos;
    private long correct;

    /** An empty sum: no examples, cost 0, Δ not yet allocated. */
    public GradientSum() {
    }

    /** The accumulators Δ (every Δ^(l), in θ's layout), allocated with {@code parameterCount} zeros on first use. */
    public double[] accumulators(int parameterCount) {
        if (accumulators == null) {
            accumulators = new double[parameterCount];
        } else if (accumulators.length != parameterCount) {
            throw new IllegalArgumentException("this sum has " + accumulators.length + " parameters, not "
                    + parameterCount);
        }
        return accumulators;
    }

    /** The accumulators Δ as summed so far, or null when no example has been added. */
    public double[] accumulators() {
        return accumulators;
    }

    /**
     * Σz and Σz² of every batch-normalized unit ({@link NetworkSpec#statisticsOffset}), allocated
     * with {@code count} zeros on first use.
     */
    public double[] statistics(int count) {
        if (statistics == null) {
            statistics = new double[count];
        } else if (statistics.length != count) {
            throw new IllegalArgumentException("this sum has " + statistics.length + " statistics, not " + count);
        }
        return statistics;
    }

    /** The batch-normalization statistics as summed so far, or null when none were added. */
    public double[] statistics() {
        return statistics;
    }

    /** Σ_i J_1, unregularized. */
    public double cost() {
        return cost;
    }

    /** The number of examples added. */
    public long count() {
        return count;
    }

    /** Adds the cost and count of examples whose Δ was already accumulated into {@link #accumulators(int)}. */
    public void addExamples(double costSum, long examples) {
        cost += costSum;
        count += examples;
    }

    /** Adds examples whose prediction matched their class (classification only). */
    public void addCorrect(long examples) {
        correct += examples;
    }

    /** Examples classified right by the Θ the sums were computed at (0 for regression). */
    public long correct() {
        return correct;
    }

    /**
     * Adds time one task spent computing these sums (for the per-step timing split): summed, and
     * kept as the slowest task's if it is.
     */
    public void addComputeNanos(long nanos) {
        computeNanos += nanos;
        slowestComputeNanos = Math.max(slowestComputeNanos, nanos);
    }

    /** The longest time any one task spent computing these sums: a step waits for its slowest partition. */
    public long slowestComputeNanos() {
        return slowestComputeNanos;
    }

    /** Nanoseconds spent computing these sums, over every partition. */
    public long computeNanos() {
        return computeNanos;
    }

    /** Adds {@code other} into this sum and returns this; {@code other} is not changed. */
    public GradientSum add(GradientSum other) {
        if (other.accumulators != null) {
            double[] mine = accumulators(other.accumulators.length);
            double[] theirs = other.accumulators;
            for (int p = 0; p < mine.length; p++) {
                mine[p] += theirs[p];
            }
        }
        if (other.statistics != null) {
            double[] mine = statistics(other.statistics.length);
            for (int p = 0; p < mine.length; p++) {
                mine[p] += other.statistics[p];
            }
        }
        cost += other.cost;
        count += other.count;
        computeNanos += other.computeNanos;
        slowestComputeNanos = Math.max(slowestComputeNanos, other.slowestComputeNanos);
        correct += other.correct;
        return this;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        DoubleArrays.write(out, accumulators);
        DoubleArrays.write(out, statistics);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        accumulators = DoubleArrays.read(in);
        statistics = DoubleArrays.read(in);
    }
}
