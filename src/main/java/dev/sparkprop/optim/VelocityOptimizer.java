package dev.sparkprop.optim;

/**
 * What {@link Momentum} and {@link Nesterov} share: α, the momentum μ and a velocity v in θ's
 * layout, which starts at 0 and is sized on the first step. The two differ only in how v moves θ.
 */
abstract sealed class VelocityOptimizer implements Optimizer permits Momentum, Nesterov {

    private final String name;
    private final double learningRate;
    private final double momentum;
    private double[] velocity = new double[0];

    VelocityOptimizer(String name, double learningRate, double momentum) {
        Optimizers.requireLearningRate(learningRate);
        Optimizers.requireFraction("momentum", momentum);
        this.name = name;
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    /** μ, the fraction of the previous velocity kept at each step. */
    public final double momentum() {
        return momentum;
    }

    @Override
    public final void step(double[] gradient, double[] theta, double learningRate) {
        Optimizers.checkStep(gradient, theta, learningRate);
        velocity = Optimizers.sizedFor(name, velocity, theta.length);
        update(gradient, learningRate, momentum, velocity, theta);
    }

    /** The rule's kernel: updates {@code velocity} and {@code theta} in place (same length as gradient). */
    abstract void update(double[] gradient, double learningRate, double momentum, double[] velocity, double[] theta);

    /** {@code {v}}: the velocity, empty before the first step. */
    @Override
    public final double[][] state() {
        return new double[][] {velocity.clone()};
    }

    /** Takes {@code {v}} as exported by {@link #state()}. */
    @Override
    public final void restore(double[][] state) {
        Optimizers.checkStateCount(name, state, 1);
        velocity = state[0].clone();
    }
}
