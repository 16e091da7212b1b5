package dev.sparkprop.nn;

import java.io.Serializable;
import java.util.function.DoubleUnaryOperator;

/**
 * The cost J(Θ) that training minimizes and its gradient D, both regularized, formed once from
 * raw sums ({@link GradientSum}) by whoever holds the true total m (the driver, in Spark):
 *
 * <pre>
 *   J        = (1/m) Σ_i J_1(x^(i), y^(i))  +  λ/(2m) Σ (Θ^(l)_ij)²  +  (λ1/m) Σ |Θ^(l)_ij|
 *   D^(l)_ij = Δ^(l)_ij / m  +  (λ/m) Θ^(l)_ij  +  (λ1/m) sign(Θ^(l)_ij)      for j ≥ 1
 *   D^(l)_i0 = Δ^(l)_i0 / m                                                  (the bias column)
 * </pre>
 *
 * where the sums of the penalties run over every weight Θ^(l)_ij with j ≥ 1: biases are not
 * regularized. The first penalty is the notes' L2 term, the second L1.
 *
 * <p>Both penalties are divided by m for the same reason: J averages the data cost over the m
 * examples, and the penalty is averaged with it, so that m J = Σ_i J_1 + λ/2 ΣΘ² + λ1 Σ|Θ|: λ and
 * λ1 weigh the penalties against the summed data cost, as in the notes. The ½ of L2 is there only
 * to cancel the 2 of d(Θ²)/dΘ; |Θ| has derivative ±1, so L1 needs no ½, and both gradients come
 * out with the same coefficient, λ/m and λ1/m: equal λ and λ1 pull a weight of size 1 equally
 * hard. |Θ| has no derivative at 0; sign(0) = 0 is used there (a subgradient), so a weight at
 * exactly 0 feels no pull. Plain gradient steps make L1 weights hover around 0 rather than land
 * on it; they are small, not exactly sparse.
 *
 * <p>The floating-point order is part of the contract (trained Θ are pinned to the bit): each D
 * entry is ((Δ/m + (λ/m)Θ) + (λ1/m) sign(Θ)), J is ((Σ J_1 / m + L2) + L1), the penalty sums run
 * over the layers in order and each Θ^(l) in θ's order, and a term whose λ or λ1 is 0 is left
 * out of D rather than added as zeros.
 *
 * @param lambda λ ≥ 0, the weight of L2 [lambda]
 * @param l1 λ1 ≥ 0, the weight of L1 [l1]
 */
public record Objective(double lambda, double l1) implements Serializable {

    /** The unregularized cost: λ = λ1 = 0. */
    public static final Objective UNREGULARIZED = new Objective(0.0, 0.0);

    /** Checks λ and λ1, quoting the config key and value: the one check of both settings. */
    public Objective {
        requireWeight("lambda", lambda);
        requireWeight("l1", l1);
    }

    /** The notes' objective: L2 with weight {@code lambda}, no L1. */
    public static Objective l2(double lambda) {
        return new Objective(lambda, 0.0);
    }

    /**
     * A penalty weight under its config key ({@code lambda} or {@code l1}): finite and &gt;= 0. The
     * one check of both; the config's key table calls it too.
     */
    public static double requireWeight(String key, double value) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(key + "=" + value + ": must be a finite number >= 0");
        }
        return value;
    }

    /**
     * J and D at θ over the m = {@code sum.count()} examples whose raw sums are {@code sum} (see
     * the class doc). Reads θ and the sums; D is a new array in θ's layout.
     */
    public CostGradient costGradient(NetworkSpec spec, double[] theta, GradientSum sum) {
        if (sum.count() < 1 || sum.accumulators() == null) {
            throw new IllegalArgumentException("no examples were summed; a gradient needs m >= 1");
        }
        spec.checkThetaLength(theta);
        double m = sum.count();
        double[] accumulators = sum.accumulators();
        double[] gradient = new double[theta.length];
        for (int p = 0; p < theta.length; p++) {
            gradient[p] = accumulators[p] / m;
        }
        if (lambda != 0.0) {
            addToWeights(spec, lambda / m, theta, weight -> weight, gradient); // (λ/m) Θ
        }
        if (l1 != 0.0) {
            addToWeights(spec, l1 / m, theta, Math::signum, gradient); // (λ1/m) sign(Θ)
        }
        return new CostGradient(cost(spec, theta, sum.cost(), sum.count()), gradient, sum.count());
    }

    /**
     * J at θ from an unregularized cost sum Σ J_1 over {@code count} = m examples: what a pass
     * that only evaluates (no D) reports, with the same penalties as training's J.
     */
    public double cost(NetworkSpec spec, double[] theta, double costSum, long count) {
        requireCount(count);
        double cost = costSum / count + (lambda == 0.0 ? 0.0 : l2Penalty(spec, theta, count));
        return l1 == 0.0 ? cost : cost + l1Penalty(spec, theta, count);
    }

    /** λ/(2m) Σ (Θ^(l)_ij)² over the weights (j ≥ 1), with m = {@code count}: the L2 term of J. */
    public double l2Penalty(NetworkSpec spec, double[] theta, long count) {
        requireCount(count);
        return lambda / (2.0 * count) * sumOfSquaredWeights(spec, theta);
    }

    /** (λ1/m) Σ |Θ^(l)_ij| over the weights (j ≥ 1), with m = {@code count}: the L1 term of J. */
    public double l1Penalty(NetworkSpec spec, double[] theta, long count) {
        requireCount(count);
        return l1 / count * sumOfAbsoluteWeights(spec, theta);
    }

    /** Σ (Θ^(l)_ij)² over every weight that is not a bias (j ≥ 1). */
    public static double sumOfSquaredWeights(NetworkSpec spec, double[] theta) {
        return sumOverWeights(spec, theta, weight -> weight * weight);
    }

    /** Σ |Θ^(l)_ij| over every weight that is not a bias (j ≥ 1). */
    public static double sumOfAbsoluteWeights(NetworkSpec spec, double[] theta) {
        return sumOverWeights(spec, theta, Math::abs);
    }

    /** Σ f(Θ^(l)_ij) over the weights (j ≥ 1), layer by layer and each Θ^(l) in θ's order. */
    private static double sumOverWeights(NetworkSpec spec, double[] theta, DoubleUnaryOperator f) {
        spec.checkThetaLength(theta);
        double total = 0.0;
        for (int l = 1; l < spec.layerCount(); l++) {
            for (int p = spec.weightOffset(l); p < spec.thetaEnd(l); p++) {
                total += f.applyAsDouble(theta[p]);
            }
        }
        return total;
    }

    /** D^(l)_ij += coefficient · f(Θ^(l)_ij) for every weight (j ≥ 1); the bias column of D is untouched. */
    private static void addToWeights(NetworkSpec spec, double coefficient, double[] theta, DoubleUnaryOperator f,
                                     double[] gradient) {
        for (int l = 1; l < spec.layerCount(); l++) {
            for (int p = spec.weightOffset(l); p < spec.thetaEnd(l); p++) {
                gradient[p] += coefficient * f.applyAsDouble(theta[p]);
            }
        }
    }

    private static void requireCount(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("m=" + count + ": the cost is averaged over m >= 1 examples");
        }
    }
}
