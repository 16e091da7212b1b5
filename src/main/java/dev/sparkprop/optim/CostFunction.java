package dev.sparkprop.optim;

/**
 * A differentiable cost J(θ) for {@link Lbfgs}: for the network, the regularized cost and
 * gradient D over the whole training set (one Spark job per evaluation).
 *
 * <p>This interface is read by the Scala compiler too ({@code BreezeAdapter.scala} calls it), so
 * it stays plain Java 8 syntax: no records, no sealed types.
 */
@FunctionalInterface
public interface CostFunction {

    /**
     * Computes J(θ) and writes ∇J(θ) into {@code gradient}.
     *
     * @param theta θ, read only
     * @param gradient receives ∇J(θ); same length as θ, its old values ignored
     * @return J(θ)
     */
    double evaluateInto(double[] theta, double[] gradient);
}
