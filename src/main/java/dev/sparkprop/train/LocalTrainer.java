package dev.sparkprop.train;

import dev.sparkprop.nn.Backprop;
import dev.sparkprop.nn.CostGradient;
import dev.sparkprop.nn.ExampleBlock;
import dev.sparkprop.nn.GradientSum;
import dev.sparkprop.nn.NetworkSpec;
import dev.sparkprop.nn.Objective;
import dev.sparkprop.optim.GradientDescent;

/**
 * Batch gradient descent in one JVM, no Spark: every step computes D over all examples and
 * applies Θ := Θ - α D. For tests, tiny data, and as the reference the distributed trainer must
 * match.
 *
 * @param learningRate α
 * @param lambda λ, the L2 weight (biases excluded)
 * @param steps how many gradient steps
 */
public record LocalTrainer(double learningRate, double lambda, int steps) {

    /** Validates the settings, quoting the bad one. */
    public LocalTrainer {
        Objective.l2(lambda); // the objective checks λ
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0; got " + steps);
        }
        new GradientDescent(learningRate); // validates α
    }

    /**
     * Trains {@code theta} in place on all of {@code data} and returns J before each step and
     * after the last ({@code steps + 1} values).
     */
    public double[] train(NetworkSpec spec, double[] theta, ExampleBlock data) {
        spec.checkTheta(theta);
        Backprop backprop = new Backprop(spec, Math.min(data.size(), 1024));
        GradientDescent descent = new GradientDescent(learningRate);
        Objective objective = Objective.l2(lambda);
        double[] costs = new double[steps + 1];
        for (int step = 0; step <= steps; step++) {
            GradientSum sum = new GradientSum();
            backprop.accumulateInto(theta, data, null, 0, data.size(), sum);
            CostGradient costGradient = objective.costGradient(spec, theta, sum);
            costs[step] = costGradient.cost();
            if (!Double.isFinite(costs[step])) {
                throw new ArithmeticException("the cost became " + costs[step] + " at step " + step
                        + "; lower the learning rate (now " + learningRate + ")");
            }
            if (step < steps) {
                descent.step(costGradient.gradient(), theta);
            }
        }
        return costs;
    }
}
