package dev.sparkprop.optim;

import dev.sparkprop.nn.NetworkSpec;

/**
 * L1 regularization of the weights (biases, column 0 of each Θ^(l), excluded), scaled like the
 * notes' L2 term:
 *
 * <pre>
 *   L2 (in CostGradient):  penalty λ/(2m) Σ (Θ^(l)_ij)²    gradient (λ/m) Θ^(l)_ij
 *   L1 (here):             penalty λ1/m  Σ |Θ^(l)_ij|      gradient (λ1/m) sign(Θ^(l)_ij)
 * </pre>
 *
 * Both are divided by m for the same reason: J averages the data cost over the m examples, and
 * the penalty is averaged with it, so that m J = Σ_i J_i + λ/2 ΣΘ² (or + λ1 Σ|Θ|): λ weighs the
 * penalty against the summed data cost, as in the notes. The ½ of L2 is there only to cancel the
 * 2 of d(Θ²)/dΘ; |Θ| has derivative ±1, so L1 needs no ½, and both gradients come out with the
 * same coefficient, λ/m and λ1/m: equal λ and λ1 pull a weight of size 1 equally hard.
 *
 * <p>|Θ| has no derivative at 0; sign(0) = 0 is used there (a subgradient), so a weight at
 * exactly 0 feels no pull. Plain gradient steps make L1 weights hover around 0 rather than land
 * on it; they are small, not exactly sparse.
 */
public final class Regularization {

    private Regularization() {
    }

    /**
     * Adds (λ1/m) sign(Θ^(l)_ij) to D^(l)_ij for every weight (j ≥ 1); D's biases are untouched.
     *
     * @param l1 λ1 ≥ 0
     * @param count m ≥ 1, the examples D was averaged over
     * @param gradient D in θ's layout, updated in place
     */
    public static void addL1Into(NetworkSpec spec, double[] theta, double l1, long count, double[] gradient) {
        check(spec, theta, l1, count);
        if (gradient.length != theta.length) {
            throw new IllegalArgumentException("the gradient has " + gradient.length + " values but θ has "
                    + theta.length);
        }
        double coefficient = l1 / count;
        for (int l = 1; l < spec.layerCount(); l++) {
            for (int p = spec.weightOffset(l); p < spec.thetaEnd(l); p++) {
                gradient[p] += coefficient * Math.signum(theta[p]);
            }
        }
    }

    /** (λ1/m) Σ |Θ^(l)_ij| over the weights (j ≥ 1): the term to add to J. */
    public static double l1Penalty(NetworkSpec spec, double[] theta, double l1, long count) {
        check(spec, theta, l1, count);
        double total = 0.0;
        for (int l = 1; l < spec.layerCount(); l++) {
            for (int p = spec.weightOffset(l); p < spec.thetaEnd(l); p++) {
                total += Math.abs(theta[p]);
            }
        }
        return l1 / count * total;
    }

    private static void check(NetworkSpec spec, double[] theta, double l1, long count) {
        if (!(l1 >= 0 && Double.isFinite(l1))) {
            throw new IllegalArgumentException("l1=" + l1 + ": must be a finite number >= 0");
        }
        if (count < 1) {
            throw new IllegalArgumentException("m=" + count + ": the penalty is averaged over m >= 1 examples");
        }
        spec.checkThetaLength(theta);
    }
}
