package dev.sparkprop.nn;

/**
 * The regularized cost J(Θ) and its gradient D over m examples, formed once from raw sums by
 * whoever holds the true total m (the driver, in Spark):
 *
 * <pre>
 *   J = (1/m) Σ_i J_1(x^(i), y^(i)) + λ/(2m) Σ_l Σ_{i, j≥1} (Θ^(l)_ij)^2
 *   D^(l)_ij = Δ^(l)_ij / m + (λ/m) Θ^(l)_ij    for j ≥ 1
 *   D^(l)_i0 = Δ^(l)_i0 / m                      (no regularization on the bias column)
 * </pre>
 *
 * @param cost J
 * @param gradient D, in θ's layout
 * @param count m
 */
public record CostGradient(double cost, double[] gradient, long count) {

    /** Divides the sums by their count m and adds the L2 terms for {@code lambda} = λ ≥ 0. */
    public static CostGradient of(NetworkSpec spec, double[] theta, GradientSum sum, double lambda) {
        if (sum.count() < 1 || sum.delta() == null) {
            throw new IllegalArgumentException("no examples were summed; a gradient needs m >= 1");
        }
        double m = sum.count();
        double[] delta = sum.delta();
        double[] gradient = new double[theta.length];
        for (int p = 0; p < theta.length; p++) {
            gradient[p] = delta[p] / m;
        }
        double penalty = 0.0;
        if (lambda != 0.0) {
            forEachWeight(spec, p -> gradient[p] += lambda / m * theta[p]);
            penalty = lambda / (2.0 * m) * sumOfSquaredWeights(spec, theta);
        }
        return new CostGradient(sum.cost() / m + penalty, gradient, sum.count());
    }

    /** Σ over every Θ^(l)_ij with j ≥ 1 (biases excluded) of Θ^(l)_ij². */
    public static double sumOfSquaredWeights(NetworkSpec spec, double[] theta) {
        double total = 0.0;
        for (int l = 1; l < spec.layerCount(); l++) {
            for (int p = spec.weightOffset(l); p < spec.thetaEnd(l); p++) {
                total += theta[p] * theta[p];
            }
        }
        return total;
    }

    /** Calls {@code action} with the θ index of every weight that is not a bias. */
    public static void forEachWeight(NetworkSpec spec, java.util.function.IntConsumer action) {
        for (int l = 1; l < spec.layerCount(); l++) {
            for (int p = spec.weightOffset(l); p < spec.thetaEnd(l); p++) {
                action.accept(p);
            }
        }
    }
}
