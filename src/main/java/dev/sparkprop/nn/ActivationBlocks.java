package dev.sparkprop.nn;

/**
 * The block kernels of the hidden activations ({@link Activation}): g, g' and the maxout and abs
 * error rules applied to whole {@code rows x cols} blocks of the workspace, column-major.
 *
 * <p>This file is also the template of the single-precision kernel {@code FloatActivationBlocks}:
 * the build copies it with {@code double[]} read as {@code float[]} (see {@link Backprop} for the
 * rules). Each value is still computed in double (Java's {@code Math} has no float exp or tanh) and
 * rounded once where it is stored: the {@code (double)} casts below are those stores, no-ops here.
 */
final class ActivationBlocks {

    private ActivationBlocks() {
    }

    /**
     * Replaces every element of a {@code rows x cols} block (leading dimension {@code ld}) by g of
     * itself: z becomes a. Not for maxout. Mutates {@code values} only.
     */
    static void applyInPlace(Activation g, double[] values, int offset, int rows, int cols, int ld) {
        if (g.kind() == Activation.Kind.IDENTITY) {
            return;
        }
        for (int j = 0; j < cols; j++) {
            int start = offset + j * ld;
            applyRange(g, values, start, start + rows);
        }
    }

    /**
     * values[i] := g(values[i]) for i in [from, to). The float kernel runs this double loop on a
     * widened copy of the range instead ({@link FloatColumns} says why).
     */
    static void applyRange(Activation g, double[] values, int from, int to) {
        //f FloatColumns.apply(g, values, from, to);
        // #if[double]
        for (int i = from; i < to; i++) {
            values[i] = g.apply(values[i]);
        }
        // #end[double]
    }

    /**
     * a := g(z) for a layer that keeps z: z is {@code (pieces·units) x cols}, contiguous; a is
     * {@code units x cols} at {@code activationOffset} with leading dimension {@code ld}. For
     * maxout a_i = max_k z_((i-1)K + k); otherwise a_i = g(z_i). Mutates {@code activations} only.
     */
    static void applyInto(Activation g, double[] z, int units, int cols, double[] activations, int activationOffset,
                          int ld) {
        int pieces = g.pieces();
        boolean maxout = g.kind() == Activation.Kind.MAXOUT;
        for (int j = 0; j < cols; j++) {
            int from = j * units * pieces;
            int to = activationOffset + j * ld;
            for (int i = 0; i < units; i++) {
                int start = from + i * pieces;
                activations[to + i] = maxout ? z[start + winner(z, start, pieces)] : (double) g.apply(z[start]);
            }
        }
    }

    /** The offset, from {@code start}, of the first largest of the K pieces z[start .. start + K). */
    private static int winner(double[] z, int start, int pieces) {
        int best = 0;
        for (int k = 1; k < pieces; k++) {
            if (z[start + k] > z[start + best]) {
                best = k;
            }
        }
        return best;
    }

    /**
     * {@code errors := errors .* g'(z)} (δ^(l) := δ^(l) .* g'(z^(l))), with g'(z) computed from
     * the activations a.
     *
     * <p>errors is {@code rows x cols}, contiguous; a is {@code rows x cols} at
     * {@code activationOffset} with leading dimension {@code ld}. Mutates errors only.
     */
    static void multiplyByDerivative(Activation g, double[] errors, double[] activations, int activationOffset,
                                     int rows, int cols, int ld) {
        if (g.kind() == Activation.Kind.IDENTITY) {
            return;
        }
        for (int j = 0; j < cols; j++) {
            multiplyRange(g, errors, j * rows, activations, activationOffset + j * ld, rows);
        }
    }

    /** errors[d + i] *= g'(from activations[a + i]) for i in [0, rows); in float as {@link #applyRange}. */
    static void multiplyRange(Activation g, double[] errors, int d, double[] activations, int a, int rows) {
        //f FloatColumns.multiplyByDerivative(g, errors, d, activations, a, rows);
        // #if[double]
        for (int i = 0; i < rows; i++) {
            errors[d + i] *= g.derivativeFromOutput(activations[a + i]);
        }
        // #end[double]
    }

    /**
     * δ^(l) from ∂J/∂a^(l) for a layer that keeps z: {@code activationErrors} (∂J/∂a) is
     * {@code units x cols}, z and {@code errors} are {@code (pieces·units) x cols}, all contiguous.
     * abs: δ_i = ∂J/∂a_i · sign(z_i). Maxout: the whole of ∂J/∂a_i goes to unit i's first largest
     * piece, 0 to the others. Writes {@code errors} only.
     */
    static void errorsFromWeightedInput(Activation g, double[] activationErrors, double[] z, int units, int cols,
                                        double[] errors) {
        int pieces = g.pieces();
        for (int j = 0; j < cols; j++) {
            int from = j * units * pieces;
            for (int i = 0; i < units; i++) {
                int start = from + i * pieces;
                if (g.kind() == Activation.Kind.MAXOUT) {
                    int best = winner(z, start, pieces);
                    for (int k = 0; k < pieces; k++) {
                        errors[start + k] = k == best ? activationErrors[j * units + i] : 0;
                    }
                } else {
                    errors[start] = (double) (activationErrors[j * units + i] * g.derivativeAt(z[start]));
                }
            }
        }
    }
}
