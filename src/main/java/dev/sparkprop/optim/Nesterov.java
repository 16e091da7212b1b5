package dev.sparkprop.optim;

/**
 * Nesterov's accelerated gradient in the "lookahead-free" form that Keras (and, with α outside
 * v, PyTorch's {@code nesterov=True}) use, which needs the gradient at Θ only:
 *
 * <pre>
 *   v := μ v - α D
 *   Θ := Θ + μ v - α D       (v here is the new v)
 * </pre>
 *
 * Nesterov's original evaluates D at the look-ahead point Θ + μ v. Tracking Θ' = Θ + μ v instead
 * of Θ turns that into the rule above, so the gradient is taken where θ is and nothing is
 * evaluated twice. Compared with {@link Momentum}, each step adds μ times the new velocity
 * instead of the velocity itself, which damps the overshoot of a long accumulated velocity.
 */
public final class Nesterov extends VelocityOptimizer {

    /**
     * @param learningRate α, finite and &gt; 0
     * @param momentum μ in [0, 1); 0 is gradient descent
     */
    public Nesterov(double learningRate, double momentum) {
        super("nesterov", learningRate, momentum);
    }

    @Override
    void update(double[] gradient, double learningRate, double momentum, double[] velocity, double[] theta) {
        for (int p = 0; p < theta.length; p++) {
            double step = learningRate * gradient[p];
            double v = momentum * velocity[p] - step;
            velocity[p] = v;
            theta[p] += momentum * v - step;
        }
    }
}
