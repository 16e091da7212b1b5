package dev.sparkprop.optim;

/**
 * Clipping by global norm (Pascanu, Mikolov and Bengio 2013): when ‖D‖₂ over all of θ's layout
 * exceeds {@code maxNorm}, D is scaled by maxNorm / ‖D‖₂. The direction is kept, only the length
 * is capped, so a rare huge gradient (a cliff in the cost surface, an outlier minibatch) cannot
 * throw θ far away; ordinary gradients pass untouched. Apply it to D before the optimizer step.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Scales {@code gradient} in place to norm {@code maxNorm} when its Euclidean norm is larger.
     *
     * @param maxNorm the largest allowed norm, &gt; 0 ({@code +∞} never clips)
     * @return ‖D‖₂ before clipping. A non-finite norm (a NaN or infinite entry) leaves D as it is
     *         and is returned, for the caller to stop on
     */
    public static double clipByGlobalNorm(double[] gradient, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clip-norm=" + maxNorm + ": must be > 0");
        }
        double norm = norm(gradient);
        if (norm > maxNorm && Double.isFinite(norm)) {
            double scale = maxNorm / norm;
            for (int p = 0; p < gradient.length; p++) {
                gradient[p] *= scale;
            }
        }
        return norm;
    }

    /** ‖x‖₂ in one pass; a second pass, scaled by the largest |x_p|, only when Σ x_p² overflows. */
    static double norm(double[] x) {
        double sumOfSquares = 0.0;
        for (double value : x) {
            sumOfSquares += value * value;
        }
        if (!Double.isInfinite(sumOfSquares)) {
            return Math.sqrt(sumOfSquares);
        }
        double largest = 0.0;
        for (double value : x) {
            largest = Math.max(largest, Math.abs(value));
        }
        if (Double.isInfinite(largest)) {
            return largest;
        }
        double scaledSum = 0.0;
        for (double value : x) {
            double scaled = value / largest;
            scaledSum += scaled * scaled;
        }
        return largest * Math.sqrt(scaledSum);
    }
}
