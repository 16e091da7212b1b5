package dev.sparkprop.train;

import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.optim.Regularization;
import java.io.Serializable;

/**
 * The regularization terms of the reported cost, biases excluded: λ/(2m)·ΣΘ² (L2, also in the
 * gradient through {@link CostGradient}) and (λ1/m)·Σ|Θ| (L1, added to the gradient by the update
 * rule).
 *
 * @param lambda λ of L2
 * @param l1 λ1 of L1
 */
public record Penalties(double lambda, double l1) implements Serializable {

    /** The regularized mean cost J over {@code count} examples whose unregularized costs sum to {@code costSum}. */
    public double cost(NetworkSpec spec, double costSum, long count, double[] theta) {
        double cost = costSum / count + lambda / (2.0 * count) * CostGradient.sumOfSquaredWeights(spec, theta);
        return l1 == 0 ? cost : cost + Regularization.l1Penalty(spec, theta, l1, count);
    }
}
