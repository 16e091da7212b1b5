package dev.sparkprop.nn;

/**
 * The first layer's two products when the input A^(1) is held as compressed sparse rows
 * ({@link Examples#sparse}) instead of a dense (s_1+1) x m block: the only products that touch
 * A^(1). Everything after layer 1 is the dense kernel's GEMMs. Each is a loop over the stored
 * (non-zero) values, touching one column of Θ^(1) (or Δ^(1)) per value: s_2 contiguous doubles,
 * since Θ is column-major. The work is proportional to the non-zeros times s_2, where the dense
 * GEMM's is s_1 times s_2 per example. The workspace grows to the largest chunk and is kept: no
 * allocation after that.
 *
 * <p>A chunk's values are first grouped by feature ({@link #group}), so that each column of
 * Θ^(1) and Δ^(1) the chunk touches is read (and Δ's written) once per chunk, not once per value:
 * at 1% density a 256-example chunk holds each of its features about 2.8 times, and the first
 * layer is bound by that memory traffic, not by arithmetic; with two tasks sharing the caches the
 * grouping made the slowest task's compute 15-20% shorter. That column is copied once into a
 * buffer indexed from 0, and each example's column of Z^(2) or δ^(2) lives in an array of its own,
 * so the inner loop runs on two arrays indexed alike without a copy per value (the one-core kernel
 * ran 15-30% faster without it). Within every sum the terms still come
 * in the order of the examples and, within an example, of its ascending features, so the bits are
 * those of the loop over each example's compressed row.
 *
 * <p>Notation as in {@link Backprop}: for m examples (columns c = 0..m-1; example {@code
 * selected[c]} of the block), x^(c) has values v_k at features j_k (0-based), so a^(1) = [1; x]
 * and column j_k + 1 of Θ^(1) is the weight column of feature j_k; column 0 is the bias.
 * Θ^(1) is rows x (s_1+1), rows = s_2 (K s_2 below maxout), leading dimension rows.
 *
 * <pre>
 *   forward   z^(2)_c  = Θ^(1)_{:,0} + Σ_k v_k Θ^(1)_{:,j_k+1}            (rows x 1 per column c)
 *   backward  Δ^(1)_{:,0}     += Σ_c δ^(2)_c
 *             Δ^(1)_{:,j_k+1} += v_k δ^(2)_c   for each stored (j_k, v_k) of x^(c)
 * </pre>
 *
 * These are the dense kernel's Z^(2) = Θ^(1) A^(1) and Δ^(1) += δ^(2) (A^(1))ᵀ with the zero
 * terms left out, so they agree with it to rounding (the sums are taken in another order).
 */
final class SparseInput {

    /** s_2 (K s_2 below maxout): Θ^(1)'s rows, the length of every column here. */
    private final int rows;
    /**
     * One array per example c of the chunk, so that every loop here runs on two arrays from index
     * 0 ({@link #addScaled}): Z^(2)'s column c in progress (forward), δ^(2)'s column c (backward).
     */
    private final double[][] columns;
    /** The column of Θ^(1) or Δ^(1) the current feature touches, copied out once per chunk and feature. */
    private final double[] column;
    /** Per feature: 0 when the chunk does not hold it; while grouping, where its entries go next. */
    private final int[] cursor;
    /** Bit j set when the chunk holds feature j: read in ascending order, it lists the features sorted. */
    private final long[] held;
    /** The chunk's distinct features, ascending once grouped. */
    private int[] features = new int[0];
    /** Where each distinct feature's entries end: feature {@code features[f]}'s are [groupEnds[f - 1], groupEnds[f]). */
    private int[] groupEnds = new int[0];
    private int featureCount;
    /** The chunk's stored values grouped by feature (ascending), each group by column c (ascending). */
    private int[] entryColumn = new int[0];
    private double[] entryValue = new double[0];

    /** A workspace for chunks of up to {@code capacity} examples of {@code inputs} features and {@code rows} rows of Θ^(1). */
    SparseInput(int inputs, int rows, int capacity) {
        this.rows = rows;
        columns = new double[capacity][rows];
        column = new double[rows];
        cursor = new int[inputs];
        held = new long[(inputs + 63) >>> 6];
    }

