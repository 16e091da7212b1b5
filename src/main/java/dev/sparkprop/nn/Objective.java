package dev.sparkprop.nn;

import java.io.Serializable;
import java.util.function.DoubleUnaryOperator;

/**
 * The cost J(Θ) that training minimizes and its gradient D, both regularized, formed once from
 * raw sums ({@link GradientSum}) by whoever holds the true totals (the driver, in Spark). With m
 * the examples of the <b>training set</b> and b ≤ m those of one step (b = m for a full batch):
 *
 * <pre>
 *   J        = (1/m) Σ_i J_1(x^(i), y^(i))  +  λ/(2m) Σ (Θ^(l)_ij)²  +  (λ1/m) Σ |Θ^(l)_ij|
 *   D^(l)_ij = Δ^(l)_ij / b  +  (λ/m) Θ^(l)_ij  +  (λ1/m) sign(Θ^(l)_ij)      for j ≥ 1
 *   D^(l)_i0 = Δ^(l)_i0 / b                                                  (the bias column)
 * </pre>
 *
 * where Δ sums over the step's b examples and the sums of the penalties run over every weight
 * Θ^(l)_ij with j ≥ 1: biases are not regularized. The first penalty is the notes' L2 term, the
 * second L1.
 *
 * <p>Both penalties are divided by the training set's m, whatever the batch: J averages the data
 * cost over the m training examples, and the penalty is averaged with it, so that
 * m J = Σ_i J_1 + λ/2 ΣΘ² + λ1 Σ|Θ|: λ and λ1 weigh the penalties against the summed data cost, as
 * in the notes. A minibatch step's D is then an unbiased estimate of the notes' full-batch D
 * (Δ/b estimates Δ/m; the penalty's gradient is exact), so one λ means one objective at every
 * batch size. (Before this rule the penalty was divided by b: λ then meant λ·m/b in the notes'
 * J. A model file records which rule trained it: {@code model.Provenance#PENALTY_M}.) The ½ of L2
 * is there only to cancel the 2 of d(Θ²)/dΘ; |Θ| has derivative ±1, so L1 needs no ½, and both
 * gradients come out with the same coefficient, λ/m and λ1/m: equal λ and λ1 pull a weight of
 * size 1 equally hard. |Θ| has no derivative at 0; sign(0) = 0 is used there (a subgradient), so a
 * weight at exactly 0 feels no pull. Plain gradient steps make L1 weights hover around 0 rather
 * than land on it; they are small, not exactly sparse.
 *
 * <p>The penalty does not depend on the data, so a held-out set (validation, test) is judged by
 * its data cost alone, (1/m_cv) Σ J_1: the notes' J_cv and J_test. {@link #cost} is the training
 * set's J.
 *
 * <p>The floating-point order is part of the contract (trained Θ are pinned to the bit): each D
 * entry is ((Δ/b + (λ/m)Θ) + (λ1/m) sign(Θ)), J is ((Σ J_1 / b + L2) + L1), the penalty sums run
 * over the layers in order and each Θ^(l) in θ's order, and a term whose λ or λ1 is 0 is left
 * out of D rather than added as zeros. With b = m these are the full-batch values, bit for bit.
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
     * J and D at θ for a full batch: the sums {@code sum} are over the whole training set, m =
     * {@code sum.count()} (see the class doc). Reads θ and the sums; D is a new array in θ's layout.
     */
    public CostGradient costGradient(NetworkSpec spec, double[] theta, GradientSum sum) {
        return costGradient(spec, theta, sum, sum.count());
    }

    /**
     * J and D at θ from the raw sums of one step's b = {@code sum.count()} examples, the penalties
     * over the training set's m = {@code trainingCount} (see the class doc): D = Δ/b + (λ/m)Θ +
     * (λ1/m) sign(Θ), and J = Σ J_1/b + the penalties, the step's estimate of the training J.
     * Reads θ and the sums; D is a new array in θ's layout.
     */
    public CostGradient costGradient(NetworkSpec spec, double[] theta, GradientSum sum, long trainingCount) {
        if (sum.count() < 1 || sum.accumulators() == null) {
            throw new IllegalArgumentException("no examples were summed; a gradient needs m >= 1");
        }
        requireCount(trainingCount);
        spec.checkThetaLength(theta);
        double b = sum.count();
        double m = trainingCount;
        double[] accumulators = sum.accumulators();
        double[] gradient = new double[theta.length];
        for (int p = 0; p < theta.length; p++) {
            gradient[p] = accumulators[p] / b;
        }
        if (lambda != 0.0) {
            addToWeights(spec, lambda / m, theta, weight -> weight, gradient); // (λ/m) Θ
        }
        if (l1 != 0.0) {
            addToWeights(spec, l1 / m, theta, Math::signum, gradient); // (λ1/m) sign(Θ)
        }
        return new CostGradient(cost(spec, theta, sum.cost(), sum.count(), trainingCount), gradient, sum.count());
    }

    /**
     * The training set's J at θ from its unregularized cost sum Σ J_1 over all of its
     * {@code count} = m examples: what a pass that only evaluates (no D) reports for the training set.
     */
    public double cost(NetworkSpec spec, double[] theta, double costSum, long count) {
        return cost(spec, theta, costSum, count, count);
    }

    /**
     * The mean data cost of {@code count} examples, Σ J_1 / {@code count}, plus the penalties over
     * the training set's m = {@code trainingCount}: J estimated from some of the training examples
     * (a step's, or an epoch's steps at their own Θ), or J itself when they are all of them.
     */
    public double cost(NetworkSpec spec, double[] theta, double costSum, long count, long trainingCount) {
        requireCount(count);
        double cost = costSum / count + (lambda == 0.0 ? 0.0 : l2Penalty(spec, theta, trainingCount));
        return l1 == 0.0 ? cost : cost + l1Penalty(spec, theta, trainingCount);
    }

    /** λ/(2m) Σ Θ² + (λ1/m) Σ |Θ| over the weights, m = {@code trainingCount}: J minus the data cost. */
    public double penalty(NetworkSpec spec, double[] theta, long trainingCount) {
        return (lambda == 0.0 ? 0.0 : l2Penalty(spec, theta, trainingCount))
                + (l1 == 0.0 ? 0.0 : l1Penalty(spec, theta, trainingCount));
    }

    /** Whether J has a penalty at all (λ or λ1 above 0): otherwise J is the data cost. */
    public boolean isRegularized() {
        return lambda != 0.0 || l1 != 0.0;
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
