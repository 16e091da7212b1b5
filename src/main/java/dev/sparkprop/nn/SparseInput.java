package dev.sparkprop.nn;

/**
 * The first layer's two products when the input A^(1) is held as compressed sparse rows
 * ({@link Examples#sparse}) instead of a dense (s_1+1) x m block: the only products that touch
 * A^(1). Everything after layer 1 is the dense kernel's GEMMs. Each is a loop over the stored
 * (non-zero) values, touching one column of Θ^(1) (or Δ^(1)) per value: s_2 contiguous doubles,
 * since Θ is column-major. The work is proportional to the non-zeros times s_2, where the dense
 * GEMM's is s_1 times s_2 per example, and nothing is allocated.
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

    private SparseInput() {
    }

    /**
     * Writes Z^(2) = Θ^(1) A^(1) for the m examples {@code selected[0..m)} of {@code data} into
     * {@code z} (rows x m, column c at {@code zOffset + c·ldz}). {@code sum} and {@code column}
     * are the workspace's two columns of at least rows doubles ({@link #addScaled}). Mutates only
     * {@code z} and the two columns.
     */
    static void multiplyInto(double[] theta, int thetaOffset, int rows, Examples data, int[] selected, int m,
                             double[] z, int zOffset, int ldz, double[] sum, double[] column) {
        for (int c = 0; c < m; c++) {
            System.arraycopy(theta, thetaOffset, sum, 0, rows); // the bias column times a_0 = 1
            int example = selected[c];
            for (int k = data.rowStart(example), end = data.rowEnd(example); k < end; k++) {
                System.arraycopy(theta, thetaOffset + (data.storedColumn(k) + 1) * rows, column, 0, rows);
                addScaled(data.storedValue(k), column, sum, rows);
            }
            System.arraycopy(sum, 0, z, zOffset + c * ldz, rows);
        }
    }

    /**
     * Adds δ^(2) (A^(1))ᵀ for the m examples {@code selected[0..m)} of {@code data} into
     * {@code accumulators} at Δ^(1)'s offset (rows x (s_1+1), leading dimension rows); {@code
     * errors} is δ^(2), rows x m, contiguous; {@code error} and {@code column} are the workspace's
     * two columns. Mutates only {@code accumulators} and the two columns.
     */
    static void accumulateInto(double[] errors, int rows, Examples data, int[] selected, int m,
                               double[] accumulators, int deltaOffset, double[] error, double[] column) {
        for (int c = 0; c < m; c++) {
            System.arraycopy(errors, c * rows, error, 0, rows);
            addScaledInto(1.0, error, accumulators, deltaOffset, rows, column); // the bias column: a_0 = 1
            int example = selected[c];
            for (int k = data.rowStart(example), end = data.rowEnd(example); k < end; k++) {
                addScaledInto(data.storedValue(k), error, accumulators, deltaOffset + (data.storedColumn(k) + 1) * rows,
                        rows, column);
            }
        }
    }

    /** y[at..at+n) += v x[0..n), through {@code column}: the copy in and out lets {@link #addScaled} vectorize. */
    private static void addScaledInto(double v, double[] x, double[] y, int at, int n, double[] column) {
        System.arraycopy(y, at, column, 0, n);
        addScaled(v, x, column, n);
        System.arraycopy(column, 0, y, at, n);
    }

    /**
     * y[0..n) += v x[0..n), one rounded product and one rounded sum per element, as the loop over
     * Θ's or Δ's own columns computed them (so the bits are the same). Both arrays start at 0
     * because Java 17's C2 compiles this loop to vector instructions only when the two arrays are
     * indexed alike: with a loop-invariant offset on either (a column of Θ^(1) read in place) it
     * cannot rule out that they overlap, runs it one double at a time, and a 256-double column
     * took 4-5x as long as a copy into the workspace and this loop together.
     */
    private static void addScaled(double v, double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += v * x[i];
        }
    }
}