    /**
     * Groups the stored values of the m examples {@code selected[0..m)} of {@code data} by feature,
     * for {@link #multiplyInto} and {@link #accumulateInto} on the same chunk. Arrays grow here, to
     * the largest chunk seen, and are kept.
     */
    void group(Examples data, int[] selected, int m) {
        int stored = 0;
        featureCount = 0;
        for (int c = 0; c < m; c++) {
            stored += data.rowEnd(selected[c]) - data.rowStart(selected[c]);
        }
        if (entryColumn.length < stored) {
            entryColumn = new int[stored];
            entryValue = new double[stored];
        }
        for (int c = 0; c < m; c++) {
            for (int k = data.rowStart(selected[c]), end = data.rowEnd(selected[c]); k < end; k++) {
                int feature = data.storedColumn(k);
                if (cursor[feature]++ == 0) {
                    held[feature >>> 6] |= 1L << feature;
                    featureCount++;
                }
            }
        }
        if (features.length < featureCount) {
            features = new int[featureCount];
            groupEnds = new int[featureCount];
        }
        for (int word = 0, f = 0; f < featureCount; word++) { // the held features, ascending; the bits cleared
            for (long bits = held[word]; bits != 0; bits &= bits - 1) {
                features[f++] = (word << 6) + Long.numberOfTrailingZeros(bits);
            }
            held[word] = 0;
        }
        for (int f = 0, start = 0; f < featureCount; f++) { // counts become each group's first entry
            int count = cursor[features[f]];
            cursor[features[f]] = start;
            start += count;
        }
        for (int c = 0; c < m; c++) {
            for (int k = data.rowStart(selected[c]), end = data.rowEnd(selected[c]); k < end; k++) {
                int at = cursor[data.storedColumn(k)]++;
                entryColumn[at] = c;
                entryValue[at] = data.storedValue(k);
            }
        }
        for (int f = 0; f < featureCount; f++) { // cursors end at each group's end; 0 again for the next chunk
            groupEnds[f] = cursor[features[f]];
            cursor[features[f]] = 0;
        }
    }

    /**
     * Writes Z^(2) = Θ^(1) A^(1) for the m examples of the last {@link #group}ed chunk into
     * {@code z} (rows x m, column c at {@code zOffset + c·ldz}). Mutates only {@code z} and this workspace.
     */
    void multiplyInto(double[] theta, int thetaOffset, int m, double[] z, int zOffset, int ldz) {
        for (int c = 0; c < m; c++) {
            System.arraycopy(theta, thetaOffset, columns[c], 0, rows); // the bias column times a_0 = 1
        }
        int entry = 0;
        for (int f = 0; f < featureCount; f++) {
            System.arraycopy(theta, thetaOffset + (features[f] + 1) * rows, column, 0, rows);
            for (int end = groupEnds[f]; entry < end; entry++) {
                addScaled(entryValue[entry], column, columns[entryColumn[entry]], rows);
            }
        }
        for (int c = 0; c < m; c++) {
            System.arraycopy(columns[c], 0, z, zOffset + c * ldz, rows);
        }
    }

    /**
     * Adds δ^(2) (A^(1))ᵀ for the m examples of the last {@link #group}ed chunk into {@code
     * accumulators} at Δ^(1)'s offset (rows x (s_1+1), leading dimension rows); {@code errors} is
     * δ^(2), rows x m, contiguous. Mutates only {@code accumulators} and this workspace.
     */
    void accumulateInto(double[] errors, int m, double[] accumulators, int deltaOffset) {
        System.arraycopy(accumulators, deltaOffset, column, 0, rows); // the bias column: a_0 = 1
        for (int c = 0; c < m; c++) {
            System.arraycopy(errors, c * rows, columns[c], 0, rows);
            addScaled(1, columns[c], column, rows);
        }
        System.arraycopy(column, 0, accumulators, deltaOffset, rows);
        int entry = 0;
        for (int f = 0; f < featureCount; f++) {
            int at = deltaOffset + (features[f] + 1) * rows;
            System.arraycopy(accumulators, at, column, 0, rows);
            for (int end = groupEnds[f]; entry < end; entry++) {
                addScaled(entryValue[entry], columns[entryColumn[entry]], column, rows);
            }
            System.arraycopy(column, 0, accumulators, at, rows);
        }
    }

    /**
     * y[i] += v x[i] for i in [0, n): one rounded product and one rounded sum per element (v = 1
     * gives the plain sum: 1·x is x exactly). Both arrays are indexed from 0 because Java 17's C2
     * compiles such a loop to vector instructions only when both are indexed alike: with different
     * loop-invariant offsets it cannot rule out that the two overlap and runs it one double at a
     * time, 3-4x slower on a 256-double column.
     */
    private static void addScaled(double v, double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += v * x[i];
        }
    }
}
