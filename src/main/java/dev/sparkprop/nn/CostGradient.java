package dev.sparkprop.nn;

/**
 * The regularized cost J(Θ) and its gradient D at one θ over m examples, as
 * {@link Objective#costGradient} forms them from raw sums.
 *
 * @param cost J
 * @param gradient D, in θ's layout
 * @param count m
 */
public record CostGradient(double cost, double[] gradient, long count) {
}
