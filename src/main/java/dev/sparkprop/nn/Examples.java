package dev.sparkprop.nn;

import java.io.Serializable;

/**
 * m examples stacked side by side, one example per column (column-major):
 *
 * <pre>
 *   features  s_1 x m     column c = x^(c)
 *   targets   K x m       column c = y^(c): one-hot for classification, real values for regression
 * </pre>
 *
 * This is what a partition holds (cached on Spark, or in a list in one JVM) and what gradient
 * checking and prediction take; {@link Backprop} walks it in GEMM blocks of {@code block-size}
 * columns. "Block" means only that chunk. The arrays are owned by this object and never written
 * after construction.
 */
public final class Examples implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int featureCount;
    private final int targetCount;
    private final int size;
    private final double[] features;
    private final double[] targets;

    /**
     * Wraps column-major arrays without copying.
     *
     * @param features {@code featureCount x size}
     * @param targets {@code targetCount x size}, or null for examples that are only scored
     */
    public Examples(int featureCount, int targetCount, int size, double[] features, double[] targets) {
        if (featureCount < 1 || size < 0 || targetCount < 0) {
            throw new IllegalArgumentException(size + " examples with " + featureCount
                    + " features and " + targetCount + " targets is not a valid shape");
        }
        if (features.length != (long) featureCount * size) {
            throw new IllegalArgumentException("features hold " + features.length + " values; "
                    + featureCount + " x " + size + " needs " + (long) featureCount * size);
        }
        if (targets != null && targets.length != (long) targetCount * size) {
            throw new IllegalArgumentException("targets hold " + targets.length + " values; "
                    + targetCount + " x " + size + " needs " + (long) targetCount * size);
        }
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.size = size;
        this.features = features;
        this.targets = targets;
    }

    /** A block from row arrays: {@code x[c]} and {@code y[c]} are example c's features and targets. */
    public static Examples fromRows(double[][] x, double[][] y) {
        if (x.length == 0) {
            throw new IllegalArgumentException("a block needs at least one example");
        }
        int n = x[0].length;
        int k = y == null ? 0 : y[0].length;
        double[] features = new double[n * x.length];
        double[] targets = y == null ? null : new double[k * x.length];
        for (int c = 0; c < x.length; c++) {
            if (x[c].length != n || (y != null && y[c].length != k)) {
                throw new IllegalArgumentException("example " + c + " has " + x[c].length + " features and "
                        + (y == null ? 0 : y[c].length) + " targets; example 0 has " + n + " and " + k);
            }
            System.arraycopy(x[c], 0, features, c * n, n);
            if (y != null) {
                System.arraycopy(y[c], 0, targets, c * k, k);
            }
        }
        return new Examples(n, k, x.length, features, targets);
    }

    /** s_1, the features per example. */
    public int featureCount() {
        return featureCount;
    }

    /** K, the targets per example (0 for a block that is only scored). */
    public int targetCount() {
        return targetCount;
    }

    /** m, the number of examples. */
    public int size() {
        return size;
    }

    /** Whether the block carries targets. */
    public boolean hasTargets() {
        return targets != null;
    }

    /** Copies example {@code column}'s features into {@code into} at {@code offset}. */
    public void copyFeatures(int column, double[] into, int offset) {
        System.arraycopy(features, column * featureCount, into, offset, featureCount);
    }

    /** Copies example {@code column}'s targets into {@code into} at {@code offset}. */
    public void copyTargets(int column, double[] into, int offset) {
        System.arraycopy(targets, column * targetCount, into, offset, targetCount);
    }

    /** Feature i (0-based) of example c. */
    public double feature(int c, int i) {
        return features[c * featureCount + i];
    }

    /** Target k (0-based) of example c. */
    public double target(int c, int k) {
        return targets[c * targetCount + k];
    }
}
