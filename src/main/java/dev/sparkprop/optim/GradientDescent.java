package dev.sparkprop.optim;

/**
 * Plain gradient descent, the notes' update: Θ := Θ - α D. With D over the whole training set
 * this is batch gradient descent; over a minibatch, minibatch (stochastic) gradient descent.
 */
public final class GradientDescent implements Optimizer {

    private final double learningRate;

    /** @param learningRate α &gt; 0 */
    public GradientDescent(double learningRate) {
        if (!(learningRate > 0.0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0; got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** α. */
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void step(double[] gradient, double[] theta) {
        for (int p = 0; p < theta.length; p++) {
            theta[p] -= learningRate * gradient[p];
        }
    }
}
