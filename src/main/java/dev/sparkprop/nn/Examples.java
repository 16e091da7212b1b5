package dev.sparkprop.nn;

import dev.sparkprop.linalg.DoubleArrays;
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
 *
 * <p>The values are stored in double or, for {@code precision = float} ({@link #toFloat()}), in
 * float: half the bytes of a cached partition. Either kernel reads either storage: the copy
 * methods widen or round on the way into the kernel's own buffers.
 */
public final class Examples implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int featureCount;
    private final int targetCount;
    private final int size;
    /** Double storage: features and targets, or null when stored in float. */
    private final double[] features;
    private final double[] targets;
    /** Float storage ({@link #toFloat()}): features and targets, or null when stored in double. */
    private final float[] floatFeatures;
    private final float[] floatTargets;

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
        this.floatFeatures = null;
        this.floatTargets = null;
    }

    private Examples(Examples stored, float[] floatFeatures, float[] floatTargets) {
        this.featureCount = stored.featureCount;
        this.targetCount = stored.targetCount;
        this.size = stored.size;
        this.features = null;
        this.targets = null;
        this.floatFeatures = floatFeatures;
        this.floatTargets = floatTargets;
    }

    /** These examples stored in float, each value rounded to the nearest float; this, when they already are. */
    public Examples toFloat() {
        return isFloat() ? this
                : new Examples(this, DoubleArrays.toFloat(features), targets == null ? null : DoubleArrays.toFloat(targets));
    }

    /** Whether the values are stored in float ({@link #toFloat()}). */
    public boolean isFloat() {
        return floatFeatures != null;
    }

    /** The bytes of the stored values: 8 (double) or 4 (float) per feature and target. */
    public long storedBytes() {
        long values = ((long) featureCount + (hasTargets() ? targetCount : 0)) * size;
        return values * (isFloat() ? Float.BYTES : Double.BYTES);
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
        return targets != null || floatTargets != null;
    }

    /** Copies example {@code column}'s features into {@code into} at {@code offset} (widened from float storage). */
    public void copyFeatures(int column, double[] into, int offset) {
        copy(features, floatFeatures, column * featureCount, into, offset, featureCount);
    }

    /** Copies example {@code column}'s features into {@code into} at {@code offset} (rounded from double storage). */
    public void copyFeatures(int column, float[] into, int offset) {
        copy(features, floatFeatures, column * featureCount, into, offset, featureCount);
    }

    /** Copies example {@code column}'s targets into {@code into} at {@code offset} (widened from float storage). */
    public void copyTargets(int column, double[] into, int offset) {
        copy(targets, floatTargets, column * targetCount, into, offset, targetCount);
    }

    /** Copies example {@code column}'s targets into {@code into} at {@code offset} (rounded from double storage). */
    public void copyTargets(int column, float[] into, int offset) {
        copy(targets, floatTargets, column * targetCount, into, offset, targetCount);
    }

    /** Copies n stored values from {@code from} (of whichever array is stored) into a double buffer. */
    private static void copy(double[] doubles, float[] floats, int from, double[] into, int offset, int n) {
        if (doubles != null) {
            System.arraycopy(doubles, from, into, offset, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            into[offset + i] = floats[from + i];
        }
    }

    /** Copies n stored values from {@code from} (of whichever array is stored) into a float buffer. */
    private static void copy(double[] doubles, float[] floats, int from, float[] into, int offset, int n) {
        if (floats != null) {
            System.arraycopy(floats, from, into, offset, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            into[offset + i] = (float) doubles[from + i];
        }
    }

    /** Feature i (0-based) of example c. */
    public double feature(int c, int i) {
        int at = c * featureCount + i;
        return features != null ? features[at] : floatFeatures[at];
    }

    /** Target k (0-based) of example c. */
    public double target(int c, int k) {
        int at = c * targetCount + k;
        return targets != null ? targets[at] : floatTargets[at];
    }
}
