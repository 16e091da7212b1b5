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
 *
 * <p>Features that are mostly zeros ({@code sparse}) can be stored compressed instead
 * ({@link #sparse}): example c's non-zero features are {@code values[k]} at 0-based feature
 * {@code columns[k]} for k in {@code [rowPointers[c], rowPointers[c+1])} (compressed sparse rows,
 * one row per example, as a LIBSVM file lists them), in double; the targets stay a dense K x m
 * matrix. Memory is then 12 bytes per non-zero and 4 per example, not 8 per feature. A kernel for
 * sparse input ({@link Backprop#forSparseInput}) reads the compressed rows in place; the dense one
 * reads them expanded by {@link #copyFeatures}.
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
    /** Compressed sparse rows ({@link #sparse}): row c's values are at [rowPointers[c], rowPointers[c+1]); else null. */
    private final int[] rowPointers;
    private final int[] columns;
    private final double[] values;

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
        this.rowPointers = null;
        this.columns = null;
        this.values = null;
    }

    /** Float storage of {@code stored}'s values. */
    private Examples(Examples stored, float[] floatFeatures, float[] floatTargets) {
        this.featureCount = stored.featureCount;
        this.targetCount = stored.targetCount;
        this.size = stored.size;
        this.features = null;
        this.targets = null;
        this.floatFeatures = floatFeatures;
        this.floatTargets = floatTargets;
        this.rowPointers = null;
        this.columns = null;
        this.values = null;
    }

    private Examples(int featureCount, int targetCount, int size, int[] rowPointers, int[] columns, double[] values,
                     double[] targets) {
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.size = size;
        this.features = null;
        this.targets = targets;
        this.floatFeatures = null;
        this.floatTargets = null;
        this.rowPointers = rowPointers;
        this.columns = columns;
        this.values = values;
    }

    /**
     * Wraps compressed sparse rows without copying (see the class doc): example c's features are
     * {@code values[k]} at {@code columns[k]} for k in {@code [rowPointers[c], rowPointers[c+1])},
     * columns strictly ascending within a row.
     *
     * @param rowPointers {@code size + 1} offsets, from 0 to the number of stored values
     * @param targets {@code targetCount x size}, or null for examples that are only scored
     */
    public static Examples sparse(int featureCount, int targetCount, int size, int[] rowPointers, int[] columns,
                                  double[] values, double[] targets) {
        if (featureCount < 1 || size < 0 || targetCount < 0
                || (targets != null && targets.length != (long) targetCount * size)) {
            throw new IllegalArgumentException(size + " examples with " + featureCount + " features and "
                    + targetCount + " targets (" + (targets == null ? 0 : targets.length) + " given) is not a valid shape");
        }
        if (rowPointers.length != size + 1 || rowPointers[0] != 0 || rowPointers[size] != values.length
                || columns.length != values.length) {
            throw new IllegalArgumentException(size + " compressed rows need " + (size + 1) + " row pointers from 0 to "
                    + values.length + " and one column per value; got " + rowPointers.length + " pointers and "
                    + columns.length + " columns");
        }
        for (int c = 0; c < size; c++) {
            for (int k = rowPointers[c]; k < rowPointers[c + 1]; k++) {
                if (columns[k] < 0 || columns[k] >= featureCount || (k > rowPointers[c] && columns[k] <= columns[k - 1])) {
                    throw new IllegalArgumentException("example " + c + " stores feature " + columns[k]
                            + "; features are 0.." + (featureCount - 1) + ", ascending within an example");
                }
            }
        }
        return new Examples(featureCount, targetCount, size, rowPointers, columns, values, targets);
    }

    /** These examples stored in float, each value rounded to the nearest float; this, when they already are. */
    public Examples toFloat() {
        if (isSparse()) {
            throw new IllegalStateException("sparse examples are stored and computed in double only");
        }
        return isFloat() ? this
                : new Examples(this, DoubleArrays.toFloat(features), targets == null ? null : DoubleArrays.toFloat(targets));
    }

    /** Whether the values are stored in float ({@link #toFloat()}). */
    public boolean isFloat() {
        return floatFeatures != null;
    }

    /** Whether the features are stored as compressed sparse rows ({@link #sparse}). */
    public boolean isSparse() {
        return rowPointers != null;
    }

    /**
     * The bytes of the stored values: 8 (double) or 4 (float) per feature and target; sparse, 8 per
     * target, 8 + 4 per stored feature value (value and column) and 4 per example (its row pointer).
     */
    public long storedBytes() {
        long targetBytes = (hasTargets() ? (long) targetCount * size : 0) * (isFloat() ? Float.BYTES : Double.BYTES);
        if (isSparse()) {
            return targetBytes + (long) values.length * (Double.BYTES + Integer.BYTES)
                    + (long) rowPointers.length * Integer.BYTES;
        }
        return targetBytes + (long) featureCount * size * (isFloat() ? Float.BYTES : Double.BYTES);
    }

    /** The number of stored feature values: every one when dense, the non-zeros when sparse. */
    public long storedFeatureCount() {
        return isSparse() ? values.length : (long) featureCount * size;
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
        if (isSparse()) {
            java.util.Arrays.fill(into, offset, offset + featureCount, 0.0);
            for (int k = rowPointers[column]; k < rowPointers[column + 1]; k++) {
                into[offset + columns[k]] = values[k];
            }
            return;
        }
        copy(features, floatFeatures, column * featureCount, into, offset, featureCount);
    }

    /** Copies example {@code column}'s features into {@code into} at {@code offset} (rounded from double storage). */
    public void copyFeatures(int column, float[] into, int offset) {
        if (isSparse()) {
            throw new IllegalStateException("sparse examples are stored and computed in double only");
        }
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
        if (isSparse()) {
            int k = java.util.Arrays.binarySearch(columns, rowPointers[c], rowPointers[c + 1], i);
            return k >= 0 ? values[k] : 0.0;
        }
        int at = c * featureCount + i;
        return features != null ? features[at] : floatFeatures[at];
    }

    /** Target k (0-based) of example c. */
    public double target(int c, int k) {
        int at = c * targetCount + k;
        return targets != null ? targets[at] : floatTargets[at];
    }

    /** Where example c's stored values start ({@link #sparse}): for the sparse-input kernel. */
    int rowStart(int c) {
        return rowPointers[c];
    }

    /** Where example c's stored values end, exclusive. */
    int rowEnd(int c) {
        return rowPointers[c + 1];
    }

    /** The 0-based feature of stored value k. */
    int storedColumn(int k) {
        return columns[k];
    }

    /** Stored value k. */
    double storedValue(int k) {
        return values[k];
    }
}
