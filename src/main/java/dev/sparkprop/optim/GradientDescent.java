package dev.sparkprop.optim;

/**
 * Plain gradient descent, the notes' update: Θ := Θ - α D. With D over the whole training set
 * this is batch gradient descent; over a minibatch, minibatch (stochastic) gradient descent.
 * It keeps no state: {@link #state()} is empty.
 */
public final class GradientDescent implements Optimizer {

    private final double learningRate;

    /** @param learningRate α, finite and &gt; 0 */
    public GradientDescent(double learningRate) {
        Optimizers.requireLearningRate(learningRate);
        this.learningRate = learningRate;
    }

    /** α. */
    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void step(double[] gradient, double[] theta, double learningRate) {
        Optimizers.checkStep(gradient, theta, learningRate);
        for (int p = 0; p < theta.length; p++) {
            theta[p] -= learningRate * gradient[p];
        }
    }

    /** No state: an empty array. */
    @Override
    public double[][] state() {
        return new double[0][];
    }

    /** Accepts only the empty state that {@link #state()} exports. */
    @Override
    public void restore(double[][] state) {
        Optimizers.checkStateCount("sgd", state, 0);
    }
}
