package dev.sparkprop.optim;

/**
 * Classical momentum (Polyak's heavy ball), in the form Keras uses, with α inside the velocity:
 *
 * <pre>
 *   v := μ v - α D
 *   Θ := Θ + v
 * </pre>
 *
 * v starts at 0, so the first step equals gradient descent; along a steady gradient v grows
 * towards -α D / (1 - μ), a step 1/(1 - μ) times longer (10 times for μ = 0.9). Because α sits
 * inside v, a schedule's change of α takes effect gradually, through new terms only. (PyTorch
 * keeps α outside: v := μ v + D, Θ := Θ - α v; the two agree while α is constant.)
 */
final class Momentum extends VelocityOptimizer {

    /**
     * @param learningRate α, finite and &gt; 0
     * @param momentum μ in [0, 1); 0 is gradient descent
     */
    public Momentum(double learningRate, double momentum) {
        super("momentum", learningRate, momentum);
    }

    @Override
    void update(double[] gradient, double learningRate, double momentum, double[] velocity, double[] theta) {
        for (int p = 0; p < theta.length; p++) {
            velocity[p] = momentum * velocity[p] - learningRate * gradient[p];
            theta[p] += velocity[p];
        }
    }
}
