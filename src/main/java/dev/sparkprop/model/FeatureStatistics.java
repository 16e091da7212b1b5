package dev.sparkprop.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-feature count, min, max, sum and sum of squares, merged across partitions in one
 * distributed pass; the raw material of {@link FeatureScaling}. Min, max and the exact sums
 * ({@link ExactSum}) do not depend on the order or grouping of the rows, so the same data gives
 * the same scaling however its file is split. Mutable while it is being
 * summed, then read.
 */
public final class FeatureStatistics implements Serializable {

    private static final long serialVersionUID = 1L;

    private long count;
    private double[] min;
    private double[] max;
    /** Exact sums, so the statistics do not depend on how the rows were split into partitions. */
    private ExactSum[] sum;
    private ExactSum[] sumOfSquares;

    /** Empty statistics; arrays are allocated with the first example. */
    public FeatureStatistics() {
    }

    /** Adds one example's raw features and returns this. */
    public FeatureStatistics add(double[] features) {
        allocate(features.length);
        for (int i = 0; i < features.length; i++) {
            double x = features[i];
            min[i] = Math.min(min[i], x);
            max[i] = Math.max(max[i], x);
            sum[i].add(x);
            sumOfSquares[i].add(x * x);
        }
        count++;
        return this;
    }

    /** Merges {@code other} into this and returns this. */
    public FeatureStatistics merge(FeatureStatistics other) {
        if (other.count == 0) {
            return this;
        }
        allocate(other.min.length);
        for (int i = 0; i < min.length; i++) {
            min[i] = Math.min(min[i], other.min[i]);
            max[i] = Math.max(max[i], other.max[i]);
            sum[i].add(other.sum[i]);
            sumOfSquares[i].add(other.sumOfSquares[i]);
        }
        count += other.count;
        return this;
    }

    private void allocate(int features) {
        if (min == null) {
            min = new double[features];
            max = new double[features];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            sum = new ExactSum[features];
            sumOfSquares = new ExactSum[features];
            for (int i = 0; i < features; i++) {
                sum[i] = new ExactSum();
                sumOfSquares[i] = new ExactSum();
            }
        } else if (min.length != features) {
            throw new IllegalArgumentException("an example has " + features + " features; earlier ones had "
                    + min.length);
        }
    }

    /** The number of examples added. */
    long count() {
        return count;
    }

    /** The number of features, 0 before the first example. */
    int featureCount() {
        return min == null ? 0 : min.length;
    }

    double min(int i) {
        return min[i];
    }

    double max(int i) {
        return max[i];
    }

    double mean(int i) {
        return sum[i].value() / count;
    }

    /** The population standard deviation of feature i. */
    double standardDeviation(int i) {
        double mean = mean(i);
        return Math.sqrt(Math.max(0.0, sumOfSquares[i].value() / count - mean * mean));
    }
}
